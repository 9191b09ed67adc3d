/**
 * fast-check arbitraries for shutdown scenarios, shared by the property tests (test-only).
 */
import fc from 'fast-check';
import {
  createDefaultScenario,
  type ExplicitRequest,
  type GunicornVersion,
  type Pid1Mode,
  type Platform,
  type ShutdownScenario,
  type StopSignal,
  type WorkerClass,
} from './scenario';

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

export const settings = fc.record({
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

export type Settings = typeof settings extends fc.Arbitrary<infer T> ? T : never;

export function build(s: Settings, requests: ExplicitRequest[]): ShutdownScenario {
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
export const anyRequests = fc.array(
  fc
    .record({
      arriveMs: fc.integer({ min: 0, max: 60_000 }),
      durationMs: fc.integer({ min: 5, max: 40_000 }),
    })
    .map((r) => ({ arriveAtSeconds: r.arriveMs / 1000, durationSeconds: r.durationMs / 1000 })),
  { maxLength: 60 },
);
