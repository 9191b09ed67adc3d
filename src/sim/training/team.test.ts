import { describe, expect, it } from 'vitest';
import { createEmptyProgress, recordExerciseEvent } from './progress';
import { memberNames, summarizeMember } from './team';

const exercises = [
  { id: 'a', chapter: '/one/' },
  { id: 'b', chapter: '/one/' },
  { id: 'c', chapter: '/two/' },
];

describe('team table', () => {
  it('lays out what one learner solved, tried and left, with hints and times', () => {
    let progress = recordExerciseEvent(createEmptyProgress(), 'a', { type: 'hint', hintsShown: 2 });
    progress = recordExerciseEvent(progress, 'a', {
      type: 'attempt',
      correct: true,
      at: '2026-11-28T10:00:00.000Z',
    });
    progress = recordExerciseEvent(progress, 'b', {
      type: 'attempt',
      correct: false,
      at: '2026-11-29T10:00:00.000Z',
    });
    progress = recordExerciseEvent(progress, 'c', {
      type: 'attempt',
      correct: true,
      at: '2026-11-30T09:00:00.000Z',
    });
    // An id the site does not have is not counted.
    progress = recordExerciseEvent(progress, 'gone', {
      type: 'attempt',
      correct: true,
      at: '2026-12-01T09:00:00.000Z',
    });
    const member = summarizeMember('ana', progress, exercises);
    expect(member.cells.get('a')).toMatchObject({ state: 'solved', hintsUsed: 2 });
    expect(member.cells.get('b')).toMatchObject({ state: 'tried', attempts: 1, solvedAt: null });
    expect(member.solved).toBe(2);
    expect(member.hintsUsed).toBe(2);
    expect(member.chapters.get('/one/')).toMatchObject({ solved: 1, total: 2, complete: false });
    expect(member.chapters.get('/two/')).toMatchObject({ complete: true });
    expect(member.lastActivity).toBe('2026-11-30T09:00:00.000Z');
  });

  it('an empty file is a learner who has not started', () => {
    const member = summarizeMember('bo', createEmptyProgress(), exercises);
    expect([...member.cells.values()].every((cell) => cell.state === 'not-started')).toBe(true);
    expect(member.lastActivity).toBeNull();
  });

  it('names columns after files and tells same-named exports apart', () => {
    expect(
      memberNames(['ana.json', 'progress.json', 'progress.json', '.json'], ['progress']),
    ).toEqual(['ana', 'progress (2)', 'progress (3)', 'unnamed file']);
  });
});
