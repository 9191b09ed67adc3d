import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createEmptyProgress,
  mergeProgress,
  nestsDeeperThan,
  PROGRESS_LIMITS,
  parseProgress,
  parseProgressText,
  recordExerciseEvent,
  serializeProgress,
  setChecklistItem,
  setResumePoint,
  summarizeChapters,
  type Progress,
  type ProgressCatalog,
} from './progress';

const at = '2026-11-28T10:00:00.000Z';
const CATALOG: ProgressCatalog = {
  exercises: new Set(['proxy-count-cloudfront-alb', 'good-one', 'a', 'b', 'c', 'd']),
  checklist: new Set(['check-pid1', 'check-user']),
};

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
    const loaded = parseProgressText(serializeProgress(progress, CATALOG), CATALOG);
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
    ['deep nesting', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    [
      'deep nesting inside the format',
      `{"format":"flask-deploy-lab/progress","version":1,"exercises":${'{"a":'.repeat(20)}1${'}'.repeat(21)}`,
    ],
  ])('ignores %s with a notice', (_name, text) => {
    const result = parseProgressText(text, CATALOG);
    expect(result.progress).toEqual(createEmptyProgress());
    expect(result.notice).not.toBeNull();
  });

  it('the largest progress the site can save fits the file limit, so it always loads back', () => {
    const id = (prefix: string, k: number) =>
      `${prefix}-${String(k).padStart(4, '0')}-`.padEnd(80, 'x');
    const known = Array.from({ length: 500 }, (_unused, k) => id('e', k));
    const ticks = Array.from({ length: 200 }, (_unused, k) => id('c', k));
    const catalog: ProgressCatalog = { exercises: new Set(known), checklist: new Set(ticks) };
    const full: Progress = {
      ...createEmptyProgress(),
      exercises: Object.fromEntries(
        known.map((key) => [
          key,
          { solved: true, attempts: 10_000, hintsUsed: 10_000, solutionShown: true, solvedAt: at },
        ]),
      ),
      checklist: Object.fromEntries(ticks.map((key) => [key, false])),
      resume: { href: `/${'a'.repeat(199)}`, title: '€'.repeat(200), at },
    };
    const text = serializeProgress(full, catalog);
    expect(text.length).toBeLessThanOrEqual(PROGRESS_LIMITS.fileChars);
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(
      3 * PROGRESS_LIMITS.fileChars,
    );
    const loaded = parseProgressText(text, catalog);
    expect(loaded.notice).toBeNull();
    expect(Object.keys(loaded.progress.exercises)).toHaveLength(500);
  });

  it('counts nesting outside strings only', () => {
    expect(nestsDeeperThan('{"a":"[[[[[[[[[[[[[[[[[[[[\\"[[[["}', 2)).toBe(false);
    expect(nestsDeeperThan('[[[]]]', 2)).toBe(true);
    const own = serializeProgress(sample(), CATALOG);
    expect(nestsDeeperThan(own, PROGRESS_LIMITS.depth)).toBe(false);
  });

  it('drops bad entries one by one and says how many', () => {
    const result = parseProgress(
      {
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
      },
      CATALOG,
    );
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
        parseProgress(
          {
            format: 'flask-deploy-lab/progress',
            version: 1,
            exercises,
            checklist: {},
            resume: null,
          },
          CATALOG,
        ).progress,
    );
    fc.assert(
      fc.property(progress, progress, (a, b) => {
        const merged = mergeProgress(a, b, CATALOG).progress;
        expect(mergeProgress(merged, b, CATALOG).progress).toEqual(merged);
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

  // Issue 16, defect 1: a file of 500 entries keyed "0"…"499" pushed the learner's entries
  // past the 500-entry bound of the next load (integer-like keys are listed first).
  it('keeps the learner’s entries when a file brings 500 entries keyed "0"…"499"', () => {
    let mine = recordExerciseEvent(createEmptyProgress(), 'a', {
      type: 'attempt',
      correct: true,
      at,
    });
    mine = recordExerciseEvent(mine, 'b', { type: 'attempt', correct: true, at });
    const flood: Record<string, unknown> = {};
    for (let index = 0; index < 500; index += 1) {
      flood[String(index)] = { solved: true, attempts: 1, hintsUsed: 0, solvedAt: at };
    }
    const file = parseProgress(
      { format: 'flask-deploy-lab/progress', version: 1, exercises: flood },
      CATALOG,
    );
    expect(file.notice).toBeNull();
    const merged = mergeProgress(mine, file.progress, CATALOG);
    expect(merged.leftOut).toBe(2);
    const loaded = parseProgressText(serializeProgress(merged.progress, CATALOG), CATALOG);
    expect(loaded.notice).toBeNull();
    expect(loaded.progress.exercises['a']).toEqual(mine.exercises['a']);
    expect(loaded.progress.exercises['b']).toEqual(mine.exercises['b']);
    expect(Object.keys(loaded.progress.exercises)).toHaveLength(500);
  });

  // Issue 16, defect 2: mergeProgress read Object.prototype.constructor as the existing entry.
  it.each(['constructor', 'tostring', 'valueof', 'hasownproperty'])(
    'an exercise id of "%s" is an ordinary entry',
    (id) => {
      const incoming = parseProgress(
        {
          format: 'flask-deploy-lab/progress',
          version: 1,
          exercises: { [id]: { solved: true, attempts: 3, hintsUsed: 2, solvedAt: at } },
        },
        CATALOG,
      ).progress;
      const merged = mergeProgress(sample(), incoming, CATALOG).progress;
      expect(Object.getOwnPropertyDescriptor(merged.exercises, id)?.value).toEqual({
        solved: true,
        attempts: 3,
        hintsUsed: 2,
        solutionShown: false,
        solvedAt: at,
      });
      const loaded = parseProgressText(serializeProgress(merged, CATALOG), CATALOG);
      expect(loaded.notice).toBeNull();
      expect(loaded.progress).toEqual(merged);
      expect(createEmptyProgress().exercises[id]).toBeUndefined();
    },
  );

  it('merge → save → load never loses or alters the learner’s entries and raises no notice on the site’s own data (property)', () => {
    const prototypeKeys = fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'tostring',
      'valueof',
      'hasOwnProperty',
      'prototype',
    );
    const id = fc.oneof(
      prototypeKeys,
      fc.constantFrom(...CATALOG.exercises, ...CATALOG.checklist),
      fc.nat(100_000).map(String),
      fc.constantFrom('-1', '1e3', '4294967295', '007', ''),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.stringMatching(/^[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}$/),
    );
    const entry = fc.record({
      solved: fc.boolean(),
      attempts: fc.oneof(fc.nat(20), fc.constantFrom(-1, 1.5, 1e9, Number.NaN)),
      hintsUsed: fc.nat(5),
      solutionShown: fc.boolean(),
      solvedAt: fc.constantFrom(at, '2026-11-27T09:00:00.000Z', 'yesterday', null),
    });
    // What the site writes: events on arbitrary ids (it refuses ids it could not read back).
    const event = fc.oneof(
      fc.record({ id, kind: fc.constant('attempt' as const), correct: fc.boolean() }),
      fc.record({ id, kind: fc.constant('hint' as const), hints: fc.nat(5) }),
      fc.record({ id, kind: fc.constant('tick' as const), ticked: fc.boolean() }),
    );
    // A file: raw JSON text, so `__proto__` and repeated keys arrive exactly as written.
    const file = fc
      .tuple(
        fc.array(fc.tuple(id, entry), { maxLength: 40 }),
        fc.array(fc.tuple(id, fc.boolean()), { maxLength: 10 }),
        fc.nat(600),
      )
      .map(([exercises, checklist, flood]) => {
        const pairs = [
          ...exercises,
          ...Array.from(
            { length: flood },
            (_unused, index) => [String(index), exercises[0]?.[1] ?? {}] as const,
          ),
        ];
        const object = (list: readonly (readonly [string, unknown])[]) =>
          `{${list.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`;
        return `{"format":"flask-deploy-lab/progress","version":1,"exercises":${object(pairs)},"checklist":${object(checklist)},"resume":null}`;
      });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), file, (events, text) => {
        let mine = createEmptyProgress();
        for (const step of events) {
          if (step.kind === 'attempt') {
            mine = recordExerciseEvent(mine, step.id, {
              type: 'attempt',
              correct: step.correct,
              at,
            });
          } else if (step.kind === 'hint') {
            mine = recordExerciseEvent(mine, step.id, { type: 'hint', hintsShown: step.hints });
          } else {
            mine = setChecklistItem(mine, step.id, step.ticked);
          }
        }
        // The site's own data loads back whole, without a notice.
        const own = parseProgressText(serializeProgress(mine, CATALOG), CATALOG);
        expect(own.notice).toBeNull();
        expect(own.progress).toEqual(mine);

        const incoming = parseProgressText(text, CATALOG).progress;
        const merged = mergeProgress(mine, incoming, CATALOG).progress;
        const loaded = parseProgressText(serializeProgress(merged, CATALOG), CATALOG);
        expect(loaded.notice).toBeNull();
        expect(loaded.progress).toEqual(merged);
        for (const [key, value] of Object.entries(mine.exercises)) {
          const theirs = Object.getOwnPropertyDescriptor(incoming.exercises, key)?.value as
            typeof value | undefined;
          const kept: unknown = Object.getOwnPropertyDescriptor(
            loaded.progress.exercises,
            key,
          )?.value;
          if (theirs === undefined) {
            expect(kept).toEqual(value);
          } else {
            // Only ever improved: solved stays solved, counts never go down.
            expect(kept).toMatchObject({
              solved: value.solved || theirs.solved,
              attempts: Math.max(value.attempts, theirs.attempts),
              hintsUsed: Math.max(value.hintsUsed, theirs.hintsUsed),
            });
          }
        }
        for (const [key, ticked] of Object.entries(mine.checklist)) {
          const kept: unknown = Object.getOwnPropertyDescriptor(
            loaded.progress.checklist,
            key,
          )?.value;
          expect(kept).toBe(
            ticked || Object.getOwnPropertyDescriptor(incoming.checklist, key)?.value === true,
          );
        }
        expect(Object.getPrototypeOf(loaded.progress.exercises)).toBeNull();
      }),
      { numRuns: 150 },
    );
  });
});
