import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstLoopTurnAtOrAfter, proxyRetries, type HttpMethod } from './mechanics';
import { assessKeepAliveRace } from './race';
import {
  hitStaleConnection,
  idleConnectionTimeline,
  simulateKeepAliveRequests,
  type KeepAliveTimingConfig,
  type TimedRequest,
} from './timing';

const DELAY = 0.001;

function config(overrides: Partial<KeepAliveTimingConfig> = {}): KeepAliveTimingConfig {
  return {
    workerClass: 'gthread',
    gthreadLoop: '20.1-23',
    gunicornKeepaliveSeconds: 2,
    proxy: { kind: 'alb', idleTimeoutSeconds: 60, retry: 'never' },
    linkDelaySeconds: DELAY,
    connectSeconds: 0,
    serviceSeconds: 0.3,
    ...overrides,
  };
}

/** Requests sent `gaps` seconds after the previous one (the first at 0). */
function chain(gaps: number[], method: HttpMethod = 'GET'): TimedRequest[] {
  let t = 0;
  return gaps.map((gap) => ({ sendAtSeconds: (t += gap), method }));
}

describe('firstLoopTurnAtOrAfter (gthread main loop)', () => {
  it('turns one second after the last event, so the close lags the deadline', () => {
    expect(firstLoopTurnAtOrAfter(12.3, [10])).toBeCloseTo(13);
    expect(firstLoopTurnAtOrAfter(12, [10])).toBeCloseTo(12);
  });
  it('closes at an event that wakes the loop before the next turn', () => {
    expect(firstLoopTurnAtOrAfter(12.3, [10, 12.5])).toBeCloseTo(12.5);
  });
  it('can leave out one wake', () => {
    expect(firstLoopTurnAtOrAfter(12.3, [10, 12.5], 12.5)).toBeCloseTo(13);
  });
});

describe('proxyRetries (nginx proxy_next_upstream)', () => {
  it('resends GET but not POST or PATCH by default, everything with non_idempotent', () => {
    expect(proxyRetries('idempotent', 'GET')).toBe(true);
    expect(proxyRetries('idempotent', 'DELETE')).toBe(true);
    expect(proxyRetries('idempotent', 'POST')).toBe(false);
    expect(proxyRetries('idempotent', 'PATCH')).toBe(false);
    expect(proxyRetries('all', 'POST')).toBe(true);
    expect(proxyRetries('never', 'GET')).toBe(false);
  });
});

describe('simulateKeepAliveRequests', () => {
  // First request arrives at 0.001, ends at 0.301: deadline 2.301; the loop turns at
  // 1.001, 2.001, 3.001, so Gunicorn 20.1–23 closes at 3.001 and the FIN reaches the proxy
  // at 3.002.
  it('reuses a connection past the keepalive deadline until gthread 20.1–23 really closes it', () => {
    const r = simulateKeepAliveRequests(config(), chain([0, 2.8]));
    expect(r.map((x) => x.outcome)).toEqual(['ok-new', 'ok-reused']);
  });

  it('fails a request sent while the FIN is in flight, and opens a new connection after', () => {
    const r = simulateKeepAliveRequests(config(), chain([0, 3.0005, 0.5]));
    expect(r.map((x) => x.outcome)).toEqual(['ok-new', 'failed', 'ok-new']);
    expect(r[1]!.closedAtSeconds).toBeCloseTo(3.001, 6);
  });

  it('opens a new connection once the FIN has arrived', () => {
    const r = simulateKeepAliveRequests(config(), chain([0, 3.01]));
    expect(r.map((x) => x.outcome)).toEqual(['ok-new', 'ok-new']);
  });

  it('closes on the deadline with gthread 24+, whose loop wakes when the response ends', () => {
    const r24 = simulateKeepAliveRequests(config({ gthreadLoop: '24+' }), chain([0, 2.8]));
    expect(r24.map((x) => x.outcome)).toEqual(['ok-new', 'ok-new']);
    const hit = simulateKeepAliveRequests(config({ gthreadLoop: '24+' }), chain([0, 2.3015]));
    expect(hit[1]!.outcome).toBe('failed');
  });

  it('closes on the deadline with gevent', () => {
    const hit = simulateKeepAliveRequests(config({ workerClass: 'gevent' }), chain([0, 2.3015]));
    expect(hit[1]!.outcome).toBe('failed');
  });

  it('lets nginx resend a GET but answers 502 to a POST by default', () => {
    const nginx = config({ proxy: { kind: 'nginx', idleTimeoutSeconds: 60, retry: 'idempotent' } });
    expect(simulateKeepAliveRequests(nginx, chain([0, 3.0005], 'GET'))[1]!.outcome).toBe('retried');
    expect(simulateKeepAliveRequests(nginx, chain([0, 3.0005], 'POST'))[1]!.outcome).toBe('failed');
    const all = config({ proxy: { kind: 'nginx', idleTimeoutSeconds: 60, retry: 'all' } });
    expect(simulateKeepAliveRequests(all, chain([0, 3.0005], 'POST'))[1]!.outcome).toBe('retried');
  });

  it('never reuses a connection with the sync worker', () => {
    const r = simulateKeepAliveRequests(config({ workerClass: 'sync' }), chain([0, 1, 3.0005]));
    expect(r.every((x) => x.outcome === 'ok-new')).toBe(true);
  });

  it('is unsure about a request close to a boundary, and about what follows', () => {
    const r = simulateKeepAliveRequests(config(), chain([0, 3.0005, 0.5]), 0.05);
    expect(r.map((x) => x.certain)).toEqual([true, false, false]);
    // After every connection is gone, the next request is sure again.
    const later = simulateKeepAliveRequests(config(), chain([0, 3.0005, 0.5, 8]), 0.05);
    expect(later[3]!.certain).toBe(true);
  });

  it('never hits a closed connection when the race assessment finds no race', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('sync', 'gthread', 'gevent'),
        fc.constantFrom('20.1-23', '24+'),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.double({ min: 0.05, max: 12, noNaN: true }), { minLength: 1, maxLength: 25 }),
        (workerClass, gthreadLoop, keepalive, idle, gaps) => {
          const c = config({
            workerClass,
            gthreadLoop,
            gunicornKeepaliveSeconds: keepalive,
            proxy: { kind: 'alb', idleTimeoutSeconds: idle, retry: 'never' },
          });
          const results = simulateKeepAliveRequests(c, chain([0, ...gaps]));
          expect(results).toHaveLength(gaps.length + 1);
          const race = assessKeepAliveRace({
            workerClass,
            gunicornKeepaliveSeconds: keepalive,
            proxy: { kind: 'alb', reusesUpstreamConnections: true, idleTimeoutSeconds: idle },
          });
          if (!race.raceWindow)
            expect(results.some((x) => hitStaleConnection(x.outcome))).toBe(false);
        },
      ),
    );
  });

  it('fails only requests sent within one link delay of a close', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.05, max: 6, noNaN: true }), { minLength: 1, maxLength: 25 }),
        (gaps) => {
          const results = simulateKeepAliveRequests(config(), chain([0, ...gaps]));
          for (const x of results) {
            if (x.closedAtSeconds === undefined) continue;
            expect(x.sendAtSeconds + DELAY).toBeGreaterThanOrEqual(x.closedAtSeconds);
            expect(x.sendAtSeconds).toBeLessThan(x.closedAtSeconds + DELAY);
          }
        },
      ),
    );
  });
});

describe('idleConnectionTimeline', () => {
  it('puts the failing window where simulateKeepAliveRequests fails a request', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('gthread', 'gevent'),
        fc.constantFrom('20.1-23', '24+'),
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 0.001, max: 0.9, noNaN: true }),
        (workerClass, gthreadLoop, keepalive, service) => {
          const c = config({
            workerClass,
            gthreadLoop,
            gunicornKeepaliveSeconds: keepalive,
            serviceSeconds: service,
            linkDelaySeconds: 0.05,
          });
          const line = idleConnectionTimeline(c);
          expect(line.closer).toBe('gunicorn');
          const mid = (line.windowFrom + line.windowTo) / 2;
          const at = (gap: number) => simulateKeepAliveRequests(c, chain([0, gap]))[1]!.outcome;
          expect(at(mid)).toBe('failed');
          expect(at(line.windowFrom - 0.01)).toBe('ok-reused');
          expect(at(line.windowTo + 0.01)).toBe('ok-new');
        },
      ),
    );
  });

  it('has the proxy close first when its idle timeout is shorter', () => {
    const line = idleConnectionTimeline(
      config({ proxy: { kind: 'nginx', idleTimeoutSeconds: 1, retry: 'idempotent' } }),
    );
    expect(line.closer).toBe('proxy');
  });
});
