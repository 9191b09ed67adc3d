import { describe, expect, it } from 'vitest';
import { EXERCISE_MANIFEST } from './exercise-manifest';
import { WIDGET_GOALS } from '../sim/training/widget-goals';
import { EXERCISES } from './exercises/index';
import { isProgressId } from '../sim/training/progress';

describe('EXERCISE_MANIFEST', () => {
  it('lists exactly the exercises, then the guided goals inside widgets, in order, with their chapters', () => {
    expect(EXERCISE_MANIFEST).toEqual(
      [...EXERCISES, ...WIDGET_GOALS].map((e) => ({ id: e.id, chapter: e.chapter })),
    );
  });

  it('never gives a widget goal the id of an exercise', () => {
    const ids = EXERCISE_MANIFEST.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('progress ids', () => {
  it('every exercise id can be stored in progress (else progress would drop it on load)', () => {
    expect(EXERCISE_MANIFEST.map((e) => e.id).filter((id) => !isProgressId(id))).toEqual([]);
  });
});
