import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPACITY_DEFAULTS, PGBOUNCER_DEFAULTS, computeCapacity } from './capacity';
import { CAPACITY_PRESETS, settingsForPreset } from './capacity-presets';
import {
  CAPACITY_RANGES,
  PGBOUNCER_RANGES,
  normalizeCapacityInput,
} from './normalize-capacity-input';

describe('normalizeCapacityInput', () => {
  it('accepts a full valid scenario unchanged and silently', () => {
    const settings = settingsForPreset('gevent-pgbouncer');
    const result = normalizeCapacityInput(settings);
    expect(result.settings).toEqual(settings);
    expect(result.messages).toEqual([]);
  });

  it('fills omitted fields with defaults without a message', () => {
    const result = normalizeCapacityInput({ workers: 4 });
    expect(result.settings).toEqual({ ...CAPACITY_DEFAULTS, workers: 4 });
    expect(result.messages).toEqual([]);
  });

  it('clamps negative and absurd numbers and says so', () => {
    const result = normalizeCapacityInput({ workers: -3, tasks: 1e12 });
    expect(result.settings.workers).toBe(1);
    expect(result.settings.tasks).toBe(CAPACITY_RANGES.tasks.max);
    expect(result.messages).toHaveLength(2);
    expect(result.messages[0]).toMatch(/^workers: -3 is below the minimum 1/);
    expect(result.messages[1]).toMatch(/desired tasks: 1000000000000 is above/);
  });

  it('replaces non-numbers with the default and says so', () => {
    const result = normalizeCapacityInput({
      poolSize: 'lots',
      maxOverflow: Number.NaN,
      threads: null,
    });
    expect(result.settings.poolSize).toBe(5);
    expect(result.settings.maxOverflow).toBe(10);
    expect(result.settings.threads).toBe(1);
    expect(result.messages).toHaveLength(3);
    expect(result.messages).toContain('pool_size: "lots" is not a number; using 5.');
  });

  it('reads numeric strings from form fields and rounds counts', () => {
    const result = normalizeCapacityInput({ workers: ' 8 ', tasks: 2.6 });
    expect(result.settings.workers).toBe(8);
    expect(result.settings.tasks).toBe(3);
    expect(result.messages).toEqual(['desired tasks: 2.6 is not a whole number; using 3.']);
  });

  it('whitelists worker classes, pool modes and RDS classes', () => {
    const result = normalizeCapacityInput({
      workerClass: '<img src=x onerror=alert(1)>',
      rdsInstanceClass: 'db.t4g.nano',
      pgbouncer: { poolMode: 'statement' },
    });
    expect(result.settings.workerClass).toBe('sync');
    expect(result.settings.rdsInstanceClass).toBeNull();
    expect(result.settings.pgbouncer?.poolMode).toBe('session');
    expect(result.messages).toHaveLength(3);
  });

  it('turns PgBouncer on with its defaults from `true`, off from null', () => {
    expect(normalizeCapacityInput({ pgbouncer: true }).settings.pgbouncer).toEqual(
      PGBOUNCER_DEFAULTS,
    );
    expect(normalizeCapacityInput({ pgbouncer: null }).settings.pgbouncer).toBeNull();
    const junk = normalizeCapacityInput({ pgbouncer: 'yes please' });
    expect(junk.settings.pgbouncer).toBeNull();
    expect(junk.messages).toHaveLength(1);
  });

  it('keeps the reserved slots below max_connections, as PostgreSQL requires', () => {
    const result = normalizeCapacityInput({
      maxConnections: 10,
      superuserReservedConnections: 8,
      reservedConnections: 5,
    });
    const s = result.settings;
    expect(s.superuserReservedConnections + s.reservedConnections).toBeLessThan(10);
    expect(result.messages).toHaveLength(1);
    expect(computeCapacity(s).available).toBeGreaterThanOrEqual(1);
  });

  it('gives the defaults and a message for anything that is not an object', () => {
    for (const raw of [null, 42, 'workers=8', [1, 2, 3], undefined]) {
      const result = normalizeCapacityInput(raw);
      expect(result.settings).toEqual(CAPACITY_DEFAULTS);
      expect(result.messages).toHaveLength(1);
    }
  });

  it('keeps messages short for a 1 MB paste', () => {
    const result = normalizeCapacityInput({ workers: 'x'.repeat(1_000_000) });
    expect(result.settings.workers).toBe(1);
    expect(result.messages[0]!.length).toBeLessThan(200);
  });

  it('every preset is already normal', () => {
    for (const preset of CAPACITY_PRESETS) {
      expect(normalizeCapacityInput(settingsForPreset(preset.id)).messages, preset.id).toEqual([]);
    }
  });

  it('never throws, always returns settings in range, and is idempotent', () => {
    const fieldArb = fc.oneof(
      fc.anything(),
      fc.double(),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.string({ maxLength: 12 }),
    );
    const keys = [
      ...Object.keys(CAPACITY_RANGES),
      'workerClass',
      'pgbouncer',
      'rdsInstanceClass',
      'preloadApp',
    ];
    const rawArb = fc.oneof(
      fc.anything(),
      fc.dictionary(fc.constantFrom(...keys), fieldArb),
      fc.record({
        pgbouncer: fc.dictionary(
          fc.constantFrom(...Object.keys(PGBOUNCER_RANGES), 'poolMode', 'placement'),
          fieldArb,
        ),
      }),
    );
    fc.assert(
      fc.property(rawArb, (raw) => {
        const { settings } = normalizeCapacityInput(raw);
        for (const [key, range] of Object.entries(CAPACITY_RANGES)) {
          const value = settings[key as keyof typeof CAPACITY_RANGES];
          expect(value).toBeGreaterThanOrEqual(range.min);
          expect(value).toBeLessThanOrEqual(range.max);
          if (range.integer) expect(Number.isInteger(value)).toBe(true);
        }
        expect(settings.superuserReservedConnections + settings.reservedConnections).toBeLessThan(
          settings.maxConnections,
        );
        const again = normalizeCapacityInput(settings);
        expect(again.settings).toEqual(settings);
        expect(again.messages).toEqual([]);
        const result = computeCapacity(settings);
        expect(Number.isFinite(result.deployTotal)).toBe(true);
        expect(Number.isFinite(result.memory.perTaskMiB)).toBe(true);
      }),
    );
  });
});
