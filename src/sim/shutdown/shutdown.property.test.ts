import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adviseShutdown } from './advice';
import { effectiveWorkerClass, type ExplicitRequest } from './scenario';
import { anyRequests, build, settings } from './arbitraries';
import { simulateShutdown } from './shutdown';

describe('properties of simulateShutdown', () => {
  it('nothing completes after a SIGKILL or after the container is gone, and every request is accounted for', () => {
    fc.assert(
      fc.property(settings, anyRequests, (s, requests) => {
        const result = simulateShutdown(build(s, requests));
        const { killAtMs, masterKillAtMs, gunicornSignalAtMs, containerExitAtMs, routingStopAtMs } =
          result.times;
        expect(result.requests).toHaveLength(requests.length);
        const sum = Object.values(result.summary.byOutcome).reduce((a, b) => a + b, 0);
        expect(sum).toBe(requests.length);
        for (const r of result.requests) {
          expect(r.endAtMs).toBeGreaterThanOrEqual(r.arriveAtMs);
          if (r.startAtMs !== null) expect(r.startAtMs).toBeGreaterThanOrEqual(r.arriveAtMs);
          if (r.outcome === 'not-routed') {
            expect(routingStopAtMs).not.toBeNull();
            expect(r.arriveAtMs).toBeGreaterThanOrEqual(routingStopAtMs!);
          }
          if (r.outcome !== 'completed') continue;
          if (killAtMs !== null) expect(r.endAtMs).toBeLessThanOrEqual(killAtMs);
          if (gunicornSignalAtMs !== null && masterKillAtMs !== null) {
            expect(r.endAtMs).toBeLessThanOrEqual(masterKillAtMs);
          }
          if (containerExitAtMs !== null) expect(r.endAtMs).toBeLessThanOrEqual(containerExitAtMs);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('with the advised limits (exec form, ordered as advised) no request shorter than the drain window fails, on ECS and Kubernetes', () => {
    // Traffic the server keeps up with: each "lane" is a chain of back-to-back requests, and
    // there are no more lanes than the server can run at once, so nothing ever queues.
    const lanes = fc.array(
      fc.array(
        fc
          .record({
            gapMs: fc.integer({ min: 0, max: 5000 }),
            durationMs: fc.integer({ min: 5, max: 30_000 }),
          })
          .map((q) => ({ gapSeconds: q.gapMs / 1000, durationSeconds: q.durationMs / 1000 })),
        { maxLength: 12 },
      ),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(
        settings.filter((s) => s.platform === 'ecs-service' || s.platform === 'kubernetes'),
        lanes,
        (s, laneSpecs) => {
          const probe = build(s, []);
          const slots =
            effectiveWorkerClass(probe) === 'gthread'
              ? s.workers * s.threads
              : effectiveWorkerClass(probe) === 'gevent'
                ? Infinity
                : s.workers;
          const requests: ExplicitRequest[] = [];
          laneSpecs.slice(0, Math.min(slots, laneSpecs.length)).forEach((lane) => {
            let at = 0;
            for (const q of lane) {
              at += q.gapSeconds;
              requests.push({ arriveAtSeconds: at, durationSeconds: q.durationSeconds });
              at += q.durationSeconds + 0.001;
            }
          });
          const advice = adviseShutdown(build(s, requests));
          const result = simulateShutdown(advice.recommended);
          const windowMs = advice.recommendedDrainWindowMs!;
          for (const r of result.requests) {
            if (r.durationMs >= windowMs) continue;
            expect(['completed', 'not-routed'], `request ${r.id}: ${r.cause}`).toContain(r.outcome);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
