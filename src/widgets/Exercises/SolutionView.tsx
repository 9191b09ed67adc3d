/**
 * "Show solution": the learner's answer and the solution side by side, and for text answers a
 * line diff (− your line, + the solution's line). The learner's answer is only read, never
 * replaced, so closing the view returns to their own work.
 */
import { answerText, describeAnswer } from '../../sim/training/answers';
import { describeSolution } from '../../sim/training/describe-solution';
import { diffLines } from '../../sim/training/diff';
import type { Answer, Exercise } from '../../sim/training/types';

export interface SolutionViewProps {
  exercise: Exercise;
  answer: Answer;
}

const MARK = { same: ' ', removed: '−', added: '+' } as const;
const LABEL = {
  same: 'unchanged',
  removed: 'only in your answer',
  added: 'only in the solution',
} as const;

export function SolutionView({ exercise, answer }: SolutionViewProps) {
  const mine = answerText(answer);
  const solution = describeSolution(exercise);
  return (
    <section class="ex-solution" aria-label="Solution">
      <div class="ex-solution-columns">
        <div>
          <p class="ex-subhead">Your answer</p>
          <pre class="ex-pre" tabIndex={0}>
            {mine ?? describeAnswer(exercise, answer)}
          </pre>
        </div>
        <div>
          <p class="ex-subhead">Solution</p>
          <pre class="ex-pre" tabIndex={0}>
            {solution}
          </pre>
        </div>
      </div>
      {mine !== null ? (
        <>
          <p class="ex-subhead">Line by line</p>
          <ol class="ex-diff" aria-label="Differences, line by line" tabIndex={0}>
            {diffLines(mine, solution).map((line, index) => (
              <li key={index} class={`ex-diff-${line.op}`}>
                <span class="ex-diff-mark" aria-hidden="true">
                  {MARK[line.op]}
                </span>
                <span class="visually-hidden">{LABEL[line.op]}: </span>
                <code>{line.text === '' ? ' ' : line.text}</code>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

export default SolutionView;
