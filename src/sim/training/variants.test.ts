import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../../training/exercises/index';
import { checkAnswer } from './check';
import { findExerciseProblems } from './schema';
import { generateVariant } from './variants';

const varied = EXERCISES.filter((exercise) => exercise.variant !== undefined);

/** The parts of an exercise a candidate sees change (everything but the texts). */
function problemOf(exercise: object): string {
  const texts = new Set(['title', 'prompt', 'hints', 'explanation', 'docs', 'rubric', 'followUps']);
  return JSON.stringify(Object.entries(exercise).filter(([key]) => !texts.has(key)));
}

describe('seeded variants', () => {
  it('covers chains, numbers, a goal in the capacity calculator, the shutdown and the Dockerfile', () => {
    expect(new Set(varied.map((e) => e.kind))).toEqual(
      new Set([
        'proxy-count',
        'proxy-goal',
        'capacity-number',
        'capacity-goal',
        'shutdown-goal',
        'dockerfile-goal',
      ]),
    );
  });

  it.each(varied.map((e) => [e.id, e] as const))(
    '%s: the same seed gives the same problem',
    (_id, exercise) => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 999_999 }), (seed) => {
          expect(generateVariant(exercise, seed)).toEqual(generateVariant(exercise, seed));
        }),
        { numRuns: 30 },
      );
    },
  );

  it.each(varied.map((e) => [e.id, e] as const))(
    '%s: different seeds give different problems',
    (_id, exercise) => {
      const problems = new Set<string>();
      for (let seed = 1; seed <= 40; seed += 1)
        problems.add(problemOf(generateVariant(exercise, seed)));
      // Not every pair must differ (the spaces are finite), but the seeds must spread widely.
      expect(problems.size).toBeGreaterThanOrEqual(10);
      expect(problemOf(generateVariant(exercise, 1))).not.toBe(
        problemOf(generateVariant(exercise, 2)),
      );
    },
  );

  it.each(varied.map((e) => [e.id, e] as const))(
    '%s: every variant is valid and solved by its own solution, and its start is not',
    (_id, exercise) => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 999_999 }), (seed) => {
          const variant = generateVariant(exercise, seed);
          expect(findExerciseProblems(variant)).toEqual([]);
          expect(checkAnswer(variant, variant.solution).correct).toBe(true);
          if (variant.kind === 'dockerfile-goal')
            expect(checkAnswer(variant, { kind: 'text', text: variant.start }).correct).toBe(false);
          if (variant.kind === 'shutdown-goal')
            expect(
              checkAnswer(variant, { kind: 'shutdown', settings: variant.start }).correct,
            ).toBe(false);
        }),
        { numRuns: exercise.kind === 'shutdown-goal' ? 15 : 40 },
      );
    },
  );

  it('keeps the id, chapter and kind, so progress and logs still match', () => {
    for (const exercise of varied) {
      const variant = generateVariant(exercise, 4242);
      expect([variant.id, variant.chapter, variant.kind]).toEqual([
        exercise.id,
        exercise.chapter,
        exercise.kind,
      ]);
    }
  });

  it('rejects a wrong answer in variants too (one too many proxies)', () => {
    const exercise = varied.find((e) => e.kind === 'proxy-count')!;
    for (let seed = 1; seed <= 20; seed += 1) {
      const variant = generateVariant(exercise, seed);
      if (variant.kind !== 'proxy-count') throw new Error('kind changed');
      expect(
        checkAnswer(variant, { kind: 'number', value: variant.solution.value + 1 }).correct,
      ).toBe(false);
      expect(
        checkAnswer(variant, { kind: 'number', value: variant.solution.value - 1 }).correct,
      ).toBe(false);
    }
  });

  it('leaves exercises without a generator unchanged', () => {
    const plain = EXERCISES.find((e) => e.variant === undefined)!;
    expect(generateVariant(plain, 77)).toBe(plain);
  });
});
