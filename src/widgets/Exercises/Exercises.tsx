/**
 * A chapter's exercises: pick one from the list, answer it, check it against the simulation.
 * Which exercise is open lives in the URL (so "copy link" points at it); progress (solved,
 * hints used) lives in localStorage through src/runtime/progress-store.ts.
 */
import { WidgetFrame } from '../../components/WidgetFrame';
import { useMounted } from '../ProgressPage/use-mounted';
import { useProgress } from '../ProgressPage/use-progress';
import { isRecord } from '../../runtime/url-state';
import { useUrlState } from '../../runtime/use-url-state';
import { recordExerciseEvent, setResumePoint } from '../../sim/training/progress';
import { useEffect, useState } from 'preact/hooks';
import { loadChapterExercises } from '../../training/exercises/by-chapter';
import { CHAPTER_TITLES } from '../../training/exercises/chapter-titles';
import type { Exercise } from '../../sim/training/types';
import { EXERCISE_CHAPTERS, type ExerciseChapter } from '../../sim/training/types';
import { ExerciseCard } from './ExerciseCard';
import './Exercises.css';

export interface ExercisesProps {
  id?: string;
  /** The chapter path, e.g. "/reverse-proxies/". */
  chapter: string;
}

interface ExercisesState {
  ex: string;
}

function chapterTitle(chapter: string): string {
  const known = EXERCISE_CHAPTERS.find((c): c is ExerciseChapter => c === chapter);
  return known ? CHAPTER_TITLES[known] : chapter;
}

export function Exercises({ id = 'exercises', chapter }: ExercisesProps) {
  // Only this chapter's exercises are fetched (a small chunk), once the island hydrates.
  const [exercises, setExercises] = useState<Exercise[] | null>(null);
  useEffect(() => {
    let live = true;
    void loadChapterExercises(chapter).then((list) => {
      if (live) setExercises(list);
    });
    return () => {
      live = false;
    };
  }, [chapter]);
  // The URL is read once on mount, before the list has arrived: accept any id of a sensible
  // shape there and fall back to the first exercise below when it is not in this chapter.
  const defaults: ExercisesState = { ex: '' };
  const validate = (raw: unknown): ExercisesState | null =>
    isRecord(raw) && typeof raw.ex === 'string' && /^[\w-]{1,80}$/.test(raw.ex)
      ? { ex: raw.ex }
      : null;
  const { state, setState, reset, notice, dismissNotice, shareUrl } = useUrlState(
    id,
    defaults,
    validate,
  );
  const progress = useProgress();
  const mounted = useMounted();
  const list = exercises ?? [];
  const current = list.find((exercise) => exercise.id === state.ex) ?? list[0];
  const solvedCount = list.filter(
    (exercise) => progress.progress.exercises[exercise.id]?.solved === true,
  ).length;

  const remember = (title: string) => {
    progress.update((p) =>
      setResumePoint(p, {
        href: `${chapter}#${id}`,
        title: `${title} (${chapterTitle(chapter)})`,
        at: new Date().toISOString(),
      }),
    );
  };

  const unknownExercise =
    exercises !== null && state.ex !== '' && !list.some((exercise) => exercise.id === state.ex)
      ? 'The exercise in the link is not in this chapter; showing the first one.'
      : null;

  if (exercises !== null && current === undefined) {
    return (
      <WidgetFrame
        id={id}
        title="Exercises"
        caption="No exercises for this chapter yet."
        onReset={reset}
        shareUrl={shareUrl}
      >
        <p>This chapter has no exercises yet.</p>
      </WidgetFrame>
    );
  }

  return (
    <WidgetFrame
      id={id}
      title={`Exercises: ${chapterTitle(chapter)}`}
      caption={
        <>
          {list.length} exercises, checked by the same simulations as the widgets on this site.
          Progress is kept in this browser only; see <a href="/progress/">your progress</a>.
        </>
      }
      notice={notice ?? unknownExercise ?? progress.notice}
      onDismissNotice={notice ? dismissNotice : progress.dismissNotice}
      onReset={reset}
      shareUrl={shareUrl}
    >
      {mounted && current !== undefined ? (
        <div class="widget-layout ex-layout">
          <div class="widget-controls">
            <p class="ex-summary">{`Solved ${solvedCount} of ${list.length} in this chapter.`}</p>
            <nav class="ex-nav" aria-label="Exercises in this chapter">
              <ol>
                {list.map((exercise, index) => {
                  const solved = progress.progress.exercises[exercise.id]?.solved === true;
                  return (
                    <li key={exercise.id}>
                      <button
                        type="button"
                        aria-current={exercise.id === current.id ? 'true' : undefined}
                        onClick={() => {
                          setState({ ex: exercise.id });
                        }}
                      >
                        <span class="ex-nav-number">{index + 1}.</span> {exercise.title}
                        {solved ? <span class="ex-nav-solved"> ✓ solved</span> : null}
                      </button>
                    </li>
                  );
                })}
              </ol>
            </nav>
          </div>
          <div class="widget-view">
            <ExerciseCard
              key={current.id}
              exercise={current}
              mode="practice"
              idPrefix={`${id}-${current.id}`}
              headingLevel={4}
              solvedBefore={progress.progress.exercises[current.id]?.solved === true}
              onAttempt={(_answer, result) => {
                progress.update((p) =>
                  recordExerciseEvent(p, current.id, {
                    type: 'attempt',
                    correct: result.correct,
                    at: new Date().toISOString(),
                  }),
                );
                remember(current.title);
              }}
              onHint={(hintsShown) => {
                progress.update((p) =>
                  recordExerciseEvent(p, current.id, { type: 'hint', hintsShown }),
                );
              }}
              onSolutionShown={() => {
                progress.update((p) =>
                  recordExerciseEvent(p, current.id, { type: 'solution-shown' }),
                );
              }}
            />
          </div>
        </div>
      ) : (
        <p>Loading the exercises…</p>
      )}
    </WidgetFrame>
  );
}

export default Exercises;
