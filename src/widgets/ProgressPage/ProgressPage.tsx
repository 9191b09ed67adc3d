/**
 * The /progress/ page: per-chapter and per-exercise completion, the guided goals inside the
 * simulators (each linked to the widget it lives in), the resume link, and the
 * learner's data in their hands — export as a JSON file (a lead can collect these without
 * accounts), import one (merged, never trusted blindly), or reset.
 */
import { useState } from 'preact/hooks';
import {
  downloadText,
  exportFileName,
  importProgressText,
  MAX_PROGRESS_FILE_BYTES,
  resetProgress,
} from '../../runtime/progress-store';
import { encodeState } from '../../runtime/url-state';
import { serializeProgress, summarizeChapters } from '../../sim/training/progress';
import { CHECKLIST_GROUPS } from '../../training/checklist';
import { CHAPTER_TITLES, EXERCISES } from '../../training/exercises/index';
import { EXERCISE_CHAPTERS } from '../../sim/training/types';
import { PROGRESS_CATALOG } from '../../training/progress-catalog';
import { GoalsTable } from './GoalsTable';
import { useMounted } from './use-mounted';
import { useProgress } from './use-progress';
import './ProgressPage.css';

const CHECKLIST_TOTAL = CHECKLIST_GROUPS.reduce((sum, group) => sum + group.items.length, 0);

export function ProgressPage() {
  const { progress, notice, dismissNotice } = useProgress();
  const mounted = useMounted();
  const [status, setStatus] = useState('');
  const [confirmReset, setConfirmReset] = useState(false);
  const summaries = new Map(summarizeChapters(progress, EXERCISES).map((s) => [s.chapter, s]));
  const solvedTotal = EXERCISES.filter((e) => progress.exercises[e.id]?.solved === true).length;
  const ticked = CHECKLIST_GROUPS.flatMap((g) => g.items).filter(
    (item) => progress.checklist[item.id] === true,
  ).length;

  const onImport = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (file === undefined) return;
    if (file.size > MAX_PROGRESS_FILE_BYTES) {
      setStatus(`Nothing was imported: ${file.name} is larger than a progress file can be.`);
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      setStatus('Nothing was imported: the file could not be read.');
      return;
    }
    setStatus(importProgressText(text).message);
  };

  if (!mounted) return <p>Loading your progress…</p>;
  return (
    <div class="pp">
      {notice !== null ? (
        <p class="pp-notice" role="alert">
          {notice}{' '}
          <button type="button" onClick={dismissNotice}>
            Dismiss
          </button>
        </p>
      ) : null}
      <section aria-labelledby="pp-summary-title">
        <h2 id="pp-summary-title">Summary</h2>
        <p>
          {solvedTotal} of {EXERCISES.length} exercises solved; {ticked} of {CHECKLIST_TOTAL}{' '}
          checklist items ticked.
        </p>
        <p>
          {progress.resume !== null ? (
            <a class="button" href={progress.resume.href}>
              Resume: {progress.resume.title}
            </a>
          ) : (
            <>Nothing to resume yet: start with any chapter’s exercises.</>
          )}
        </p>
      </section>
      <section aria-labelledby="pp-chapters-title">
        <h2 id="pp-chapters-title">By chapter</h2>
        {EXERCISE_CHAPTERS.map((chapter) => {
          const summary = summaries.get(chapter);
          const exercises = EXERCISES.filter((e) => e.chapter === chapter);
          return (
            <section
              key={chapter}
              class="pp-chapter"
              aria-labelledby={`pp-${chapter.replace(/\//g, '')}`}
            >
              <h3 id={`pp-${chapter.replace(/\//g, '')}`}>
                <a href={chapter}>{CHAPTER_TITLES[chapter]}</a>{' '}
                <span class={summary?.complete === true ? 'pp-state pp-complete' : 'pp-state'}>
                  {summary?.complete === true
                    ? '✓ complete'
                    : `${summary?.solved ?? 0} of ${exercises.length} solved`}
                </span>
              </h3>
              <table class="pp-table">
                <caption class="visually-hidden">Exercises of {CHAPTER_TITLES[chapter]}</caption>
                <thead>
                  <tr>
                    <th scope="col">Exercise</th>
                    <th scope="col">Status</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Hints used</th>
                    <th scope="col">Solution seen</th>
                  </tr>
                </thead>
                <tbody>
                  {exercises.map((exercise) => {
                    const entry = progress.exercises[exercise.id];
                    return (
                      <tr key={exercise.id}>
                        <th scope="row">
                          <a
                            href={`${chapter}?exercises=${encodeState({ ex: exercise.id })}#exercises`}
                          >
                            {exercise.title}
                          </a>
                        </th>
                        <td>
                          {entry?.solved === true
                            ? '✓ solved'
                            : entry !== undefined && entry.attempts > 0
                              ? 'tried'
                              : 'not started'}
                        </td>
                        <td>{entry?.attempts ?? 0}</td>
                        <td>
                          {entry?.hintsUsed ?? 0} of {exercise.hints.length}
                        </td>
                        <td>{entry?.solutionShown === true ? 'yes' : 'no'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          );
        })}
      </section>
      <GoalsTable progress={progress} />
      <section aria-labelledby="pp-data-title">
        <h2 id="pp-data-title">Your data</h2>
        <p>
          Progress is stored in this browser only. Export it to keep it or hand it to a lead;
          importing a file merges it with what is here (solved stays solved).
        </p>
        <p>
          Leading a team? <a href="/team/">The team page</a> reads several learners’ exported files
          into one printable table, in your browser.
        </p>
        <div class="pp-actions">
          <button
            type="button"
            onClick={() => {
              downloadText(
                exportFileName(new Date()),
                serializeProgress(progress, PROGRESS_CATALOG),
                'application/json',
              );
              setStatus('Progress exported as a JSON file.');
            }}
          >
            Export progress (JSON)
          </button>
          <label class="pp-import">
            Import progress (JSON file)
            <input
              type="file"
              accept="application/json,.json"
              onChange={(event) => {
                void onImport(event.currentTarget);
              }}
            />
          </label>
          {confirmReset ? (
            <span class="pp-confirm">
              Erase all progress and checklist ticks in this browser?{' '}
              <button
                type="button"
                onClick={() => {
                  const failure = resetProgress();
                  setConfirmReset(false);
                  setStatus(failure ?? 'Progress reset.');
                }}
              >
                Yes, reset
              </button>{' '}
              <button
                type="button"
                onClick={() => {
                  setConfirmReset(false);
                }}
              >
                Cancel
              </button>
            </span>
          ) : (
            <button
              type="button"
              onClick={() => {
                setConfirmReset(true);
              }}
            >
              Reset progress…
            </button>
          )}
        </div>
        <p class="pp-status" role="status" aria-live="polite">
          {status}
        </p>
      </section>
    </div>
  );
}

export default ProgressPage;
