// @vitest-environment happy-dom
/**
 * Importing a progress file never hides or loses the learner's own progress, and data the site
 * wrote never comes back with a notice (issue 16, defects 1 and 2).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { EXERCISE_MANIFEST } from '../training/exercise-manifest';
import {
  importProgressText,
  loadProgress,
  PROGRESS_STORAGE_KEY,
  updateProgress,
} from './progress-store';
import { recordExerciseEvent } from '../sim/training/progress';

const at = '2026-11-28T10:00:00.000Z';
const [first, second] = EXERCISE_MANIFEST;

function solveTwo(): void {
  updateProgress((progress) =>
    [first, second].reduce(
      (p, exercise) =>
        recordExerciseEvent(p, exercise?.id ?? '', { type: 'attempt', correct: true, at }),
      progress,
    ),
  );
}

function fileWith(exercises: Record<string, unknown>): string {
  return JSON.stringify({
    format: 'flask-deploy-lab/progress',
    version: 1,
    exercises,
    checklist: {},
    resume: null,
  });
}

const solvedEntry = { solved: true, attempts: 1, hintsUsed: 0, solutionShown: false, solvedAt: at };

beforeEach(() => {
  localStorage.clear();
});

describe('importing progress', () => {
  it('keeps the learner’s solved exercises after importing 500 entries keyed "0"…"499" and a reload', () => {
    solveTwo();
    const flood = Object.fromEntries(
      Array.from({ length: 500 }, (_unused, index) => [String(index), solvedEntry]),
    );
    const result = importProgressText(fileWith(flood));
    expect(result.ok).toBe(true);

    const loaded = loadProgress();
    expect(loaded.progress.exercises[first?.id ?? '']?.solved).toBe(true);
    expect(loaded.progress.exercises[second?.id ?? '']?.solved).toBe(true);
    expect(loaded.notice).toBeNull();
    // The message does not claim more than was kept, and says what was left out.
    expect(result.message).not.toMatch(/500 solved exercises merged/);
    expect(result.message).toMatch(/not kept/);

    // Saving again (any later step) keeps them too, and still raises no notice.
    updateProgress((progress) =>
      recordExerciseEvent(progress, first?.id ?? '', { type: 'hint', hintsShown: 1 }),
    );
    const again = loadProgress();
    expect(again.notice).toBeNull();
    expect(again.progress.exercises[second?.id ?? '']?.solved).toBe(true);
    expect(again.progress.exercises[first?.id ?? '']?.hintsUsed).toBe(1);
  });

  it('an exercise id of "constructor" neither corrupts the entry nor raises a notice later', () => {
    solveTwo();
    const result = importProgressText(
      fileWith({ constructor: { solved: true, attempts: 3, hintsUsed: 2, solvedAt: at } }),
    );
    expect(result.ok).toBe(true);
    const loaded = loadProgress();
    expect(loaded.notice).toBeNull();
    expect(loaded.progress.exercises[first?.id ?? '']?.solved).toBe(true);
    const stored = JSON.parse(localStorage.getItem(PROGRESS_STORAGE_KEY) ?? '{}') as {
      exercises: Record<string, { attempts: unknown; hintsUsed: unknown }>;
    };
    const entry = Object.getOwnPropertyDescriptor(stored.exercises, 'constructor')?.value as
      { attempts: unknown; hintsUsed: unknown } | undefined;
    expect(entry).toMatchObject({ attempts: 3, hintsUsed: 2 });
  });

  it('an exercise the learner has not touched does not read Object.prototype', () => {
    const loaded = loadProgress();
    const { exercises } = loaded.progress;
    expect(exercises['constructor']).toBeUndefined();
    expect(exercises['toString'] === undefined).toBe(true);
  });
});
