import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeRun, describeSweep } from './describe-run';
import {
  SETTING_RANGES,
  WORKER_PRESETS,
  WORKER_PRESET_NAMES,
  buildScenario,
  validateWorkerSettings,
  type WorkerSettings,
} from './settings';
import { simulateWorkers } from './simulate-workers';
import { LOAD_FACTORS, listVariants, planSweep, sweepLoad } from './sweep-load';

describe('validateWorkerSettings', () => {
  it('accepts every preset unchanged', () => {
    for (const name of WORKER_PRESET_NAMES) {
      expect(validateWorkerSettings(WORKER_PRESETS[name])).toEqual(WORKER_PRESETS[name]);
    }
  });

  it('rejects structurally wrong input', () => {
    for (const raw of [
      null,
      42,
      'x',
      [],
      { workers: '4' },
      { workerClass: 'eventlet' },
      { usesDb: 1 },
      { compare: 'cores' },
      { workers: Number.NaN },
    ]) {
      expect(validateWorkerSettings(raw)).toBeNull();
    }
  });

  it('clamps absurd numbers into range', () => {
    const settings = validateWorkerSettings({
      workers: 1e12,
      cores: -5,
      ratePerSecond: Infinity,
      backlog: 0.2,
    });
    expect(settings?.workers).toBe(SETTING_RANGES.workers.max);
    expect(settings?.cores).toBe(SETTING_RANGES.cores.min);
    expect(settings?.ratePerSecond).toBe(SETTING_RANGES.ratePerSecond.max);
    expect(settings?.backlog).toBe(1);
  });

  it('never returns a number outside its range, whatever comes in', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...Object.keys(SETTING_RANGES)), fc.double()),
        (raw) => {
          const settings = validateWorkerSettings(raw);
          if (settings === null) return;
          for (const [name, range] of Object.entries(SETTING_RANGES)) {
            const value = settings[name as keyof typeof SETTING_RANGES];
            expect(value).toBeGreaterThanOrEqual(range.min);
            expect(value).toBeLessThanOrEqual(range.max);
          }
        },
      ),
    );
  });
});

describe('buildScenario', () => {
  it('turns the slow-endpoint share into a second, fixed-length request kind', () => {
    const scenario = buildScenario(WORKER_PRESETS['slow-endpoint']);
    const slow = scenario.mix.find((kind) => kind.name === 'slow');
    expect(slow?.ioMs).toBe(35_000);
    expect(slow?.variability).toBe('fixed');
    expect(slow?.weight).toBe(1);
  });

  it('spaces bursts so the average rate is the chosen rate', () => {
    const scenario = buildScenario({
      ...WORKER_PRESETS['cpu-bound'],
      arrivalKind: 'bursts',
      burstSize: 90,
      ratePerSecond: 45,
    });
    expect(scenario.arrivals).toEqual({ kind: 'bursts', burstSize: 90, burstEveryMs: 2000 });
  });
});

function runPreset(settings: WorkerSettings) {
  return simulateWorkers(buildScenario(settings));
}

describe('describeRun: conclusions come from the run', () => {
  it('calls 16 workers on 2 cores CPU-bound and says the extra 14 only wait', () => {
    const settings = { ...WORKER_PRESETS['cpu-bound'], workers: 16, ratePerSecond: 60 };
    const text = describeRun(settings, runPreset(settings)).join(' ');
    expect(text).toContain('CPU-bound');
    expect(text).toContain('16 workers share 2 cores');
    expect(text).toContain('14 of them only wait');
    // 2 cores / 40 ms = 50 requests/s.
    expect(text).toContain('near 50 requests/s');
  });

  it('changes the stated ceiling with the cores', () => {
    const settings = { ...WORKER_PRESETS['cpu-bound'], workers: 16, cores: 4, ratePerSecond: 150 };
    expect(describeRun(settings, runPreset(settings)).join(' ')).toContain('near 100 requests/s');
  });

  it('blames IO, not CPU, for sync workers on the IO-heavy API', () => {
    const settings = WORKER_PRESETS['io-heavy'];
    const text = describeRun(settings, runPreset(settings)).join(' ');
    expect(text).toContain('waiting on IO');
    expect(text).not.toContain('CPU-bound');
  });

  it('reports timeout kills for sync and pool starvation for gthread on the slow endpoint', () => {
    const gthread = WORKER_PRESETS['slow-endpoint'];
    const gthreadText = describeRun(gthread, runPreset(gthread)).join(' ');
    expect(gthreadText).toContain('wait for a database connection');
    expect(gthreadText).toContain('pool allows only 5 connections');
    expect(gthreadText).not.toContain('timeout killed');
    const sync = { ...gthread, workerClass: 'sync' as const, workers: 4 };
    const syncText = describeRun(sync, runPreset(sync)).join(' ');
    expect(syncText).toContain('30 s timeout killed');
  });

  it('says so when nothing failed', () => {
    const settings = { ...WORKER_PRESETS['cpu-bound'], ratePerSecond: 10 };
    expect(describeRun(settings, runPreset(settings))).toContain('No request failed.');
  });
});

describe('sweepLoad', () => {
  it('compares 2, 4, 8 and 16 workers (plus the current count) at every load factor', () => {
    const settings = { ...WORKER_PRESETS['cpu-bound'], workers: 5, durationSeconds: 10 };
    expect(listVariants(settings).map((variant) => variant.settings.workers)).toEqual([
      2, 4, 5, 8, 16,
    ]);
    expect(planSweep(settings)).toHaveLength(5 * LOAD_FACTORS.length);
  });

  it('shows the CPU-bound story: throughput equal across worker counts at the chosen rate', () => {
    const settings = { ...WORKER_PRESETS['cpu-bound'], durationSeconds: 30 };
    const sweep = sweepLoad(settings);
    const text = describeSweep(settings, sweep).join(' ');
    expect(text).toContain('under 5 %');
    for (const row of sweep.points) {
      expect(row.map((point) => point.loadFactor)).toEqual(LOAD_FACTORS);
    }
  });

  it('shows the IO-heavy story: gthread and gevent serve far more than sync', () => {
    const settings = { ...WORKER_PRESETS['io-heavy'], durationSeconds: 30 };
    const sweep = sweepLoad(settings);
    const at = (label: string) =>
      sweep.points[sweep.variants.findIndex((v) => v.settings.workerClass === label)]?.find(
        (p) => p.loadFactor === 1,
      )?.throughputPerSecond ?? 0;
    expect(at('gthread')).toBeGreaterThan(at('sync') * 1.5);
    expect(at('gevent')).toBeGreaterThan(at('sync') * 1.5);
    expect(describeSweep(settings, sweep).join(' ')).toMatch(
      /served \d+(\.\d+)? % more than 4 sync workers/,
    );
  });
});
