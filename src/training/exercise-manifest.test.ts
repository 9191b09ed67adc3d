import { describe, expect, it } from 'vitest';
import { EXERCISE_MANIFEST } from './exercise-manifest';
import { EXERCISES } from './exercises/index';

describe('EXERCISE_MANIFEST', () => {
  it('lists exactly the exercises, in order, with their chapters', () => {
    expect(EXERCISE_MANIFEST).toEqual(EXERCISES.map((e) => ({ id: e.id, chapter: e.chapter })));
  });
});
