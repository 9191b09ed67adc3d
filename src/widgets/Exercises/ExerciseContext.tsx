/**
 * What an exercise gives the learner besides the prompt: the proxy chain, the fixed settings,
 * the request length. Every figure is read from the exercise data (seeded in interview mode).
 */
import { describeHop, hopAddress } from '../../sim/training/hop-names';
import type { Exercise } from '../../sim/training/types';
import { FIELD_LABELS } from './field-labels';

export interface ExerciseContextProps {
  exercise: Exercise;
}

export function ExerciseContext({ exercise }: ExerciseContextProps) {
  switch (exercise.kind) {
    case 'proxy-count':
    case 'proxy-goal':
      return (
        <>
          <ol class="ex-chain" aria-label="The request’s path">
            <li>
              client <code>{exercise.clientIp}</code>
            </li>
            {exercise.chain.map((hop, index) => (
              <li key={index}>
                {describeHop(hop)} <code>{hopAddress(hop, index)}</code>
              </li>
            ))}
            <li>Gunicorn + Flask</li>
          </ol>
          {exercise.kind === 'proxy-goal' && exercise.chain.includes('alb') ? (
            <p class="ex-note">
              Unverified: the model assumes the ALB replaces a client’s X-Forwarded-Proto with its
              listener’s scheme. That is widely observed, but AWS’s documentation does not say so.
            </p>
          ) : null}
        </>
      );
    case 'capacity-number':
    case 'capacity-goal': {
      const editable =
        exercise.kind === 'capacity-goal'
          ? new Set(exercise.editable.map((range) => range.field))
          : new Set();
      const fixed = Object.entries(exercise.settings).filter(([field]) => !editable.has(field));
      return (
        <dl class="ex-settings">
          {exercise.kind === 'capacity-number' ? (
            <div>
              <dt>worker class</dt>
              <dd>{exercise.workerClass}</dd>
            </div>
          ) : null}
          {fixed.map(([field, value]) => (
            <div key={field}>
              <dt>{FIELD_LABELS[field as keyof typeof FIELD_LABELS]}</dt>
              <dd>{String(value)}</dd>
            </div>
          ))}
        </dl>
      );
    }
    case 'shutdown-goal':
      return (
        <dl class="ex-settings">
          <div>
            <dt>Longest request (reports)</dt>
            <dd>{exercise.longestRequestSeconds} s</dd>
          </div>
          <div>
            <dt>Old task must be gone within</dt>
            <dd>{exercise.maxStopSeconds} s of the stop</dd>
          </div>
          <div>
            <dt>Platform</dt>
            <dd>ECS service on Fargate behind an ALB, Gunicorn 23, 8 sync workers</dd>
          </div>
        </dl>
      );
    default:
      return null;
  }
}

export default ExerciseContext;
