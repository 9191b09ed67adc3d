/**
 * The candidate's view (/interview/candidate/?seed=…&ex=…): a timer, the seeded exercises with
 * hints and solutions left out, and an action log (answers tried, changes made, time per
 * exercise) to export as Markdown or JSON. It is an honour system and says so: everything runs
 * in the candidate's browser.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { downloadText } from '../../runtime/progress-store';
import { describeAnswer } from '../../sim/training/answers';
import {
  appendLog,
  computeTimePerExercise,
  formatDuration,
  logToJson,
  logToMarkdown,
  type InterviewPlan,
  type LogEntry,
} from '../../sim/training/interview';
import type { Exercise } from '../../sim/training/types';
import { ExerciseCard } from '../Exercises/ExerciseCard';
import '../Exercises/Exercises.css';
import { readPlanFromLocation, TITLES, variantsFor } from './interview-data';
import { loadSessionLog, saveSessionLog } from './session-log';
import './InterviewMode.css';
import { MissingInterviewLink } from './MissingInterviewLink';

const CHANGE_LOG_DELAY_MS = 1500;

export function CandidateView() {
  const [plan, setPlan] = useState<InterviewPlan | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [exercises, setExercises] = useState<Exercise[]>([]);
  const [currentId, setCurrentId] = useState('');
  const [log, setLog] = useState<LogEntry[]>([]);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [finished, setFinished] = useState(false);
  const [now, setNow] = useState(0);
  const [exportText, setExportText] = useState<string | null>(null);
  const changeTimer = useRef<number | undefined>(undefined);

  useEffect(() => {
    const parsed = readPlanFromLocation();
    setNotice(parsed.notice);
    if (parsed.plan !== null) {
      const plan = parsed.plan;
      setPlan(plan);
      const variants = variantsFor(plan.seed, plan.exerciseIds);
      setExercises(variants);
      setCurrentId(variants[0]?.id ?? '');
      const saved = loadSessionLog(plan);
      if (saved !== null) {
        setLog(saved.log);
        setStartedAt(saved.startedAt);
        setFinished(saved.log.some((entry) => entry.type === 'finish'));
      }
    }
    setLoaded(true);
  }, []);

  useEffect(() => {
    if (startedAt === null || finished) return;
    setNow(Date.now());
    const timer = window.setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      window.clearInterval(timer);
    };
  }, [startedAt, finished]);

  useEffect(() => {
    if (plan !== null && startedAt !== null) saveSessionLog(plan, { startedAt, log });
  }, [plan, startedAt, log]);

  if (!loaded) return <p>Loading the interview…</p>;
  if (plan === null) {
    return (
      <MissingInterviewLink notice={notice}>
        This page needs an interview link (it carries a seed and the exercises). Ask your
        interviewer for it, or <a href="/interview/">build one</a>.
      </MissingInterviewLink>
    );
  }

  const elapsedMs = startedAt === null ? 0 : Math.max(0, finished ? lastAt(log) : now - startedAt);
  const add = (entry: Omit<LogEntry, 'atMs'>) => {
    const atMs = startedAt === null ? 0 : Date.now() - startedAt;
    setLog((current) => appendLog(current, { ...entry, atMs }));
  };

  const start = () => {
    const at = Date.now();
    setStartedAt(at);
    setNow(at);
    setLog([
      { atMs: 0, type: 'start', exerciseId: null, detail: `seed ${plan.seed}`, correct: null },
      { atMs: 0, type: 'open', exerciseId: currentId, detail: '', correct: null },
    ]);
  };

  const open = (id: string) => {
    if (id === currentId) return;
    setCurrentId(id);
    if (startedAt !== null && !finished)
      add({ type: 'open', exerciseId: id, detail: '', correct: null });
  };

  const current = exercises.find((exercise) => exercise.id === currentId) ?? exercises[0];
  const times = computeTimePerExercise(log, finished ? lastAt(log) : elapsedMs);
  const context = { plan, titles: TITLES, nowMs: finished ? lastAt(log) : elapsedMs };

  return (
    <div class="iv">
      {notice !== null ? (
        <p class="iv-notice" role="alert">
          {notice}
        </p>
      ) : null}
      <p class="iv-honour">
        <strong>Honour system.</strong> Hints and solutions are not shown here, but everything runs
        in your browser and nothing stops you from looking things up — your interviewer will ask you
        to talk through your answers, so work as you would on the job and say what you consulted.
      </p>
      <div class="iv-timer-bar">
        <p class="iv-timer" role="timer" aria-live="off" aria-label="Elapsed time">
          <span class="visually-hidden">Elapsed time: </span>
          {formatDuration(elapsedMs)}
        </p>
        {startedAt === null ? (
          <button type="button" class="button-primary" onClick={start}>
            Start the interview
          </button>
        ) : finished ? (
          <span>Finished.</span>
        ) : (
          <button
            type="button"
            onClick={() => {
              add({ type: 'finish', exerciseId: null, detail: '', correct: null });
              setFinished(true);
            }}
          >
            Finish
          </button>
        )}
      </div>
      {startedAt === null ? (
        <p>
          {exercises.length} exercise{exercises.length === 1 ? '' : 's'}, seed {plan.seed}. The
          timer and the log start when you press Start.
        </p>
      ) : (
        <>
          <nav class="ex-nav" aria-label="Interview exercises">
            <ol>
              {exercises.map((exercise, index) => (
                <li key={exercise.id}>
                  <button
                    type="button"
                    aria-current={exercise.id === current?.id ? 'true' : undefined}
                    onClick={() => {
                      open(exercise.id);
                    }}
                  >
                    <span class="ex-nav-number">{index + 1}.</span> {exercise.title}{' '}
                    <span class="iv-meta">{formatDuration(times.get(exercise.id) ?? 0)}</span>
                  </button>
                </li>
              ))}
            </ol>
          </nav>
          {current !== undefined ? (
            <ExerciseCard
              key={current.id}
              exercise={current}
              mode="interview"
              idPrefix={`iv-${current.id}`}
              headingLevel={3}
              onAttempt={(answer, result) => {
                add({
                  type: 'answer',
                  exerciseId: current.id,
                  detail: describeAnswer(current, answer),
                  correct: result.correct,
                });
              }}
              onAnswerChange={(answer) => {
                if (finished) return;
                window.clearTimeout(changeTimer.current);
                changeTimer.current = window.setTimeout(() => {
                  add({
                    type: 'change',
                    exerciseId: current.id,
                    detail: describeAnswer(current, answer),
                    correct: null,
                  });
                }, CHANGE_LOG_DELAY_MS);
              }}
            />
          ) : null}
        </>
      )}
      <section aria-labelledby="iv-log-title" class="iv-log">
        <h2 id="iv-log-title">Action log</h2>
        <p>
          {log.filter((e) => e.type === 'answer').length} answers tried,{' '}
          {log.filter((e) => e.type === 'change').length} changes. Export it for the interview
          notes:
        </p>
        <div class="iv-actions">
          <button
            type="button"
            onClick={() => {
              setExportText(logToMarkdown(log, context));
            }}
          >
            Show as Markdown
          </button>
          <button
            type="button"
            onClick={() => {
              downloadText(
                `interview-${plan.seed}.md`,
                logToMarkdown(log, context),
                'text/markdown',
              );
            }}
          >
            Download Markdown
          </button>
          <button
            type="button"
            onClick={() => {
              downloadText(
                `interview-${plan.seed}.json`,
                logToJson(log, context),
                'application/json',
              );
            }}
          >
            Download JSON
          </button>
        </div>
        {exportText !== null ? (
          <div class="iv-export">
            <label for="iv-export-text">Log as Markdown (select and copy)</label>
            <textarea id="iv-export-text" readOnly rows={12} value={exportText} />
          </div>
        ) : null}
      </section>
    </div>
  );
}

function lastAt(log: readonly LogEntry[]): number {
  return log.at(-1)?.atMs ?? 0;
}

export default CandidateView;
