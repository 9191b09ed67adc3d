import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  KEEPALIVE_LIMITS,
  createDefaultKeepAliveScenario,
  validateKeepAliveScenario,
  viewKeepAlive,
} from './widget-state';

describe('viewKeepAlive', () => {
  it('opens on the failure: a handful of 502s an hour from the ALB, none in the app logs', () => {
    const v = viewKeepAlive(createDefaultKeepAliveScenario());
    expect(v.failing).toBe(true);
    expect(v.estimate.badGatewaysPerHour).toBeGreaterThan(1);
    expect(v.estimate.badGatewaysPerHour).toBeLessThan(20);
    expect(v.verdict).toMatch(/^502s from the ALB: about \d+(\.\d)? an hour, and none of them in/);
  });

  it('is fixed by raising keepalive above the idle timeout, or by nginx closing first', () => {
    const d = createDefaultKeepAliveScenario();
    expect(viewKeepAlive({ ...d, keepaliveSeconds: 75 }).failing).toBe(false);
    const nginx = { ...d, proxy: 'nginx' as const, retry: 'never' as const };
    expect(viewKeepAlive(nginx).failing).toBe(true);
    expect(viewKeepAlive({ ...nginx, idleTimeoutSeconds: 1 }).failing).toBe(false);
  });

  it('says so when nginx resends everything', () => {
    const d = createDefaultKeepAliveScenario();
    const v = viewKeepAlive({ ...d, proxy: 'nginx', retry: 'all' });
    expect(v.failing).toBe(false);
    expect(v.verdict).toContain('nginx resends every one');
  });

  it('shows the probe request failing when sent inside the window', () => {
    const d = createDefaultKeepAliveScenario();
    const { timeline } = viewKeepAlive(d);
    const mid = (timeline.windowFrom + timeline.windowTo) / 2;
    expect(viewKeepAlive({ ...d, probeGapSeconds: mid }).probe.outcome).toBe('failed');
    expect(viewKeepAlive({ ...d, probeGapSeconds: 1 }).probe.outcome).toBe('ok-reused');
  });
});

describe('validateKeepAliveScenario', () => {
  it('rejects what is not an object', () => {
    for (const junk of [null, 3, 'x', [], undefined])
      expect(validateKeepAliveScenario(junk)).toBeNull();
  });

  it('forces ALB to never retry and falls back on unknown values', () => {
    const s = validateKeepAliveScenario({ proxy: 'alb', retry: 'all', worker: 'eventlet' })!;
    expect(s.retry).toBe('never');
    expect(s.worker).toBe('gthread');
  });

  it('keeps every number within its limits, whatever comes in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), fc.double(), (raw, n) => {
        const s = validateKeepAliveScenario({ ...raw, keepaliveSeconds: n, requestsPerSecond: n })!;
        for (const [key, [min, max]] of Object.entries(KEEPALIVE_LIMITS)) {
          const value = s[key as keyof typeof KEEPALIVE_LIMITS];
          expect(value).toBeGreaterThanOrEqual(min);
          expect(value).toBeLessThanOrEqual(max);
        }
        expect(() => viewKeepAlive(s)).not.toThrow();
      }),
      { numRuns: 30 },
    );
  });
});
