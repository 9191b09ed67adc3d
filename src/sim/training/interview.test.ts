import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendLog,
  computeTimePerExercise,
  interviewerQuery,
  interviewQuery,
  parseInterviewerQuery,
  seedFromKey,
  logToJson,
  logToMarkdown,
  parseInterviewQuery,
  type LogEntry,
} from './interview';
import { MAX_SEED } from './variants';

const known = new Set(['a', 'b', 'c']);

describe('interview links', () => {
  it('round-trips a plan through the query string', () => {
    const plan = { seed: 4711, exerciseIds: ['b', 'a'] };
    expect(parseInterviewQuery(interviewQuery(plan), known)).toEqual({ plan, notice: null });
  });

  it.each([
    ['?seed=0&ex=a'],
    ['?seed=-1&ex=a'],
    ['?seed=1e3&ex=a'],
    ['?seed=99999999&ex=a'],
    ['?seed=%00&ex=a'],
    ['?seed=12&ex=zzz,<script>'],
  ])('refuses %s with a notice', (search) => {
    const result = parseInterviewQuery(search, known);
    expect(result.plan).toBeNull();
    expect(result.notice).not.toBeNull();
  });

  it('drops unknown and duplicate ids but keeps the rest', () => {
    const result = parseInterviewQuery('?seed=5&ex=a,nope,a,c', known);
    expect(result.plan).toEqual({ seed: 5, exerciseIds: ['a', 'c'] });
    expect(result.notice).toContain('1 exercise');
  });

  it('says nothing for a page opened without a link', () => {
    expect(parseInterviewQuery('', known)).toEqual({ plan: null, notice: null });
  });
});

describe('action log', () => {
  const log: LogEntry[] = [
    { atMs: 0, type: 'start', exerciseId: null, detail: '', correct: null },
    { atMs: 0, type: 'open', exerciseId: 'a', detail: '', correct: null },
    { atMs: 30_000, type: 'answer', exerciseId: 'a', detail: 'x_for=3', correct: false },
    {
      atMs: 60_000,
      type: 'answer',
      exerciseId: 'a',
      detail: 'x_for=2 `|` **bold**',
      correct: true,
    },
    { atMs: 90_000, type: 'open', exerciseId: 'b', detail: '', correct: null },
    { atMs: 150_000, type: 'finish', exerciseId: null, detail: '', correct: null },
  ];

  it('adds up the time each exercise was open', () => {
    const times = computeTimePerExercise(log, 999_999);
    expect(times.get('a')).toBe(90_000);
    expect(times.get('b')).toBe(60_000);
  });

  it('exports Markdown with a summary row per exercise and every answer as inline code', () => {
    const md = logToMarkdown(log, {
      plan: { seed: 9, exerciseIds: ['a', 'b'] },
      titles: new Map([['a', 'Hops']]),
      nowMs: 150_000,
    });
    expect(md).toContain('| Hops | 1:30 | 2 | yes |');
    expect(md).toContain('| b | 1:00 | 0 | no |');
    expect(md).toContain('`` x_for=2 `|` **bold** ``');
  });

  it('exports JSON that parses back with the log', () => {
    const parsed = JSON.parse(
      logToJson(log, {
        plan: { seed: 9, exerciseIds: ['a', 'b'] },
        titles: new Map(),
        nowMs: 150_000,
      }),
    ) as { seed: number; log: unknown[] };
    expect(parsed.seed).toBe(9);
    expect(parsed.log).toHaveLength(log.length);
  });

  it('caps entry text', () => {
    const next = appendLog([], {
      atMs: 1,
      type: 'answer',
      exerciseId: 'a',
      detail: 'y'.repeat(10_000),
      correct: false,
    });
    expect(next[0]!.detail.length).toBe(2000);
  });
});

describe('interviewer keys', () => {
  const knownIds = new Set(['a', 'b']);

  it('maps any key to a seed from 1 to MAX_SEED, the same every time (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 16, maxLength: 64 }), (key) => {
        const seed = seedFromKey(key);
        expect(Number.isInteger(seed) && seed >= 1 && seed <= MAX_SEED).toBe(true);
        expect(seedFromKey(key)).toBe(seed);
      }),
    );
  });

  it('spreads keys over the seeds (2,000 keys, almost no two alike)', () => {
    const seeds = new Set(
      Array.from({ length: 2000 }, (_unused, index) => seedFromKey(`interview-key-${index}`)),
    );
    expect(seeds.size).toBeGreaterThan(1990);
  });

  it('round-trips an interviewer plan; the seed follows from the key', () => {
    const key = 'AbCdEfGhIjKlMnOpQrStUv';
    const parsed = parseInterviewerQuery(
      interviewerQuery({ key, exerciseIds: ['b', 'a'] }),
      knownIds,
    );
    expect(parsed).toEqual({
      plan: { key, seed: seedFromKey(key), exerciseIds: ['b', 'a'] },
      notice: null,
    });
  });

  it.each([
    ['the candidate’s query', '?seed=12&ex=a', /not an interviewer key/],
    ['a short key', '?key=abc&ex=a', /not valid/],
    ['a key with markup', '?key=%3Cscript%3Ealert(1)%3C%2Fscript%3E0000&ex=a', /not valid/],
    ['no exercise', '?key=AbCdEfGhIjKlMnOpQrStUv&ex=zzz', /names no exercise/],
  ])('opens no answers for %s', (_name, search, notice) => {
    const parsed = parseInterviewerQuery(search, knownIds);
    expect(parsed.plan).toBeNull();
    expect(parsed.notice).toMatch(notice);
  });
});
