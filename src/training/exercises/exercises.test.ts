import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../sim/training/check';
import { findExerciseListProblems } from '../../sim/training/schema';
import { EXERCISE_CHAPTERS } from '../../sim/training/types';
import { loadChapterExercises } from './by-chapter';
import { EXERCISES, exercisesForChapter } from './index';

describe('exercise data', () => {
  it('passes the schema, and every stored solution passes its own checker', () => {
    expect(findExerciseListProblems(EXERCISES)).toEqual([]);
  });

  it('has at least three exercises in every chapter 1–7, of several kinds', () => {
    for (const chapter of EXERCISE_CHAPTERS) {
      expect(EXERCISES.filter((e) => e.chapter === chapter).length, chapter).toBeGreaterThanOrEqual(
        3,
      );
    }
    const kinds = new Set(EXERCISES.map((e) => e.kind));
    for (const kind of [
      'choice',
      'text',
      'find-bug',
      'proxy-count',
      'proxy-goal',
      'capacity-goal',
      'shutdown-goal',
      'dockerfile-goal',
    ]) {
      expect(kinds.has(kind as never), kind).toBe(true);
    }
  });

  it('rejects the start state of every goal exercise (nobody solves it by pressing Check)', () => {
    for (const exercise of EXERCISES) {
      if (exercise.kind === 'dockerfile-goal') {
        expect(
          checkAnswer(exercise, { kind: 'text', text: exercise.start }).correct,
          exercise.id,
        ).toBe(false);
      }
      if (exercise.kind === 'shutdown-goal') {
        expect(
          checkAnswer(exercise, { kind: 'shutdown', settings: exercise.start }).correct,
          exercise.id,
        ).toBe(false);
      }
      if (exercise.kind === 'capacity-goal') {
        const values = Object.fromEntries(
          exercise.editable.map((r) => [r.field, exercise.settings[r.field] ?? r.min]),
        );
        expect(checkAnswer(exercise, { kind: 'capacity', values }).correct, exercise.id).toBe(
          false,
        );
      }
    }
  });

  it('rejects every wrong option of choice and find-bug exercises', () => {
    for (const exercise of EXERCISES) {
      if (exercise.kind === 'choice') {
        for (const option of exercise.options.filter((o) => o.id !== exercise.solution.optionId)) {
          expect(checkAnswer(exercise, { kind: 'choice', optionId: option.id }).correct).toBe(
            false,
          );
        }
      }
      if (exercise.kind === 'find-bug') {
        exercise.lines.forEach((_, index) => {
          const line = index + 1;
          expect(checkAnswer(exercise, { kind: 'find-bug', line }).correct).toBe(
            exercise.bugLines.includes(line),
          );
        });
      }
    }
  });
});

describe('loadChapterExercises (one chapter on demand)', () => {
  it('gives each chapter exactly its own exercises, in order, and nothing for other paths', async () => {
    for (const chapter of EXERCISE_CHAPTERS) {
      const loaded = await loadChapterExercises(chapter);
      expect(loaded.map((e) => e.id)).toEqual(exercisesForChapter(chapter).map((e) => e.id));
    }
    expect(await loadChapterExercises('/no-such-chapter/')).toEqual([]);
    expect(await loadChapterExercises('__proto__')).toEqual([]);
  });
});
