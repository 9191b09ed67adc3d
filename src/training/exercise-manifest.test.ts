import { describe, expect, it } from 'vitest';
import { EXERCISE_MANIFEST } from './exercise-manifest';
import { EXERCISES } from './exercises/index';
import { isProgressId } from '../sim/training/progress';

describe('EXERCISE_MANIFEST', () => {
  it('lists exactly the exercises, in order, with their chapters', () => {
    expect(EXERCISE_MANIFEST).toEqual(EXERCISES.map((e) => ({ id: e.id, chapter: e.chapter })));
  });
});

describe('progress ids', () => {
  it('every exercise id can be stored in progress (else progress would drop it on load)', () => {
    expect(EXERCISE_MANIFEST.map((e) => e.id).filter((id) => !isProgressId(id))).toEqual([]);
  });
});
