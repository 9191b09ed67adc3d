/**
 * Readiness vs liveness during a database outage: where should the DB check go?
 *
 * - DB check in the **liveness** probe: after `failureThreshold` failed probes in a row the
 *   kubelet kills and restarts the container, with an exponential back-off between restarts
 *   (10 s, 20 s, 40 s … capped at 300 s). Every task does this at once, so the whole service
 *   cycles, and after the DB returns each task still waits out its back-off and boots.
 * - DB check in the **readiness** probe: the pod only leaves the endpoints (no traffic) and
 *   comes back after `successThreshold` good probes once the DB returns. Nothing restarts.
 *
 * Sources: Kubernetes docs "Configure Liveness, Readiness and Startup Probes" (periodSeconds
 * default 10, failureThreshold 3, successThreshold 1) and "Pod Lifecycle: container restarts"
 * (back-off 10 s doubling, capped at five minutes), kubernetes.io; read from the docs, not run
 * here, and the UI says so. On ECS, a target the ALB marks unhealthy is also replaced by the
 * service scheduler ("replaces tasks determined to be unhealthy after a container health check
 * or a load balancer target group health check fails",
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html; grace period:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html),
 * so an ALB check that includes the DB behaves like liveness.
 */

export type ProbePlacement = 'db-in-liveness' | 'db-in-readiness';

export interface ReadinessScenario {
  placement: ProbePlacement;
  tasks: number;
  periodSeconds: number;
  failureThreshold: number;
  successThreshold: number;
  /** Time from container start until the app answers probes. */
  bootSeconds: number;
  outageStartSeconds: number;
  outageSeconds: number;
  durationSeconds: number;
}

export type TaskState = 'serving' | 'not-ready' | 'back-off' | 'booting';

export interface TaskSegment {
  fromMs: number;
  toMs: number;
  state: TaskState;
}

export interface TaskTimeline {
  index: number;
  segments: TaskSegment[];
  restarts: number;
}

export interface ReadinessResult {
  tasks: TaskTimeline[];
  restarts: number;
  /** Time with no task serving (ms). */
  noneServingMs: number;
  /** When every task serves again after the DB came back (ms), or null if not within the run. */
  recoveredAtMs: number | null;
  /** recoveredAtMs minus the end of the outage (ms). */
  recoveryDelayMs: number | null;
  verdict: string;
}

export const READINESS_LIMITS = {
  tasks: [1, 10],
  periodSeconds: [1, 300],
  failureThreshold: [1, 10],
  successThreshold: [1, 10],
  bootSeconds: [0, 300],
  outageStartSeconds: [0, 3600],
  outageSeconds: [0, 3600],
  durationSeconds: [10, 7200],
} as const;

/** Kubernetes probe defaults and a two-minute outage. */
export function createDefaultReadinessScenario(): ReadinessScenario {
  return {
    placement: 'db-in-liveness',
    tasks: 3,
    periodSeconds: 10,
    failureThreshold: 3,
    successThreshold: 1,
    bootSeconds: 8,
    outageStartSeconds: 60,
    outageSeconds: 120,
    durationSeconds: 600,
  };
}

export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

function backoffMs(restartNumber: number): number {
  return Math.min(BACKOFF_INITIAL_MS * 2 ** (restartNumber - 1), BACKOFF_MAX_MS);
}

function pushSegment(segments: TaskSegment[], fromMs: number, toMs: number, state: TaskState) {
  if (toMs <= fromMs) return;
  const last = segments[segments.length - 1];
  if (last && last.state === state && last.toMs === fromMs) last.toMs = toMs;
  else segments.push({ fromMs, toMs, state });
}

/** Drop whatever a segment list says after `atMs` (a container killed while booting). */
function truncateSegments(segments: TaskSegment[], atMs: number) {
  while (segments.length > 0 && segments[segments.length - 1]!.fromMs >= atMs) segments.pop();
  const last = segments[segments.length - 1];
  if (last && last.toMs > atMs) last.toMs = atMs;
}

/** Liveness placement: failed DB checks get the container killed and restarted. */
function simulateLivenessTask(s: ReadinessScenario, index: number): TaskTimeline {
  const periodMs = s.periodSeconds * 1000;
  const bootMs = s.bootSeconds * 1000;
  const endMs = s.durationSeconds * 1000;
  const outageFromMs = s.outageStartSeconds * 1000;
  const outageToMs = outageFromMs + s.outageSeconds * 1000;
  const dbUp = (t: number) => t < outageFromMs || t >= outageToMs;
  // Tasks started at different moments, so their probes are spread over one period.
  const phaseMs = Math.round((periodMs * index) / Math.max(1, s.tasks));
  const segments: TaskSegment[] = [];
  let restarts = 0;
  let containerStartMs = -Infinity; // up and serving at time 0
  let stateFrom = 0;
  let ready = true;
  let fails = 0;
  let successes = 0;
  let t = phaseMs;
  while (t < endMs) {
    const booted = t >= containerStartMs + bootMs;
    // A container that has not booted yet fails the probe too.
    if (booted && dbUp(t)) fails = 0;
    else {
      fails += 1;
      if (fails >= s.failureThreshold) {
        truncateSegments(segments, t);
        if (stateFrom < t) pushSegment(segments, stateFrom, t, ready ? 'serving' : 'not-ready');
        restarts += 1;
        const restartAtMs = t + backoffMs(restarts);
        pushSegment(segments, t, Math.min(restartAtMs, endMs), 'back-off');
        pushSegment(segments, restartAtMs, Math.min(restartAtMs + bootMs, endMs), 'booting');
        containerStartMs = restartAtMs;
        stateFrom = Math.min(restartAtMs + bootMs, endMs);
        ready = false;
        fails = 0;
        successes = 0;
        t = restartAtMs + periodMs; // probing starts one period after the container starts
        continue;
      }
    }
    // The readiness probe checks only the app here.
    if (booted) {
      successes += 1;
      if (!ready && successes >= s.successThreshold) {
        pushSegment(segments, stateFrom, t, 'not-ready');
        stateFrom = t;
        ready = true;
      }
    } else successes = 0;
    t += periodMs;
  }
  if (stateFrom < endMs) pushSegment(segments, stateFrom, endMs, ready ? 'serving' : 'not-ready');
  return { index, segments, restarts };
}

/** Readiness placement: a probe loop where failures only withdraw traffic. */
function simulateReadinessTask(s: ReadinessScenario, index: number): TaskTimeline {
  const periodMs = s.periodSeconds * 1000;
  const endMs = s.durationSeconds * 1000;
  const outageFromMs = s.outageStartSeconds * 1000;
  const outageToMs = outageFromMs + s.outageSeconds * 1000;
  const phaseMs = Math.round((periodMs * index) / Math.max(1, s.tasks));
  const segments: TaskSegment[] = [];
  let ready = true;
  let stateFrom = 0;
  let fails = 0;
  let successes = 0;
  for (let t = phaseMs; t < endMs; t += periodMs) {
    const ok = t < outageFromMs || t >= outageToMs;
    if (ok) {
      fails = 0;
      successes += 1;
      if (!ready && successes >= s.successThreshold) {
        pushSegment(segments, stateFrom, t, 'not-ready');
        stateFrom = t;
        ready = true;
      }
    } else {
      successes = 0;
      fails += 1;
      if (ready && fails >= s.failureThreshold) {
        pushSegment(segments, stateFrom, t, 'serving');
        stateFrom = t;
        ready = false;
      }
    }
  }
  pushSegment(segments, stateFrom, endMs, ready ? 'serving' : 'not-ready');
  return { index, segments, restarts: 0 };
}

function servingAt(task: TaskTimeline, t: number): boolean {
  return task.segments.some((seg) => seg.state === 'serving' && seg.fromMs <= t && t < seg.toMs);
}

export function simulateReadiness(scenario: ReadinessScenario): ReadinessResult {
  const count = Math.max(1, Math.floor(scenario.tasks));
  const tasks = Array.from({ length: count }, (_, i) =>
    scenario.placement === 'db-in-readiness'
      ? simulateReadinessTask(scenario, i)
      : simulateLivenessTask(scenario, i),
  );
  const endMs = scenario.durationSeconds * 1000;
  const outageToMs = (scenario.outageStartSeconds + scenario.outageSeconds) * 1000;
  // Every instant where some task changes state.
  const cuts = new Set<number>([0, endMs]);
  for (const task of tasks) for (const seg of task.segments) cuts.add(seg.fromMs).add(seg.toMs);
  const times = [...cuts].filter((t) => t >= 0 && t <= endMs).sort((a, b) => a - b);
  let noneServingMs = 0;
  let recoveredAtMs: number | null = null;
  for (let i = 0; i + 1 < times.length; i++) {
    const from = times[i]!;
    const to = times[i + 1]!;
    const serving = tasks.filter((task) => servingAt(task, from)).length;
    if (serving === 0) noneServingMs += to - from;
    if (recoveredAtMs === null && from >= outageToMs && serving === count) recoveredAtMs = from;
    if (serving < count && recoveredAtMs !== null) recoveredAtMs = null;
  }
  const restarts = tasks.reduce((sum, task) => sum + task.restarts, 0);
  const recoveryDelayMs = recoveredAtMs === null ? null : recoveredAtMs - outageToMs;
  const place = scenario.placement === 'db-in-liveness' ? 'liveness' : 'readiness';
  const recovery =
    recoveryDelayMs === null
      ? 'not every task is back by the end of the run'
      : `every task serves again ${Math.round(recoveryDelayMs / 1000)} s after the database returns`;
  // Requests that need the DB fail during the outage either way; what differs is restarts
  // and how long recovery takes once the DB is back.
  const during =
    scenario.placement === 'db-in-liveness'
      ? 'tasks cycle through kill, back-off and boot'
      : 'tasks leave the load balancer and nothing restarts';
  const verdict = `DB check in ${place}: ${restarts} restart${restarts === 1 ? '' : 's'}; during the outage ${during}; ${recovery}.`;
  return { tasks, restarts, noneServingMs, recoveredAtMs, recoveryDelayMs, verdict };
}

function clampTo(value: unknown, range: readonly [number, number], fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.round(Math.min(range[1], Math.max(range[0], value)));
}

/** A safe scenario from untrusted input (a URL), or null when it is not an object at all. */
export function validateReadinessScenario(raw: unknown): ReadinessScenario | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const d = createDefaultReadinessScenario();
  const L = READINESS_LIMITS;
  return {
    placement:
      r.placement === 'db-in-liveness' || r.placement === 'db-in-readiness'
        ? r.placement
        : d.placement,
    tasks: clampTo(r.tasks, L.tasks, d.tasks),
    periodSeconds: clampTo(r.periodSeconds, L.periodSeconds, d.periodSeconds),
    failureThreshold: clampTo(r.failureThreshold, L.failureThreshold, d.failureThreshold),
    successThreshold: clampTo(r.successThreshold, L.successThreshold, d.successThreshold),
    bootSeconds: clampTo(r.bootSeconds, L.bootSeconds, d.bootSeconds),
    outageStartSeconds: clampTo(r.outageStartSeconds, L.outageStartSeconds, d.outageStartSeconds),
    outageSeconds: clampTo(r.outageSeconds, L.outageSeconds, d.outageSeconds),
    durationSeconds: clampTo(r.durationSeconds, L.durationSeconds, d.durationSeconds),
  };
}
