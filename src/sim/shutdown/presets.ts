/**
 * Platform presets for the shutdown timeline, and the validator that turns untrusted input
 * (a URL, a paste) into a scenario: every field is whitelisted or clamped; anything
 * structurally wrong gives null.
 */
import {
  LIMITS,
  createDefaultScenario,
  type DurationShare,
  type GunicornVersion,
  type Ingress,
  type Pid1Mode,
  type Platform,
  type PreStopKind,
  type ShutdownScenario,
  type StopSignal,
  type WorkerClass,
} from './scenario';

export const SHUTDOWN_PRESET_IDS = [
  'ecs-defaults',
  'ecs-tuned',
  'k8s-no-prestop',
  'k8s-prestop-sleep',
  'docker-shell-form',
  'docker-exec-form',
] as const;

export type ShutdownPresetId = (typeof SHUTDOWN_PRESET_IDS)[number];

export const SHUTDOWN_PRESET_LABELS: Record<ShutdownPresetId, string> = {
  'ecs-defaults': 'ECS defaults',
  'ecs-tuned': 'ECS tuned',
  'k8s-no-prestop': 'Kubernetes without preStop',
  'k8s-prestop-sleep': 'Kubernetes with preStop sleep',
  'docker-shell-form': 'docker stop, shell-form CMD',
  'docker-exec-form': 'docker stop, exec-form CMD',
};

export function isShutdownPresetId(value: unknown): value is ShutdownPresetId {
  return typeof value === 'string' && (SHUTDOWN_PRESET_IDS as readonly string[]).includes(value);
}

/** The scenario of a preset. Defaults everywhere except what the preset is about. */
export function scenarioForPreset(id: ShutdownPresetId): ShutdownScenario {
  const s = createDefaultScenario();
  switch (id) {
    case 'ecs-defaults':
      break;
    case 'ecs-tuned':
      // Longest request 15 s (+20 % jitter): drain 25 s, graceful 25 s < stopTimeout 30 s.
      s.ecs.deregistrationDelaySeconds = 25;
      s.gunicorn.gracefulTimeoutSeconds = 25;
      break;
    case 'k8s-no-prestop':
      s.platform = 'kubernetes';
      break;
    case 'k8s-prestop-sleep':
      s.platform = 'kubernetes';
      s.kubernetes.preStop = 'sleep';
      s.kubernetes.preStopSeconds = 5;
      s.kubernetes.terminationGracePeriodSeconds = 40;
      s.gunicorn.gracefulTimeoutSeconds = 30;
      break;
    case 'docker-shell-form':
    case 'docker-exec-form':
      s.platform = 'docker-stop';
      s.container.pid1 = id === 'docker-shell-form' ? 'shell-form-dash' : 'exec-form';
      // docker stop does not stop traffic; these presets assume the proxy was told first, so
      // clients stop at the stop command and only the requests in flight matter.
      s.gunicorn.gracefulTimeoutSeconds = 8;
      s.traffic.untilSeconds = s.stopAtSeconds;
      s.traffic.arrivalsPerSecond = 3;
      s.traffic.mix = [
        { durationSeconds: 0.05, share: 75 },
        { durationSeconds: 0.3, share: 15 },
        { durationSeconds: 6, share: 10 },
      ];
      break;
  }
  return s;
}

// --- validation ---------------------------------------------------------------------------------

const PLATFORMS: readonly Platform[] = [
  'ecs-service',
  'ecs-stop-task',
  'kubernetes',
  'docker-stop',
  'compose-stop',
];
const PID1S: readonly Pid1Mode[] = [
  'exec-form',
  'shell-form-dash',
  'shell-form-exec',
  'shell-form-bash',
  'init',
];
const SIGNALS: readonly StopSignal[] = ['TERM', 'INT', 'QUIT'];
const CLASSES: readonly WorkerClass[] = ['sync', 'gthread', 'gevent'];
const VERSIONS: readonly GunicornVersion[] = ['20.1', '23', '24+'];
const INGRESSES: readonly Ingress[] = ['kube-proxy', 'alb'];
const PRESTOPS: readonly PreStopKind[] = ['none', 'sleep', 'exec-sleep'];

export const CHOICES = {
  platform: PLATFORMS,
  pid1: PID1S,
  stopSignal: SIGNALS,
  workerClass: CLASSES,
  version: VERSIONS,
  ingress: INGRESSES,
  preStop: PRESTOPS,
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

/** Clamp a number into [min, max]; non-numbers give the fallback. */
export function clampNumber(
  value: unknown,
  range: readonly [number, number],
  fallback: number,
  integer = false,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  const clamped = Math.min(range[1], Math.max(range[0], value));
  return integer ? Math.round(clamped) : clamped;
}

/**
 * A safe scenario from untrusted input, or null when it is not a scenario at all. Missing or
 * wrong fields fall back to the defaults; numbers are clamped to LIMITS.
 */
export function validateShutdownScenario(raw: unknown): ShutdownScenario | null {
  if (!isRecord(raw)) return null;
  const d = createDefaultScenario();
  const ecs = isRecord(raw.ecs) ? raw.ecs : {};
  const k8s = isRecord(raw.kubernetes) ? raw.kubernetes : {};
  const docker = isRecord(raw.docker) ? raw.docker : {};
  const container = isRecord(raw.container) ? raw.container : {};
  const g = isRecord(raw.gunicorn) ? raw.gunicorn : {};
  const hc = isRecord(raw.healthCheck) ? raw.healthCheck : {};
  const traffic = isRecord(raw.traffic) ? raw.traffic : {};
  let mix: DurationShare[] = d.traffic.mix;
  if (Array.isArray(traffic.mix)) {
    const entries = traffic.mix.slice(0, LIMITS.mixEntries).filter(isRecord);
    const parsed = entries.map((m) => ({
      durationSeconds: clampNumber(m.durationSeconds, LIMITS.durationSeconds, 0.1),
      share: clampNumber(m.share, [0, 100], 0),
    }));
    if (parsed.some((m) => m.share > 0)) mix = parsed;
  }
  const scenario: ShutdownScenario = {
    seed: clampNumber(raw.seed, [0, 2 ** 31 - 1], d.seed, true),
    platform: oneOf(raw.platform, PLATFORMS, d.platform),
    stopAtSeconds: clampNumber(raw.stopAtSeconds, LIMITS.stopAtSeconds, d.stopAtSeconds),
    ecs: {
      deregistrationDelaySeconds: clampNumber(
        ecs.deregistrationDelaySeconds,
        LIMITS.deregistrationDelaySeconds,
        d.ecs.deregistrationDelaySeconds,
        true,
      ),
      stopTimeoutSeconds: clampNumber(
        ecs.stopTimeoutSeconds,
        LIMITS.ecsStopTimeoutSeconds,
        d.ecs.stopTimeoutSeconds,
        true,
      ),
      launchType: oneOf(ecs.launchType, ['fargate', 'ec2'] as const, d.ecs.launchType),
    },
    kubernetes: {
      terminationGracePeriodSeconds: clampNumber(
        k8s.terminationGracePeriodSeconds,
        LIMITS.terminationGracePeriodSeconds,
        d.kubernetes.terminationGracePeriodSeconds,
        true,
      ),
      preStop: oneOf(k8s.preStop, PRESTOPS, d.kubernetes.preStop),
      preStopSeconds: clampNumber(
        k8s.preStopSeconds,
        LIMITS.preStopSeconds,
        d.kubernetes.preStopSeconds,
        true,
      ),
      endpointPropagationSeconds: clampNumber(
        k8s.endpointPropagationSeconds,
        LIMITS.endpointPropagationSeconds,
        d.kubernetes.endpointPropagationSeconds,
      ),
      ingress: oneOf(k8s.ingress, INGRESSES, d.kubernetes.ingress),
    },
    docker: {
      stopTimeoutSeconds: clampNumber(
        docker.stopTimeoutSeconds,
        LIMITS.dockerStopTimeoutSeconds,
        d.docker.stopTimeoutSeconds,
        true,
      ),
    },
    container: {
      pid1: oneOf(container.pid1, PID1S, d.container.pid1),
      stopSignal: oneOf(container.stopSignal, SIGNALS, d.container.stopSignal),
    },
    gunicorn: {
      version: oneOf(g.version, VERSIONS, d.gunicorn.version),
      workers: clampNumber(g.workers, LIMITS.workers, d.gunicorn.workers, true),
      workerClass: oneOf(g.workerClass, CLASSES, d.gunicorn.workerClass),
      threads: clampNumber(g.threads, LIMITS.threads, d.gunicorn.threads, true),
      gracefulTimeoutSeconds: clampNumber(
        g.gracefulTimeoutSeconds,
        LIMITS.gracefulTimeoutSeconds,
        d.gunicorn.gracefulTimeoutSeconds,
      ),
      timeoutSeconds: clampNumber(
        g.timeoutSeconds,
        LIMITS.timeoutSeconds,
        d.gunicorn.timeoutSeconds,
      ),
      keepaliveSeconds: clampNumber(
        g.keepaliveSeconds,
        LIMITS.keepaliveSeconds,
        d.gunicorn.keepaliveSeconds,
      ),
    },
    healthCheck: {
      intervalSeconds: clampNumber(
        hc.intervalSeconds,
        LIMITS.healthCheckIntervalSeconds,
        d.healthCheck.intervalSeconds,
        true,
      ),
      timeoutSeconds: clampNumber(
        hc.timeoutSeconds,
        LIMITS.healthCheckTimeoutSeconds,
        d.healthCheck.timeoutSeconds,
        true,
      ),
      unhealthyThreshold: clampNumber(
        hc.unhealthyThreshold,
        LIMITS.unhealthyThreshold,
        d.healthCheck.unhealthyThreshold,
        true,
      ),
    },
    traffic: {
      arrivalsPerSecond: clampNumber(
        traffic.arrivalsPerSecond,
        LIMITS.arrivalsPerSecond,
        d.traffic.arrivalsPerSecond,
      ),
      untilSeconds: clampNumber(traffic.untilSeconds, LIMITS.untilSeconds, d.traffic.untilSeconds),
      mix,
    },
  };
  return scenario;
}

/** Requests the traffic settings would generate (the widget caps what it draws). */
export function expectedRequestCount(scenario: ShutdownScenario): number {
  return scenario.traffic.arrivalsPerSecond * scenario.traffic.untilSeconds;
}
