/**
 * The connection figures a chapter states must be the ones the capacity model computes for the
 * same example (src/sim/capacity/capacity.ts). Two kinds of statement are checked:
 *
 * - arithmetic written out in prose, `4 tasks × 8 workers × (5 + 10) = 480` (the pools'
 *   ceiling) and `pool_size 5 × 8 workers × 4 tasks = 160` (pool_size alone);
 * - the static table inside each `<WidgetSlot widget="capacity" preset="…">`: its example is the
 *   preset's input (the model's defaults without a preset), each row names a worker setup, and
 *   every recognised column must equal the model's figure for that setup.
 *
 * A sentence that calls `pool_size × workers × tasks` the capacity or ceiling fails too: that
 * product leaves out max_overflow.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeCapacity, type CapacityInput, type CapacityResult } from '../sim/capacity/capacity';
import { CAPACITY_PRESETS } from '../sim/capacity/capacity-presets';

const dir = fileURLToPath(new URL('../../content/chapters/', import.meta.url));
const chapters = readdirSync(dir)
  .filter((f) => /^\d\d-.*\.mdx$/.test(f))
  .map((file) => ({
    file,
    // Code blocks are examples, not claims.
    prose: readFileSync(`${dir}${file}`, 'utf8').replace(/```[\s\S]*?```/g, ''),
  }));

const CEILING = /(\d+) tasks? × (\d+) workers × \((\d+) \+ (\d+)\) = (\d+)/g;
const POOL_SIZE_ONLY = /pool_size (\d+) × (\d+) workers × (\d+) tasks = (\d+)/g;

describe('connection arithmetic in prose', () => {
  const ceilings = chapters.flatMap(({ file, prose }) =>
    [...prose.matchAll(CEILING)].map((m) => ({ file, m })),
  );
  const products = chapters.flatMap(({ file, prose }) =>
    [...prose.matchAll(POOL_SIZE_ONLY)].map((m) => ({ file, m })),
  );

  it('finds the worked example (so the checks below cannot pass by matching nothing)', () => {
    expect(ceilings.length).toBeGreaterThan(0);
  });

  it('states the ceiling the model computes: tasks × workers × (pool_size + max_overflow)', () => {
    for (const { file, m } of ceilings) {
      const [tasks, workers, poolSize, maxOverflow, stated] = m.slice(1, 6).map(Number) as [
        number,
        number,
        number,
        number,
        number,
      ];
      const r = computeCapacity({ tasks, workers, poolSize, maxOverflow });
      expect(stated, `${file}: ${m[0]}`).toBe(r.poolCapacity);
    }
  });

  it('states the pool_size-only product the model computes', () => {
    for (const { file, m } of products) {
      const [poolSize, workers, tasks, stated] = m.slice(1, 5).map(Number) as [
        number,
        number,
        number,
        number,
      ];
      expect(stated, `${file}: ${m[0]}`).toBe(
        computeCapacity({ tasks, workers, poolSize }).guidePoolSizeProduct,
      );
    }
  });

  it('never calls pool_size × workers × tasks the capacity or ceiling', () => {
    for (const { file, prose } of chapters) {
      for (const sentence of prose.split(/(?<=\.)\s+/)) {
        if (!/pool_size × workers × tasks/.test(sentence)) continue;
        expect(/\b(capacity|ceiling)\b/i.test(sentence), `${file}: ${sentence}`).toBe(false);
      }
    }
  });
});

interface Row {
  label: string;
  cells: Map<string, string>;
}

function parseTable(block: string): Row[] {
  const lines = block.split('\n').filter((l) => l.trim().startsWith('|'));
  const split = (l: string) =>
    l
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
  const header = split(lines[0] ?? '');
  return lines.slice(2).map((line) => {
    const cells = split(line);
    return { label: cells[0] ?? '', cells: new Map(header.map((h, i) => [h, cells[i] ?? ''])) };
  });
}

/** The worker setup a row's first cell names, as model input, or 'ceiling'. */
function rowSetup(label: string): Partial<CapacityInput> | 'ceiling' | null {
  if (/ceiling/i.test(label)) return 'ceiling';
  if (/gthread/.test(label)) {
    const threads = /threads = (\d+)/.exec(label);
    return { workerClass: 'gthread', threads: Number(threads?.[1] ?? 1) };
  }
  if (/gevent/.test(label)) return { workerClass: 'gevent' };
  if (/sync/.test(label)) return { workerClass: 'sync' };
  return null;
}

function firstNumber(cell: string): number | null {
  const m = /\d+/.exec(cell);
  return m ? Number(m[0]) : null;
}

/** The model's figure for a column header, or null when the column is not a figure. */
function figureFor(header: string, r: CapacityResult, ceiling: boolean): number | null {
  const perWorker = ceiling ? r.poolLimitPerWorker : r.perWorkerPeak;
  const workers = r.settings.workers;
  if (/^peak (connections )?per worker/i.test(header)) return perWorker;
  if (/^per task/i.test(header)) return perWorker * workers;
  if (/^steady/i.test(header)) return ceiling ? r.poolCapacity : r.steadyPeak;
  if (/^rolling deploy/i.test(header))
    return ceiling ? perWorker * workers * r.deployTasks : r.deployPeak;
  if (/^idle/i.test(header) && !ceiling) return r.perWorkerIdle;
  if (/^requests at once/i.test(header) && !ceiling) return r.concurrencyPerWorker;
  return null;
}

const slots = chapters.flatMap(({ file, prose }) =>
  [...prose.matchAll(/<WidgetSlot widget="capacity"([^>]*)>([\s\S]*?)<\/WidgetSlot>/g)].map(
    (m) => ({ file, attrs: m[1] ?? '', body: m[2] ?? '' }),
  ),
);

describe('capacity static tables agree with the capacity model', () => {
  it('finds the tables', () => {
    expect(slots.length).toBeGreaterThanOrEqual(2);
  });

  it.each(slots.map((s) => [`${s.file} ${s.attrs.trim()}`, s]))('%s', (_name, slot) => {
    const presetId = /preset="([^"]+)"/.exec(slot.attrs)?.[1];
    const preset = presetId ? CAPACITY_PRESETS.find((p) => p.id === presetId) : undefined;
    if (presetId) expect(preset, `unknown preset ${presetId}`).toBeDefined();
    const base: CapacityInput = preset?.input ?? {};
    let compared = 0;
    for (const row of parseTable(slot.body)) {
      const setup = rowSetup(row.label);
      expect(setup, `row "${row.label}" names no worker setup`).not.toBeNull();
      const ceiling = setup === 'ceiling';
      const r = computeCapacity({ ...base, ...(ceiling || setup === null ? {} : setup) });
      for (const [header, cell] of row.cells) {
        const expected = figureFor(header, r, ceiling);
        if (expected === null) continue;
        expect(firstNumber(cell), `${row.label} / ${header}`).toBe(expected);
        compared++;
      }
      // Headers that name the example's task counts must match the model's.
      for (const header of row.cells.keys()) {
        const tasks = /^steady \((\d+) tasks\)/i.exec(header)?.[1];
        if (tasks) expect(Number(tasks)).toBe(r.settings.tasks);
        const deploy = /^rolling deploy \((\d+) tasks\)/i.exec(header)?.[1];
        if (deploy) expect(Number(deploy)).toBe(r.deployTasks);
        const fits = /^fits in (\d+)\?/i.exec(header);
        if (fits) {
          expect(Number(fits[1])).toBe(r.available);
          const deployFigure = figureFor('rolling deploy', r, ceiling) ?? 0;
          const verdict = row.cells.get(header) ?? '';
          expect(verdict.startsWith('Yes'), `${row.label}: ${verdict}`).toBe(
            deployFigure <= r.available,
          );
        }
      }
    }
    expect(compared, 'no figure in the table was compared').toBeGreaterThan(0);
  });
});
