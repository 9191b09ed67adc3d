/**
 * Guided goals inside the simulators: a starting scenario, a target the simulation checks live,
 * and an id that progress records like any exercise's. Pure: the widgets only display these.
 *
 * - ProxyHops: make `remote_addr` unspoofable in at most three changes (the attacker probe of
 *   `classifyConfiguration` decides "unspoofable"; a change is one setting of a hop, Gunicorn,
 *   ProxyFix or the app that differs from the start).
 * - ShutdownTimeline: lose zero requests with stopTimeout ≤ 20 s, on an ECS service, with the
 *   starting traffic, and not by luck (every check passes, `tellShutdownStory`).
 * - Capacity: fit the deploy surge under max_connections without fewer tasks (and without
 *   raising max_connections or changing the RDS class).
 */
import { computeCapacity, type CapacitySettings } from '../capacity/capacity';
import { settingsForPreset } from '../capacity/capacity-presets';
import { classifyConfiguration } from '../proxy/advice';
import { createScenario, simulateChain, type ChainScenario } from '../proxy/hops';
import { adviseShutdown } from '../shutdown/advice';
import { scenarioForPreset } from '../shutdown/presets';
import type { ShutdownScenario } from '../shutdown/scenario';
import { simulateShutdown } from '../shutdown/shutdown';
import { tellShutdownStory } from '../shutdown/story';

export interface WidgetGoal {
  /** Stable: stored in progress files, so never renamed. */
  readonly id: string;
  readonly chapter: string;
  readonly title: string;
}

export const PROXY_GOAL: WidgetGoal = {
  id: 'widget-proxy-unspoofable',
  chapter: '/reverse-proxies/',
  title: 'Make remote_addr unspoofable in at most three changes',
};
export const SHUTDOWN_GOAL: WidgetGoal = {
  id: 'widget-shutdown-zero-lost-20s',
  chapter: '/graceful-shutdown/',
  title: 'Lose zero requests with stopTimeout ≤ 20 s',
};
export const CAPACITY_GOAL: WidgetGoal = {
  id: 'widget-capacity-deploy-surge',
  chapter: '/the-container/',
  title: 'Fit the deploy surge under max_connections without fewer tasks',
};

export const WIDGET_GOALS: readonly WidgetGoal[] = [PROXY_GOAL, CAPACITY_GOAL, SHUTDOWN_GOAL];

export interface GoalStatus {
  readonly met: boolean;
  /** One line per condition, each saying whether it holds now. */
  readonly conditions: readonly { readonly text: string; readonly holds: boolean }[];
}

function status(conditions: GoalStatus['conditions']): GoalStatus {
  return { met: conditions.every((c) => c.holds), conditions };
}

// ---------- ProxyHops ----------

export const PROXY_GOAL_MAX_CHANGES = 3;

/** CloudFront → ALB with `x_for=3`: an attacker's X-Forwarded-For becomes remote_addr. */
export function proxyGoalStart(): ChainScenario {
  const s = createScenario('cloudfront-alb');
  return {
    ...s,
    client: { ...s.client, mode: 'attacker' },
    proxyFix: { ...s.proxyFix, x_for: 3 },
  };
}

/** How many leaf values differ between two JSON-like values (a missing element counts once). */
export function countChanges(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    let n = 0;
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
      n += i < a.length && i < b.length ? countChanges(a[i], b[i]) : 1;
    }
    return n;
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    let n = 0;
    for (const key of keys) n += countChanges(a[key], b[key]);
    return n;
  }
  return Object.is(a, b) ? 0 : 1;
}

/** The configuration a reader changes (the client is the attacker, not a setting). */
function proxyConfig(s: ChainScenario): unknown {
  return { hops: s.hops, gunicorn: s.gunicorn, proxyFix: s.proxyFix, app: s.app };
}

export function checkProxyGoal(current: ChainScenario): GoalStatus {
  const start = proxyGoalStart();
  const changes = countChanges(proxyConfig(start), proxyConfig(current));
  const probe = classifyConfiguration(current);
  const spoofable = probe.findings.some(
    (f) => f.kind === 'spoofable' && f.message.includes('remote_addr'),
  );
  const honest = simulateChain({ ...current, client: { ...current.client, mode: 'honest' } });
  const remote = (honest.request?.remote_addr ?? '').replace(/:[0-9]+$/, '');
  return status([
    { text: 'An attacker’s forged X-Forwarded-For never becomes remote_addr', holds: !spoofable },
    {
      text: `An honest browser’s remote_addr is its own address (${current.client.ip}), not a proxy’s`,
      holds: remote === current.client.ip,
    },
    {
      text: `At most ${PROXY_GOAL_MAX_CHANGES} changes from the start (now ${changes})`,
      holds: changes <= PROXY_GOAL_MAX_CHANGES,
    },
  ]);
}

// ---------- ShutdownTimeline ----------

export const SHUTDOWN_GOAL_MAX_STOP_TIMEOUT_SECONDS = 20;

/** ECS defaults: the 300 s deregistration delay, stopTimeout 30 s. */
export function shutdownGoalStart(): ShutdownScenario {
  return scenarioForPreset('ecs-defaults');
}

export function checkShutdownGoal(current: ShutdownScenario): GoalStatus {
  const start = shutdownGoalStart();
  const result = simulateShutdown(current);
  const story = tellShutdownStory(result, adviseShutdown(current));
  const sameTraffic =
    current.requests === undefined && countChanges(start.traffic, current.traffic) === 0;
  const stopTimeout = current.ecs.stopTimeoutSeconds;
  return status([
    { text: 'An ECS service deploy', holds: current.platform === 'ecs-service' },
    {
      text: `stopTimeout ≤ ${SHUTDOWN_GOAL_MAX_STOP_TIMEOUT_SECONDS} s (now ${stopTimeout} s)`,
      holds: stopTimeout <= SHUTDOWN_GOAL_MAX_STOP_TIMEOUT_SECONDS,
    },
    { text: 'The starting traffic, unchanged', holds: sameTraffic },
    {
      text: `Zero requests lost (now ${result.summary.failed.toLocaleString('en-US')})`,
      holds: result.summary.failed === 0,
    },
    { text: 'Not by luck: every check passes', holds: story.tone === 'clean' },
  ]);
}

// ---------- Capacity ----------

/** The guide's example with 5 threads per worker: the deploy peak exceeds max_connections. */
export function capacityGoalStart(): CapacitySettings {
  return { ...settingsForPreset('guide-example'), threads: 5 };
}

export function checkCapacityGoal(current: CapacitySettings): GoalStatus {
  const start = capacityGoalStart();
  const result = computeCapacity(current);
  return status([
    {
      text: `The deploy peak fits (${result.deployTotal} needed, ${result.available} available)`,
      holds: result.verdict === 'fits',
    },
    {
      text: `No fewer tasks than the start (${start.tasks})`,
      holds: current.tasks >= start.tasks,
    },
    {
      text: `max_connections not raised (${start.maxConnections}), RDS class unchanged`,
      holds:
        current.maxConnections <= start.maxConnections &&
        current.rdsInstanceClass === start.rdsInstanceClass,
    },
  ]);
}
