/**
 * Properties of the readers: they never throw on any text, and every value they report
 * points (line, column) at that value's text in the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFacts, type Facts, type ReadOutcome } from '../facts';
import { readGunicornFlags } from './command-line';
import { readGunicornConf, readPythonFile } from './python';
import { parseTree, roots } from './tree';

function at(text: string, line: number, column: number): string {
  return text.split('\n')[line - 1]!.slice(column - 1);
}

const SETTINGS = ['workers', 'threads', 'timeout', 'graceful_timeout', 'keepalive'] as const;
const KEYS = {
  workers: 'workers',
  threads: 'threads',
  timeout: 'timeout',
  graceful_timeout: 'gracefulTimeout',
  keepalive: 'keepalive',
} as const;

describe('Python reader', () => {
  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const outcome = { cannotTell: [] };
        readGunicornConf('g.py', text, createFacts(), outcome);
        readPythonFile('a.py', text, createFacts(), outcome);
      }),
    );
  });

  it('reads literal, int(os.getenv(…, default)) and float() assignments, pointing at the value', () => {
    const value = fc.nat({ max: 10_000 });
    const form = fc.constantFrom(
      (n: number) => `${n}`,
      (n: number) => `int(os.getenv("X", "${n}"))`,
      (n: number) => `int(os.environ.get("X", ${n}))`,
      (n: number) => `int(float("${n}"))`,
      (n: number) => `(${n})`,
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...SETTINGS), value, form, fc.nat({ max: 3 })), {
          minLength: 1,
          maxLength: 6,
        }),
        (lines) => {
          const text = `import os\n${lines.map(([k, n, f, pad]) => `${k}${' '.repeat(pad)} = ${f(n)}`).join('\n')}\n`;
          const facts: Facts = createFacts();
          readGunicornConf('g.py', text, facts, { cannotTell: [] });
          for (const key of SETTINGS) {
            const last = lines.filter(([k]) => k === key).pop();
            const got = facts.gunicorn[KEYS[key]];
            if (!last) {
              expect(got).toBeUndefined();
              continue;
            }
            expect(got?.value).toBe(last[1]);
            expect(at(text, got!.line, got!.column)).toBe(last[2](last[1]));
          }
        },
      ),
    );
  });

  it('says "cannot tell" for what needs running, and guesses nothing', () => {
    const outcome: ReadOutcome = { cannotTell: [] };
    const facts = createFacts();
    readGunicornConf(
      'g.py',
      'import os\nworkers = int(os.environ["WORKERS"])\ntimeout = compute()\nkeepalive = os.getenv("KA")\nif x:\n    threads = 4\n',
      facts,
      outcome,
    );
    expect(facts.gunicorn).toEqual({});
    expect(outcome.cannotTell.map((c) => c.setting).sort()).toEqual([
      'keepalive',
      'threads',
      'timeout',
      'workers',
    ]);
  });

  it('keeps cpu_count() symbolic', () => {
    const facts = createFacts();
    readGunicornConf(
      'g.py',
      'import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1\n',
      facts,
      { cannotTell: [] },
    );
    expect(facts.gunicorn.workers?.value).toEqual({ perCpu: 2, plus: 1 });
  });
});

describe('YAML/JSON tree', () => {
  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const { tree } = parseTree('f', text);
        if (tree) for (const r of roots(tree)) r.entries().forEach(([, v]) => v.str());
      }),
    );
  });

  it('points each value of a JSON object (any key, __proto__ included) at its text', () => {
    const key = fc.oneof(
      fc.constant('__proto__'),
      fc.constant('constructor'),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.integer({ min: -1e6, max: 1e6 })),
        fc.boolean(),
        (obj, pretty) => {
          const text = JSON.stringify(obj, null, pretty ? 2 : undefined);
          const { tree } = parseTree('f.json', text);
          const root = roots(tree!)[0]!;
          for (const [k, v] of Object.entries(obj)) {
            const node = root.get(k)!;
            expect(node.num()).toBe(v);
            expect(at(text, node.pos.line, node.pos.column).startsWith(JSON.stringify(v))).toBe(
              true,
            );
          }
          expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        },
      ),
    );
  });
});

describe('Gunicorn flags', () => {
  it('round-trips: flags written in any accepted spelling read back to the same settings', () => {
    const spelling = fc.constantFrom('long', 'equals', 'short');
    fc.assert(
      fc.property(
        fc.record({
          workers: fc.integer({ min: 1, max: 64 }),
          timeout: fc.integer({ min: 0, max: 3600 }),
        }),
        spelling,
        ({ workers, timeout }, how) => {
          const argv =
            how === 'long'
              ? ['--workers', `${workers}`, '--timeout', `${timeout}`]
              : how === 'equals'
                ? [`--workers=${workers}`, `--timeout=${timeout}`]
                : [`-w${workers}`, '-t', `${timeout}`];
          const facts = createFacts();
          readGunicornFlags('f', argv, 0, () => ({ line: 1, column: 1 }), 'command-line', facts, {
            cannotTell: [],
          });
          expect(facts.gunicorn.workers?.value).toBe(workers);
          expect(facts.gunicorn.timeout?.value).toBe(timeout);
        },
      ),
    );
  });
});
