/**
 * Readings several rules and the simulator mapping share: the platform, the CPU granted,
 * the worker class Gunicorn really runs, the launch that wins. Defaults are Gunicorn's
 * (https://gunicorn.org/reference/settings/): workers 1, worker_class sync, threads 1,
 * timeout 30, graceful_timeout 30, keepalive 2.
 */
import type { KeepAliveWorkerClass } from '../keepalive/race';
import type { Facts, GunicornLaunch, Val } from './facts';

export type Platform = 'ecs' | 'kubernetes' | 'compose' | 'docker';

export const GUNICORN_DEFAULTS = {
  workers: 1,
  threads: 1,
  timeout: 30,
  gracefulTimeout: 30,
  keepalive: 2,
} as const;

export function platformOf(facts: Facts): Platform | null {
  if (facts.ecs) return 'ecs';
  if (
    facts.kubernetes &&
    (facts.kubernetes.terminationGracePeriodSeconds ||
      facts.kubernetes.probes.length > 0 ||
      facts.kubernetes.preStop ||
      facts.kubernetes.replicas ||
      facts.launches.some((l) => l.at.file === facts.kubernetes?.at.file))
  ) {
    return 'kubernetes';
  }
  if (facts.compose) return 'compose';
  if (facts.docker) return 'docker';
  return null;
}

/** True when the files show the app runs under Gunicorn at all. */
export function runsGunicorn(facts: Facts): boolean {
  return facts.launches.length > 0 || Object.keys(facts.gunicorn).length > 0;
}

/** The launch that runs in production: a platform's command overrides the image's CMD. */
export function effectiveLaunch(facts: Facts): GunicornLaunch | undefined {
  const dockerFile = facts.docker?.at.file;
  const platform = facts.launches.filter((l) => l.at.file !== dockerFile);
  return platform[platform.length - 1] ?? facts.launches[facts.launches.length - 1];
}

/** CPUs granted to one task/pod: ECS task `cpu` units / 1024, or the container's limits.cpu. */
export function cpusGranted(facts: Facts): Val<number> | undefined {
  const units = facts.ecs?.cpuUnits;
  if (units) return { ...units, value: units.value / 1024 };
  return facts.kubernetes?.cpuLimit;
}

/** Memory limit of one task/pod in MiB. */
export function memoryLimitMiB(facts: Facts): Val<number> | undefined {
  return facts.ecs?.memoryMiB ?? facts.kubernetes?.memoryLimitMiB;
}

/** Workers as a number, when it can be known (cpu_count() needs the host, which no file gives). */
export function workersCount(facts: Facts): number | null {
  const w = facts.gunicorn.workers?.value;
  if (w === undefined) return GUNICORN_DEFAULTS.workers;
  return typeof w === 'number' ? w : null;
}

/**
 * The worker class as far as keep-alive goes. `sync` with threads > 1 runs gthread (Gunicorn
 * `config.py` `worker_class`); dotted class paths are matched by their known names.
 */
export function keepAliveWorkerClass(facts: Facts): KeepAliveWorkerClass | null {
  const raw = (facts.gunicorn.workerClass?.value ?? 'sync').trim();
  const threads = facts.gunicorn.threads?.value ?? 1;
  const name = raw.toLowerCase();
  if (name === 'sync' || name.endsWith('syncworker')) return threads > 1 ? 'gthread' : 'sync';
  if (name === 'gthread' || name.endsWith('threadworker')) return 'gthread';
  if (name === 'gevent' || name.includes('ggevent') || name.endsWith('geventworker'))
    return 'gevent';
  if (name === 'eventlet' || name.endsWith('eventletworker')) return 'eventlet';
  if (name === 'tornado' || name.endsWith('tornadoworker')) return 'tornado';
  if (name === 'asgi' || name.endsWith('asgiworker')) return 'asgi';
  if (name.startsWith('uvicorn')) return 'uvicorn';
  return null;
}

export function gunicornValue(
  facts: Facts,
  key: 'timeout' | 'gracefulTimeout' | 'keepalive',
): number {
  return facts.gunicorn[key]?.value ?? GUNICORN_DEFAULTS[key];
}

/** `value (default)` or `value` for messages. */
export function shown(value: number, given: boolean, unit = 's'): string {
  return `${value} ${unit}${given ? '' : ' (default)'}`.replace(' s', ' s');
}
