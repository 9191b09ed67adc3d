import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adviseShutdown } from './advice';
import {
  createDefaultScenario,
  effectiveWorkerClass,
  type ExplicitRequest,
  type GunicornVersion,
  type Pid1Mode,
  type Platform,
  type ShutdownScenario,
  type StopSignal,
  type WorkerClass,
} from './scenario';
import { simulateShutdown } from './shutdown';

const platforms: Platform[] = [
  'ecs-service',
  'ecs-stop-task',
  'kubernetes',
  'docker-stop',
  'compose-stop',
];
const pid1s: Pid1Mode[] = [
  'exec-form',
  'shell-form-dash',
  'shell-form-exec',
  'shell-form-bash',
  'init',
];
const signals: StopSignal[] = ['TERM', 'INT', 'QUIT'];
const classes: WorkerClass[] = ['sync', 'gthread', 'gevent'];
const versions: GunicornVersion[] = ['20.1', '23', '24+'];

const settings = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  platform: fc.constantFrom(...platforms),
  stopAtSeconds: fc.integer({ min: 0, max: 40 }),
  pid1: fc.constantFrom(...pid1s),
  stopSignal: fc.constantFrom(...signals),
  workerClass: fc.constantFrom(...classes),
  version: fc.constantFrom(...versions),
  workers: fc.integer({ min: 1, max: 4 }),
  threads: fc.integer({ min: 1, max: 4 }),
  graceful: fc.integer({ min: 0, max: 40 }),
  timeout: fc.integer({ min: 0, max: 40 }),
  keepalive: fc.integer({ min: 0, max: 5 }),
  delay: fc.integer({ min: 0, max: 60 }),
  stopTimeout: fc.integer({ min: 2, max: 150 }),
  grace: fc.integer({ min: 0, max: 60 }),
  preStop: fc.constantFrom('none', 'sleep', 'exec-sleep'),
  preStopSeconds: fc.integer({ min: 0, max: 70 }),
  propagation: fc.integer({ min: 0, max: 20 }),
  ingress: fc.constantFrom('kube-proxy', 'alb'),
  dockerTimeout: fc.integer({ min: -1, max: 40 }),
});

type Settings = typeof settings extends fc.Arbitrary<infer T> ? T : never;

function build(s: Settings, requests: ExplicitRequest[]): ShutdownScenario {
  const scenario = createDefaultScenario();
  scenario.seed = s.seed;
  scenario.platform = s.platform;
  scenario.stopAtSeconds = s.stopAtSeconds;
  scenario.container = { pid1: s.pid1, stopSignal: s.stopSignal };
  scenario.gunicorn = {
    version: s.version,
    workers: s.workers,
    workerClass: s.workerClass,
    threads: s.threads,
    gracefulTimeoutSeconds: s.graceful,
    timeoutSeconds: s.timeout,
    keepaliveSeconds: s.keepalive,
  };
  scenario.ecs.deregistrationDelaySeconds = s.delay;
  scenario.ecs.stopTimeoutSeconds = s.stopTimeout;
  scenario.kubernetes = {
    terminationGracePeriodSeconds: s.grace,
    preStop: s.preStop,
    preStopSeconds: s.preStopSeconds,
    endpointPropagationSeconds: s.propagation,
    ingress: s.ingress,
  };
  scenario.docker.stopTimeoutSeconds = s.dockerTimeout;
  scenario.requests = requests;
  return scenario;
}

// Whole milliseconds shrink much faster than doubles.
const anyRequests = fc.array(
  fc
    .record({
      arriveMs: fc.integer({ min: 0, max: 60_000 }),
      durationMs: fc.integer({ min: 5, max: 40_000 }),
    })
    .map((r) => ({ arriveAtSeconds: r.arriveMs / 1000, durationSeconds: r.durationMs / 1000 })),
  { maxLength: 60 },
);

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
