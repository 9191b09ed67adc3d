/**
 * One exercise: prompt, what it gives, the answer editor, Check, the hint ladder, the
 * explanation after a correct answer and "show solution" beside the learner's own answer.
 * In interview mode hints, solutions and explanations are not rendered at all.
 */
import { useMemo, useState } from 'preact/hooks';
import { initialAnswer } from '../../sim/training/answers';
import type { Answer, CheckResult, Exercise } from '../../sim/training/types';
import { AnswerEditor } from './AnswerEditor';
import { ExerciseContext } from './ExerciseContext';
import { RichText } from './RichText';
import { SolutionView } from './SolutionView';

let checker: Promise<typeof import('../../sim/training/check')> | null = null;
/** The exercise checker, imported once on first use (a separate chunk). */
function loadChecker(): Promise<typeof import('../../sim/training/check')> {
  checker ??= import('../../sim/training/check');
  return checker;
}

export interface ExerciseCardProps {
  exercise: Exercise;
  mode: 'practice' | 'interview';
  /** Unique on the page. */
  idPrefix: string;
  /** Heading level of the exercise title (the page decides). */
  headingLevel: 3 | 4;
  /** Already solved in an earlier visit (practice mode shows it). */
  solvedBefore?: boolean;
  onAttempt?: (answer: Answer, result: CheckResult) => void;
  onHint?: (hintsShown: number) => void;
  onSolutionShown?: () => void;
  onAnswerChange?: (answer: Answer) => void;
}

export function ExerciseCard(props: ExerciseCardProps) {
  const { exercise, mode, idPrefix } = props;
  const [answer, setAnswer] = useState<Answer>(() => initialAnswer(exercise));
  const [result, setResult] = useState<CheckResult | null>(null);
  const [hintsShown, setHintsShown] = useState(0);
  const [solutionOpen, setSolutionOpen] = useState(false);
  const [solvedNow, setSolvedNow] = useState(false);
  const [checking, setChecking] = useState(false);
  const titleId = `${idPrefix}-title`;
  const Heading = props.headingLevel === 3 ? 'h3' : 'h4';
  const practice = mode === 'practice';
  const solved = solvedNow || props.solvedBefore === true;

  const change = (next: Answer) => {
    setAnswer(next);
    props.onAnswerChange?.(next);
  };

  // The checker runs the site's simulations (Dockerfile engine, shutdown, capacity, proxy
  // chain); it is loaded on the first check, so reading a chapter never downloads it.
  const check = () => {
    const submitted = answer;
    setChecking(true);
    void loadChecker()
      .then(({ checkAnswer }) => {
        try {
          return checkAnswer(exercise, submitted);
        } catch {
          return { correct: false, feedback: ['That answer could not be checked.'] };
        }
      })
      .catch(() => ({
        correct: false,
        feedback: ['The checker could not be loaded: check your connection and try again.'],
      }))
      .then((verdict: CheckResult) => {
        setChecking(false);
        setResult(verdict);
        if (verdict.correct) setSolvedNow(true);
        props.onAttempt?.(submitted, verdict);
      });
  };

  const showHint = () => {
    const next = Math.min(exercise.hints.length, hintsShown + 1);
    setHintsShown(next);
    props.onHint?.(next);
  };

  const toggleSolution = () => {
    if (!solutionOpen) props.onSolutionShown?.();
    setSolutionOpen(!solutionOpen);
  };

  const startOver = () => {
    setAnswer(initialAnswer(exercise));
    setResult(null);
  };

  const docs = useMemo(() => exercise.docs, [exercise]);

  return (
    <article class="ex-card" aria-labelledby={titleId} data-exercise-id={exercise.id}>
      <Heading id={titleId} class="ex-title">
        {exercise.title}
        {practice && solved ? <span class="ex-solved-badge"> ✓ solved</span> : null}
      </Heading>
      <div class="ex-prompt">
        <RichText text={exercise.prompt} />
      </div>
      <ExerciseContext exercise={exercise} />
      <form
        class="ex-form"
        onSubmit={(event) => {
          event.preventDefault();
          check();
        }}
      >
        <AnswerEditor exercise={exercise} answer={answer} onChange={change} idPrefix={idPrefix} />
        <div class="ex-actions">
          <button type="submit" class="button-primary" aria-busy={checking}>
            Check
          </button>
          {exercise.kind === 'dockerfile-goal' ? (
            <button type="button" onClick={startOver}>
              Start over from the original
            </button>
          ) : null}
        </div>
      </form>
      <div class="ex-result" role="status" aria-live="polite">
        {result === null ? null : (
          <div class={result.correct ? 'ex-result-ok' : 'ex-result-bad'}>
            <p class="ex-verdict">
              <span aria-hidden="true">{result.correct ? '✓ ' : '✗ '}</span>
              {result.correct ? 'Correct.' : 'Not yet.'}
            </p>
            <ul>
              {result.feedback.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {practice && result?.correct === true ? (
        <div class="ex-explanation">
          <p class="ex-subhead">Why</p>
          <RichText text={exercise.explanation} />
        </div>
      ) : null}
      {practice ? (
        <div class="ex-help">
          <div class="ex-hints">
            <button type="button" onClick={showHint} disabled={hintsShown >= exercise.hints.length}>
              {hintsShown >= exercise.hints.length
                ? 'No more hints'
                : `Show hint ${hintsShown + 1} of ${exercise.hints.length}`}
            </button>
            <span class="ex-hint-count">
              Hints used: {hintsShown} of {exercise.hints.length}
            </span>
            {hintsShown > 0 ? (
              <ol class="ex-hint-list">
                {exercise.hints.slice(0, hintsShown).map((hint, index) => (
                  <li key={index}>
                    <RichText text={hint} />
                  </li>
                ))}
              </ol>
            ) : null}
          </div>
          <button type="button" aria-expanded={solutionOpen} onClick={toggleSolution}>
            {solutionOpen ? 'Hide solution' : 'Show solution'}
          </button>
          {solutionOpen ? (
            <>
              <SolutionView exercise={exercise} answer={answer} />
              <div class="ex-explanation">
                <p class="ex-subhead">Why</p>
                <RichText text={exercise.explanation} />
              </div>
            </>
          ) : null}
          {docs.length > 0 ? (
            <p class="ex-docs">
              Read more:{' '}
              {docs.map((doc, index) => (
                <span key={doc.url}>
                  {index > 0 ? ' · ' : ''}
                  <a href={doc.url} rel="noopener noreferrer">
                    {doc.label}
                  </a>
                </span>
              ))}
            </p>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

export default ExerciseCard;
