import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom, sampleExponential } from '../random';
import { estimateKeepAlive502s, type KeepAliveRateInput } from './rate';
import { hitStaleConnection, simulateKeepAliveRequests } from './timing';

function input(overrides: Partial<KeepAliveRateInput> = {}): KeepAliveRateInput {
  return {
    workerClass: 'gthread',
    gthreadLoop: '20.1-23',
    gunicornKeepaliveSeconds: 2,
    proxy: { kind: 'alb', idleTimeoutSeconds: 60, retry: 'never' },
    requestsPerSecond: 8,
    connections: 20,
    nonIdempotentShare: 0.2,
    linkDelaySeconds: 0.0005,
    serviceSeconds: 0.02,
    seed: 1,
    ...overrides,
  };
}

describe('estimateKeepAlive502s', () => {
  it('gives a handful of 502s an hour for gthread with keepalive 2 behind a 60 s ALB', () => {
    const e = estimateKeepAlive502s(input());
    expect(e.badGatewaysPerHour).toBeGreaterThan(1);
    expect(e.badGatewaysPerHour).toBeLessThan(20);
    expect(e.badGatewaysPerHour).toBe(e.staleHitsPerHour);
  });

  it('gives none once keepalive is above the idle timeout, or with sync workers', () => {
    expect(estimateKeepAlive502s(input({ gunicornKeepaliveSeconds: 75 })).staleHitsPerHour).toBe(0);
    expect(estimateKeepAlive502s(input({ workerClass: 'sync' })).staleHitsPerHour).toBe(0);
  });

  it('leaves only the POST share when nginx resends idempotent requests', () => {
    const e = estimateKeepAlive502s(
      input({ proxy: { kind: 'nginx', idleTimeoutSeconds: 60, retry: 'idempotent' } }),
    );
    expect(e.badGatewaysPerHour).toBeCloseTo(e.staleHitsPerHour * 0.2, 9);
    const all = estimateKeepAlive502s(
      input({ proxy: { kind: 'nginx', idleTimeoutSeconds: 60, retry: 'all' } }),
    );
    expect(all.badGatewaysPerHour).toBe(0);
  });

  it('replays the same figure for the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const small = { seed, maxRequests: 2000 };
        expect(estimateKeepAlive502s(input(small))).toEqual(estimateKeepAlive502s(input(small)));
      }),
      { numRuns: 20 },
    );
  });

  it('agrees with counting failures in the per-request model', () => {
    // One connection, a wide window (0.1 s each way), gevent (close on the deadline):
    // count the failures of a long seeded Poisson request list and compare.
    const rate = 0.4;
    const common = {
      workerClass: 'gevent' as const,
      gthreadLoop: '24+' as const,
      gunicornKeepaliveSeconds: 2,
      proxy: { kind: 'alb' as const, idleTimeoutSeconds: 60, retry: 'never' as const },
      linkDelaySeconds: 0.1,
      serviceSeconds: 0.001,
    };
    const random = createRandom(7);
    const requests = [];
    let t = 0;
    for (let i = 0; i < 40_000; i++) {
      t += sampleExponential(random, 1 / rate);
      requests.push({ sendAtSeconds: t, method: 'GET' as const });
    }
    const counted = simulateKeepAliveRequests({ ...common, connectSeconds: 0 }, requests).filter(
      (r) => hitStaleConnection(r.outcome),
    ).length;
    const perSecond = counted / t;
    const estimate = estimateKeepAlive502s({
      ...common,
      requestsPerSecond: rate,
      connections: 1,
      nonIdempotentShare: 0,
      seed: 3,
    });
    const expected = estimate.staleHitsPerHour / 3600;
    expect(Math.abs(perSecond - expected) / expected).toBeLessThan(0.15);
  });
});
