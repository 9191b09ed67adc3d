/**
 * From the settings read to the URL states of the simulators (the values their
 * `useUrlState` validators accept: `validateScenario` for ProxyHops,
 * `normalizeCapacityInput` for Capacity, `{ preset, scenario, cursorSeconds }` with
 * `validateShutdownScenario` for ShutdownTimeline), and the drain summary of a rolling
 * deploy from `simulateShutdown`.
 */
import {
  createAlbHop,
  createCloudFrontHop,
  createNginxHop,
  createScenario,
  type ChainScenario,
  type HopConfig,
  type NginxHop,
} from '../proxy/hops';
import { validateScenario } from '../proxy/scenario-state';
import { normalizeCapacityInput } from '../capacity/normalize-capacity-input';
import type { CapacitySettings } from '../capacity/capacity';
import {
  createDefaultScenario,
  type ShutdownScenario,
  type StopSignal,
} from '../shutdown/scenario';
import { validateShutdownScenario } from '../shutdown/presets';
import { simulateShutdown } from '../shutdown/shutdown';
import type { Facts } from './facts';
import {
  cpusGranted,
  effectiveLaunch,
  keepAliveWorkerClass,
  memoryLimitMiB,
  platformOf,
  runsGunicorn,
  workersCount,
} from './derive';
import type { AuditDrain, AuditOptions } from './types';

/** The stop signal Docker/Compose send, as the shutdown model names it. */
export function stopSignalOf(facts: Facts): StopSignal | null {
  const raw = (facts.compose?.stopSignal ?? facts.docker?.stopSignal)?.value
    .toUpperCase()
    .replace(/^SIG/, '');
  if (raw === undefined) return null;
  return raw === 'TERM' || raw === '15'
    ? 'TERM'
    : raw === 'INT' || raw === '2'
      ? 'INT'
      : raw === 'QUIT' || raw === '3'
        ? 'QUIT'
        : null;
}

/** The shutdown scenario the files describe, or null when they name no platform. */
export function shutdownScenarioOf(facts: Facts): ShutdownScenario | null {
  const platform = platformOf(facts);
  if (!platform || !runsGunicorn(facts)) return null;
  const s = createDefaultScenario();
  s.platform =
    platform === 'ecs'
      ? 'ecs-service'
      : platform === 'kubernetes'
        ? 'kubernetes'
        : platform === 'compose'
          ? 'compose-stop'
          : 'docker-stop';
  const ecs = facts.ecs;
  if (ecs?.stopTimeout) s.ecs.stopTimeoutSeconds = ecs.stopTimeout.value;
  if (ecs?.launchType) s.ecs.launchType = ecs.launchType.value;
  if (facts.alb?.deregistrationDelaySeconds)
    s.ecs.deregistrationDelaySeconds = facts.alb.deregistrationDelaySeconds.value;
  const k8s = facts.kubernetes;
  if (k8s?.terminationGracePeriodSeconds)
    s.kubernetes.terminationGracePeriodSeconds = k8s.terminationGracePeriodSeconds.value;
  if (k8s?.preStop && k8s.preStop.value.kind !== 'other' && k8s.preStop.value.seconds !== null) {
    s.kubernetes.preStop = k8s.preStop.value.kind;
    s.kubernetes.preStopSeconds = k8s.preStop.value.seconds;
  }
  if (k8s?.ingressClass?.value === 'alb') s.kubernetes.ingress = 'alb';
  if (facts.compose?.stopGracePeriodSeconds)
    s.docker.stopTimeoutSeconds = facts.compose.stopGracePeriodSeconds.value;
  const launch = effectiveLaunch(facts);
  const init = facts.compose?.init?.value === true || facts.ecs?.initProcessEnabled?.value === true;
  s.container.pid1 = launch?.shellStaysPid1 ? 'shell-form-dash' : init ? 'init' : 'exec-form';
  s.container.stopSignal = stopSignalOf(facts) ?? 'TERM';
  const g = facts.gunicorn;
  const workers = workersCount(facts) ?? resolveCpuWorkers(facts);
  if (workers !== null) s.gunicorn.workers = workers;
  const wc = keepAliveWorkerClass(facts);
  if (wc === 'sync' || wc === 'gthread' || wc === 'gevent') s.gunicorn.workerClass = wc;
  if (g.threads) s.gunicorn.threads = g.threads.value;
  if (g.gracefulTimeout) s.gunicorn.gracefulTimeoutSeconds = g.gracefulTimeout.value;
  if (g.timeout) s.gunicorn.timeoutSeconds = g.timeout.value;
  if (g.keepalive) s.gunicorn.keepaliveSeconds = g.keepalive.value;
  const hc = facts.alb?.healthCheck;
  if (hc?.periodSeconds) s.healthCheck.intervalSeconds = hc.periodSeconds;
  if (hc?.failureThreshold) s.healthCheck.unhealthyThreshold = hc.failureThreshold;
  return validateShutdownScenario(s);
}

/** cpu_count() × n + k with the CPUs granted (rounded up to whole CPUs as the kernel reports them). */
function resolveCpuWorkers(facts: Facts): number | null {
  const w = facts.gunicorn.workers?.value;
  const cpus = cpusGranted(facts)?.value;
  if (w === undefined || typeof w === 'number' || cpus === undefined) return null;
  return Math.max(1, Math.round(w.perCpu * Math.max(1, Math.ceil(cpus)) + w.plus));
}

/** The hops the files describe, from the client inwards. Null when they describe none. */
export function chainOf(facts: Facts): ChainScenario | null {
  const hops: HopConfig[] = [];
  if (facts.cloudfront) hops.push(createCloudFrontHop());
  if (facts.alb) {
    hops.push(
      createAlbHop({
        ...(facts.alb.xffMode ? { xffMode: facts.alb.xffMode.value } : {}),
        ...(facts.alb.preserveHost ? { preserveHost: facts.alb.preserveHost.value } : {}),
      }),
    );
  }
  const nginx = facts.nginx;
  if (nginx) {
    const header = (name: string) => nginx.proxySetHeaders.get(name)?.value.trim();
    const xff = header('x-forwarded-for');
    const xfp = header('x-forwarded-proto');
    const host = header('host');
    const overrides: Partial<NginxHop> = {
      xff:
        xff === '$proxy_add_x_forwarded_for'
          ? 'proxy_add'
          : xff === '$remote_addr'
            ? 'remote_addr'
            : 'none',
      xfp: xfp === '$scheme' ? 'scheme' : xfp === '$http_x_forwarded_proto' ? 'http_xfp' : 'none',
      xfh: header('x-forwarded-host') === '$host' ? 'host' : 'none',
      host: host === '$host' ? 'host' : host === '$http_host' ? 'http_host' : 'proxy_host',
      prefix: header('x-forwarded-prefix') ?? '',
      setRealIpFrom: nginx.setRealIpFrom.map((v) => v.value),
      realIpRecursive: nginx.realIpRecursive?.value ?? false,
    };
    const upstream = /^https?:\/\/([^/]+)/.exec(nginx.proxyPass?.value ?? '')?.[1];
    hops.push(createNginxHop(upstream ? { ...overrides, upstream } : overrides));
  }
  if (hops.length === 0) return null;
  const base = createScenario('alb');
  const f = facts.flask;
  const publicHost =
    f.trustedHosts?.value.find((h) => !h.startsWith('.') && !h.includes('*')) ??
    nginx?.serverName?.value;
  const tls =
    facts.cloudfront !== undefined || facts.alb !== undefined || nginx?.listensTls?.value === true;
  const raw: ChainScenario = {
    ...base,
    client: {
      ...base.client,
      scheme: tls ? 'https' : 'http',
      ...(publicHost && /^[A-Za-z0-9.-]+$/.test(publicHost) ? { host: publicHost } : {}),
    },
    hops,
    gunicorn: {
      ...base.gunicorn,
      ...(facts.gunicorn.forwardedAllowIps
        ? { forwardedAllowIps: facts.gunicorn.forwardedAllowIps.value }
        : {}),
    },
    proxyFix: {
      ...base.proxyFix,
      enabled: f.proxyFix !== undefined,
      ...(f.proxyFix
        ? f.proxyFix.value
        : { x_for: 0, x_proto: 0, x_host: 0, x_port: 0, x_prefix: 0 }),
    },
    app: {
      trustedHosts: f.trustedHosts?.value ?? null,
      sessionCookieSecure: f.sessionCookieSecure?.value ?? false,
    },
  };
  return validateScenario(raw);
}

/** The capacity calculator's settings for the files' values (null without Gunicorn). */
export function capacityOf(facts: Facts, options: AuditOptions = {}): CapacitySettings | null {
  if (!runsGunicorn(facts)) return null;
  const raw: Record<string, unknown> = {};
  const cpus = cpusGranted(facts);
  if (cpus) raw['vcpus'] = cpus.value;
  const workers = workersCount(facts) ?? resolveCpuWorkers(facts);
  if (workers !== null) raw['workers'] = workers;
  const wc = keepAliveWorkerClass(facts);
  if (wc === 'sync' || wc === 'gthread' || wc === 'gevent') raw['workerClass'] = wc;
  if (facts.gunicorn.threads) raw['threads'] = facts.gunicorn.threads.value;
  if (facts.gunicorn.preloadApp) raw['preloadApp'] = facts.gunicorn.preloadApp.value;
  if (facts.flask.poolSize) raw['poolSize'] = facts.flask.poolSize.value;
  if (facts.flask.maxOverflow) raw['maxOverflow'] = facts.flask.maxOverflow.value;
  const mem = memoryLimitMiB(facts);
  if (mem) raw['containerMemoryMiB'] = mem.value;
  if (options.perWorkerMemoryMiB !== undefined)
    raw['memoryPerWorkerMiB'] = options.perWorkerMemoryMiB;
  if (options.maxDbConnections !== undefined) raw['maxConnections'] = options.maxDbConnections;
  const { tasks, maximumPercent, minimumHealthyPercent } = deploySizing(facts, options);
  raw['tasks'] = tasks;
  if (maximumPercent !== undefined) raw['maximumPercent'] = maximumPercent;
  if (minimumHealthyPercent !== undefined) raw['minimumHealthyPercent'] = minimumHealthyPercent;
  return normalizeCapacityInput(raw).settings;
}

/**
 * Tasks and deploy surge. ECS: desiredCount, maximumPercent (default 200),
 * minimumHealthyPercent (default 100). Kubernetes: replicas (default 1) and maxSurge
 * (default 25%, rounded up: https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#max-surge)
 * as the equivalent maximumPercent.
 */
export function deploySizing(
  facts: Facts,
  options: AuditOptions,
): { tasks: number; maximumPercent?: number; minimumHealthyPercent?: number } {
  if (facts.ecs) {
    return {
      tasks: facts.ecs.desiredCount?.value ?? options.replicas ?? 1,
      ...(facts.ecs.maximumPercent ? { maximumPercent: facts.ecs.maximumPercent.value } : {}),
      ...(facts.ecs.minimumHealthyPercent
        ? { minimumHealthyPercent: facts.ecs.minimumHealthyPercent.value }
        : {}),
    };
  }
  if (facts.kubernetes) {
    const tasks = facts.kubernetes.replicas?.value ?? options.replicas ?? 1;
    const raw = facts.kubernetes.maxSurge?.value ?? '25%';
    const pct = typeof raw === 'string' && raw.endsWith('%') ? Number(raw.slice(0, -1)) : null;
    const surge = pct !== null ? Math.ceil((tasks * pct) / 100) : Number(raw);
    if (!Number.isFinite(surge) || tasks <= 0) return { tasks };
    return { tasks, maximumPercent: Math.ceil((100 * (tasks + surge)) / tasks) };
  }
  return { tasks: options.replicas ?? 1 };
}

/** What the drain model predicts for one task/pod stopped during a rolling deploy. */
export function drainOf(scenario: ShutdownScenario): AuditDrain {
  const { byOutcome } = simulateShutdown(scenario).summary;
  const completed = byOutcome.completed;
  const reset = byOutcome.reset + byOutcome.killed + byOutcome.refused;
  const serverErrors = byOutcome['error-500'] + byOutcome['lb-502'];
  const total = completed + reset + serverErrors;
  return {
    completed,
    reset,
    serverErrors,
    summary: `Stopping one ${scenario.platform.startsWith('ecs') ? 'task' : scenario.platform === 'kubernetes' ? 'pod' : 'container'} with these values, the drain model sends ${total} requests its way: ${completed} complete, ${reset} are reset or cut, ${serverErrors} get a 5xx (at ${scenario.traffic.arrivalsPerSecond} requests/s with the timeline's default request mix).`,
  };
}
