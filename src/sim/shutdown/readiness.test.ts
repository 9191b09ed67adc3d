import { describe, expect, it } from 'vitest';
import {
  createDefaultReadinessScenario,
  simulateReadiness,
  validateReadinessScenario,
  type ReadinessScenario,
} from './readiness';

function run(patch: Partial<ReadinessScenario>) {
  return simulateReadiness({ ...createDefaultReadinessScenario(), ...patch });
}

describe('readiness vs liveness during a DB outage (Kubernetes probe docs; pod-lifecycle restart back-off)', () => {
  it('a DB check in liveness restarts every task, repeatedly, during the outage', () => {
    const r = run({ placement: 'db-in-liveness', tasks: 3 });
    expect(r.tasks.every((t) => t.restarts >= 2)).toBe(true);
    expect(r.noneServingMs).toBeGreaterThan(0);
    expect(r.tasks[0]!.segments.some((s) => s.state === 'back-off')).toBe(true);
  });

  it('a DB check in readiness restarts nothing and withholds traffic only', () => {
    const r = run({ placement: 'db-in-readiness' });
    expect(r.restarts).toBe(0);
    expect(r.tasks.every((t) => t.segments.some((s) => s.state === 'not-ready'))).toBe(true);
    expect(r.tasks.every((t) => t.segments.every((s) => s.state !== 'back-off'))).toBe(true);
  });

  it('readiness recovers within successThreshold periods of the DB returning; liveness waits out back-off and boot', () => {
    const readiness = run({ placement: 'db-in-readiness' });
    const liveness = run({ placement: 'db-in-liveness' });
    expect(readiness.recoveryDelayMs).not.toBeNull();
    expect(readiness.recoveryDelayMs!).toBeLessThanOrEqual(10_000);
    expect(
      liveness.recoveryDelayMs === null || liveness.recoveryDelayMs > readiness.recoveryDelayMs!,
    ).toBe(true);
  });

  it('needs failureThreshold failures in a row before acting', () => {
    // A 15 s blip with 10 s probes is at most 2 failed probes: threshold 3 ignores it.
    const r = run({ placement: 'db-in-liveness', outageSeconds: 15, failureThreshold: 3 });
    expect(r.restarts).toBe(0);
    const strict = run({ placement: 'db-in-liveness', outageSeconds: 15, failureThreshold: 1 });
    expect(strict.restarts).toBeGreaterThan(0);
  });

  it('restart back-off doubles from 10 s', () => {
    const r = run({
      placement: 'db-in-liveness',
      tasks: 1,
      outageSeconds: 400,
      durationSeconds: 600,
    });
    const backoffs = r.tasks[0]!.segments.filter((s) => s.state === 'back-off').map(
      (s) => s.toMs - s.fromMs,
    );
    expect(backoffs.slice(0, 3)).toEqual([10_000, 20_000, 40_000]);
  });

  it('segments tile the run without gaps or overlaps', () => {
    for (const placement of ['db-in-liveness', 'db-in-readiness'] as const) {
      const r = run({ placement, bootSeconds: 25, periodSeconds: 5, failureThreshold: 2 });
      for (const task of r.tasks) {
        let at = 0;
        for (const seg of task.segments) {
          expect(seg.fromMs).toBe(at);
          expect(seg.toMs).toBeGreaterThan(seg.fromMs);
          at = seg.toMs;
        }
        expect(at).toBe(600_000);
      }
    }
  });
});

describe('validateReadinessScenario', () => {
  it('clamps, whitelists and rejects non-objects', () => {
    expect(validateReadinessScenario('x')).toBeNull();
    const v = validateReadinessScenario({ tasks: 1e9, placement: 'nope', periodSeconds: -3 })!;
    expect(v.tasks).toBe(10);
    expect(v.placement).toBe('db-in-liveness');
    expect(v.periodSeconds).toBe(1);
  });
});
