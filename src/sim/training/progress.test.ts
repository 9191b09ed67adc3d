import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createEmptyProgress,
  mergeProgress,
  parseProgress,
  parseProgressText,
  recordExerciseEvent,
  serializeProgress,
  setChecklistItem,
  setResumePoint,
  summarizeChapters,
  type Progress,
} from './progress';

const at = '2026-11-28T10:00:00.000Z';

function sample(): Progress {
  let progress = createEmptyProgress();
  progress = recordExerciseEvent(progress, 'proxy-count-cloudfront-alb', {
    type: 'hint',
    hintsShown: 1,
  });
  progress = recordExerciseEvent(progress, 'proxy-count-cloudfront-alb', {
    type: 'attempt',
    correct: false,
    at,
  });
  progress = recordExerciseEvent(progress, 'proxy-count-cloudfront-alb', {
    type: 'attempt',
    correct: true,
    at,
  });
  progress = setChecklistItem(progress, 'check-pid1', true);
  return setResumePoint(progress, {
    href: '/reverse-proxies/#exercises',
    title: 'Behind a reverse proxy',
    at,
  });
}

describe('progress', () => {
  it('records solving with one hint and survives a save and load', () => {
    const progress = sample();
    const loaded = parseProgressText(serializeProgress(progress));
    expect(loaded.notice).toBeNull();
    expect(loaded.progress.exercises['proxy-count-cloudfront-alb']).toEqual({
      solved: true,
      attempts: 2,
      hintsUsed: 1,
      solutionShown: false,
      solvedAt: at,
    });
    expect(loaded.progress.checklist['check-pid1']).toBe(true);
    expect(loaded.progress.resume?.href).toBe('/reverse-proxies/#exercises');
  });

  it('a later wrong answer does not unsolve an exercise', () => {
    const progress = recordExerciseEvent(sample(), 'proxy-count-cloudfront-alb', {
      type: 'attempt',
      correct: false,
      at,
    });
    expect(progress.exercises['proxy-count-cloudfront-alb']?.solved).toBe(true);
  });

  it.each([
    ['not JSON', '{oops'],
    ['another site’s data', '{"theme":"dark"}'],
    ['an array', '[1,2,3]'],
    ['a future version', '{"format":"flask-deploy-lab/progress","version":99}'],
    ['a huge string', `"${'x'.repeat(600_000)}"`],
  ])('ignores %s with a notice', (_name, text) => {
    const result = parseProgressText(text);
    expect(result.progress).toEqual(createEmptyProgress());
    expect(result.notice).not.toBeNull();
  });

  it('drops bad entries one by one and says how many', () => {
    const result = parseProgress({
      format: 'flask-deploy-lab/progress',
      version: 1,
      exercises: {
        'good-one': { solved: true, attempts: 1, hintsUsed: 0, solvedAt: at },
        'bad one<script>': { solved: true, attempts: 1, hintsUsed: 0 },
        'neg-count': { solved: false, attempts: -5, hintsUsed: 0 },
        __proto__: { solved: true, attempts: 1, hintsUsed: 0 },
      },
      checklist: { 'check-pid1': 'yes', 'check-user': true },
      resume: { href: 'https://evil.example/', title: 'x', at },
    });
    expect(Object.keys(result.progress.exercises)).toEqual(['good-one']);
    expect(result.progress.checklist).toEqual({ 'check-user': true });
    expect(result.progress.resume).toBeNull();
    expect(result.notice).toMatch(/^4 saved entries/);
  });

  it('refuses resume links that leave the site', () => {
    for (const href of [
      '//evil.example/',
      'javascript:alert(1)',
      'https://x.y/',
      '/ok/" onclick="x',
    ]) {
      expect(setResumePoint(createEmptyProgress(), { href, title: 't', at }).resume).toBeNull();
    }
  });

  it('merging is idempotent and keeps whatever either side solved (property)', () => {
    const entry = fc.record({
      solved: fc.boolean(),
      attempts: fc.nat(50),
      hintsUsed: fc.nat(5),
      solutionShown: fc.boolean(),
      solvedAt: fc.constant(at),
    });
    const progress = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), entry).map(
      (exercises) =>
        parseProgress({
          format: 'flask-deploy-lab/progress',
          version: 1,
          exercises,
          checklist: {},
          resume: null,
        }).progress,
    );
    fc.assert(
      fc.property(progress, progress, (a, b) => {
        const merged = mergeProgress(a, b);
        expect(mergeProgress(merged, b)).toEqual(merged);
        for (const [id, value] of [
          ...Object.entries(a.exercises),
          ...Object.entries(b.exercises),
        ]) {
          if (value.solved) expect(merged.exercises[id]?.solved).toBe(true);
          expect(merged.exercises[id]!.attempts).toBeGreaterThanOrEqual(value.attempts);
        }
      }),
    );
  });

  it('summarizes chapters and ignores ids of exercises that no longer exist', () => {
    let progress = recordExerciseEvent(createEmptyProgress(), 'a', {
      type: 'attempt',
      correct: true,
      at,
    });
    progress = recordExerciseEvent(progress, 'gone', { type: 'attempt', correct: true, at });
    const summary = summarizeChapters(progress, [
      { id: 'a', chapter: '/x/' },
      { id: 'b', chapter: '/x/' },
      { id: 'c', chapter: '/y/' },
    ]);
    expect(summary).toEqual([
      { chapter: '/x/', solved: 1, total: 2, complete: false },
      { chapter: '/y/', solved: 0, total: 1, complete: false },
    ]);
  });
});
