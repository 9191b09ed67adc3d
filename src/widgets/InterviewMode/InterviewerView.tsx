/**
 * The interviewer's view (/interview/interviewer/?key=…&ex=…): for the seed the key stands for
 * (the one in the candidate's link), each exercise as the candidate sees it, the expected
 * answer, a rubric (strong / acceptable / weak) and follow-up questions. A link with a seed
 * instead of a key opens nothing (src/sim/training/interview.ts says why).
 */
import { useEffect, useState } from 'preact/hooks';
import { describeSolution } from '../../sim/training/describe-solution';
import { interviewQuery, type InterviewerPlan } from '../../sim/training/interview';
import type { Exercise } from '../../sim/training/types';
import { ExerciseContext } from '../Exercises/ExerciseContext';
import { RichText } from '../Exercises/RichText';
import '../Exercises/Exercises.css';
import { readInterviewerPlanFromLocation, variantsFor } from './interview-data';
import './InterviewMode.css';
import { MissingInterviewLink } from './MissingInterviewLink';

const GENERIC_RUBRIC = {
  strong: 'Reaches the answer and explains why, naming the mechanism and the failure it prevents.',
  acceptable:
    'Reaches the answer with some prompting, or explains the mechanism without every detail.',
  weak: 'Guesses, or cannot say why the answer is right.',
};

export function InterviewerView() {
  const [plan, setPlan] = useState<InterviewerPlan | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [exercises, setExercises] = useState<Exercise[]>([]);

  useEffect(() => {
    const parsed = readInterviewerPlanFromLocation();
    setNotice(parsed.notice);
    if (parsed.plan !== null) {
      setPlan(parsed.plan);
      setExercises(variantsFor(parsed.plan.seed, parsed.plan.exerciseIds));
    }
    setLoaded(true);
  }, []);

  if (!loaded) return <p>Loading the interview…</p>;
  if (plan === null) {
    return (
      <MissingInterviewLink notice={notice}>
        This page needs an interviewer link (it carries a key the candidate’s link does not).{' '}
        <a href="/interview/">Build one</a>.
      </MissingInterviewLink>
    );
  }
  const minutes = exercises.reduce((sum, e) => sum + e.minutes, 0);
  return (
    <div class="iv">
      {notice !== null ? (
        <p class="iv-notice" role="alert">
          {notice}
        </p>
      ) : null}
      <p>
        Seed <strong data-seed>{plan.seed}</strong> (from your key), {exercises.length} exercises,
        about {minutes} minutes. The candidate’s link:{' '}
        <a href={`/interview/candidate/${interviewQuery(plan)}`}>
          /interview/candidate/{interviewQuery(plan)}
        </a>
      </p>
      <p class="iv-meta">
        Keep this link to yourself: it carries the key, and the candidate’s link does not. That only
        stops a one-word edit of the candidate’s link; the simulators run in the candidate’s
        browser, so a determined candidate can still work the answers out.
      </p>
      {exercises.map((exercise, index) => {
        const rubric = exercise.rubric ?? GENERIC_RUBRIC;
        const long = exercise.kind === 'dockerfile-goal' || exercise.kind === 'text';
        return (
          <article
            key={exercise.id}
            class="iv-card"
            aria-labelledby={`iv-card-${exercise.id}`}
            data-exercise-id={exercise.id}
          >
            <h2 id={`iv-card-${exercise.id}`}>
              {index + 1}. {exercise.title}
            </h2>
            <details>
              <summary>What the candidate sees</summary>
              <RichText text={exercise.prompt} />
              <ExerciseContext exercise={exercise} />
              {exercise.kind === 'dockerfile-goal' ? (
                <pre class="ex-pre" tabIndex={0}>
                  {exercise.start}
                </pre>
              ) : null}
            </details>
            <h3>Expected answer</h3>
            {long ? (
              <pre class="ex-pre" data-expected-answer tabIndex={0}>
                {describeSolution(exercise)}
              </pre>
            ) : (
              <p class="iv-expected" data-expected-answer>
                {describeSolution(exercise)}
              </p>
            )}
            {exercise.kind === 'dockerfile-goal' || exercise.kind.endsWith('-goal') ? (
              <p class="iv-meta">
                Other answers can be right: the candidate’s view checks any answer against the
                simulation.
              </p>
            ) : null}
            <div class="iv-explanation">
              <RichText text={exercise.explanation} />
            </div>
            <h3>Rubric{exercise.rubric ? '' : ' (general)'}</h3>
            <dl class="iv-rubric">
              <dt>Strong</dt>
              <dd>{rubric.strong}</dd>
              <dt>Acceptable</dt>
              <dd>{rubric.acceptable}</dd>
              <dt>Weak</dt>
              <dd>{rubric.weak}</dd>
            </dl>
            {exercise.followUps && exercise.followUps.length > 0 ? (
              <>
                <h3>Follow-up questions</h3>
                <ul>
                  {exercise.followUps.map((question) => (
                    <li key={question}>{question}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </article>
        );
      })}
    </div>
  );
}

export default InterviewerView;
