/**
 * simulateShutdown: what happens to every request while an orchestrator stops a container
 * running Gunicorn. Pure and deterministic: the same scenario (and seed) gives the same run.
 *
 * Sources (all from /work/shared/domain-facts.md, which cites the upstream files):
 * - §2.2 Gunicorn master: TERM → stop(graceful): close the master's listener copies, SIGTERM the
 *   workers, wait ≤ graceful_timeout, SIGKILL, exit 0. INT/QUIT → the same with SIGQUIT
 *   (gunicorn arbiter.py `stop`, `handle_term`, `handle_int`, `handle_quit` @23.0.0).
 * - §2.3 worker signals (workers/base.py `init_signals`, `handle_exit`, `handle_quit` sleeps 0.1 s).
 * - §2.4 per worker class (workers/sync.py, workers/gthread.py @20.1.0/@23.0.0/@26.1.0,
 *   workers/ggevent.py @23.0.0).
 * - §2.5 the backlog (measured with Gunicorn 20.1.0): the kernel keeps accepting until the last
 *   process holding the listening socket closes it; what is then in the backlog is reset.
 * - §3 ECS + ALB (ECS guide "load-balancer-connection-draining", ALB guide
 *   "load-balancer-target-groups" and "load-balancer-troubleshooting" 502 causes).
 * - §4 Kubernetes pod termination (kubernetes/website pod-termination.md).
 * - §5 docker stop (docker/cli container_stop.md) and PID 1 under dash (verified on bookworm).
 */
import {
  effectiveEcsStopTimeoutSeconds,
  effectiveLoadBalancer,
  effectiveWorkerClass,
  gunicornReceivesSignal,
  type ShutdownScenario,
  type WorkerClass,
} from './scenario';
import { generateRequests, type TrafficRequest } from './traffic';

export type Outcome =
  | 'completed'
  | 'reset'
  | 'killed'
  | 'error-500' // Gunicorn answered 500 Internal Server Error
  | 'refused'
  | 'lb-502'
  | 'not-routed';

/** Why a request ended the way it did (the "which limit cut what" of the summary). */
export type Cause =
  | 'served'
  | 'served-elsewhere' // the load balancer no longer routed it here
  | 'backlog-reset' // still in the kernel accept queue when the last listener copy closed
  | 'queued-in-worker' // accepted by a gthread worker but not started when the worker died
  | 'abandoned-after-accept' // gthread 23: accepted on the final wake-up, then dropped
  | 'sigkill-orchestrator' // in progress when ECS / the kubelet / docker sent SIGKILL
  | 'sigkill-graceful-timeout' // in progress when the Gunicorn master SIGKILLed at graceful_timeout
  | 'quick-stop' // in progress when INT/QUIT made the worker exit after 0.1 s
  | 'quick-stop-500' // the same on a 22.0+ sync worker (modelled as '23'/'24+'), which answers 500 on its way out
  | 'worker-timeout' // sync request longer than `timeout`: the heartbeat check killed the worker
  | 'listener-closed' // connected after every copy of the listening socket was closed
  | 'deregistration-delay'; // the ALB's deregistration delay elapsed while it was in flight

export const OUTCOMES: readonly Outcome[] = [
  'completed',
  'reset',
  'killed',
  'error-500',
  'refused',
  'lb-502',
  'not-routed',
];

export const CAUSES: readonly Cause[] = [
  'served',
  'served-elsewhere',
  'backlog-reset',
  'queued-in-worker',
  'abandoned-after-accept',
  'sigkill-orchestrator',
  'sigkill-graceful-timeout',
  'quick-stop',
  'quick-stop-500',
  'worker-timeout',
  'listener-closed',
  'deregistration-delay',
];

export interface RequestResult {
  id: number;
  arriveAtMs: number;
  durationMs: number;
  /** The worker that accepted it (0-based), or null if no worker ever accepted it. */
  workerIndex: number | null;
  /** When a worker (thread, greenlet) started running it, or null. */
  startAtMs: number | null;
  /** When the client saw the result. */
  endAtMs: number;
  outcome: Outcome;
  cause: Cause;
}

export type Lane = 'orchestrator' | 'load-balancer' | 'master' | `worker-${number}`;

export interface ShutdownEvent {
  atMs: number;
  lane: Lane;
  /** What happened, as a short sentence. */
  label: string;
  /** The lane's state from this instant on (shown by the time cursor). */
  state: string;
}

export interface WorkerResult {
  index: number;
  acceptStopAtMs: number | null;
  listenerCloseAtMs: number | null;
  exitAtMs: number | null;
  killed: boolean;
}

export interface ShutdownTimes {
  stopCommandAtMs: number;
  routingStopAtMs: number | null;
  lbDeadlineAtMs: number | null;
  preStopEndAtMs: number | null;
  signalAtMs: number | null;
  gunicornSignalAtMs: number | null;
  masterKillAtMs: number | null;
  killAtMs: number | null;
  lastListenerCloseAtMs: number | null;
  containerExitAtMs: number | null;
}

export interface CutSummary {
  cause: Cause;
  count: number;
  /** When this limit struck (ms from start) where it is one instant, else null. */
  atMs: number | null;
}

export interface ShutdownSummary {
  total: number;
  failed: number;
  byOutcome: Record<Outcome, number>;
  byCause: Record<Cause, number>;
  /** From the stop command to the container's exit (null: it never exits). */
  timeToStopMs: number | null;
  /** The container's exit code: 0 when Gunicorn exits (even after SIGKILLing workers), 137 when SIGKILLed. */
  exitCode: 0 | 137 | null;
  cuts: CutSummary[];
  verdict: string;
}

export interface ShutdownResult {
  requests: RequestResult[];
  events: ShutdownEvent[];
  lanes: Lane[];
  workers: WorkerResult[];
  times: ShutdownTimes;
  summary: ShutdownSummary;
  /** Where a drawing of the run can end (ms). */
  horizonMs: number;
}

/** handle_quit sleeps 0.1 s before sys.exit(0) (facts §2.3, workers/base.py). */
export const QUICK_EXIT_MS = 100;
/** gthread waits in poller.select(1.0) (facts §2.4, workers/gthread.py `run`). */
export const GTHREAD_SELECT_MS = 1000;
/** gevent's main loop checks `alive` every second (facts §2.4, workers/ggevent.py `run`). */
export const GEVENT_TICK_MS = 1000;
/**
 * The master exits a moment after its last worker: 0.1–0.5 s in the measured 20.1 runs
 * (facts, measured table: worker done 3.03 → master 3.56; 3.01 → 3.23; 0.71 → 0.90), and up to
 * 0.9 s in this project's harness when several Gunicorns share two busy cores.
 */
export const MASTER_EXIT_AFTER_WORKERS_MS = 400;
/** Assumed time for the master to boot a replacement after a heartbeat kill (not measured). */
export const WORKER_RESPAWN_MS = 500;
/** The kubelet's one-off extension when preStop overruns the grace period (facts §4). */
export const PRESTOP_OVERRUN_EXTENSION_MS = 2000;

const FAILED: ReadonlySet<Outcome> = new Set(['reset', 'killed', 'error-500', 'refused', 'lb-502']);

export function isFailure(outcome: Outcome): boolean {
  return FAILED.has(outcome);
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(s < 10 ? 2 : 1)} s`;
}

interface OrchestratorPlan {
  routingStopAtMs: number;
  lbDeadlineAtMs: number;
  preStopEndAtMs: number;
  signalAtMs: number;
  killAtMs: number;
}

/** The orchestrator's side, decided before any request is looked at. */
function planOrchestrator(scenario: ShutdownScenario, events: ShutdownEvent[]): OrchestratorPlan {
  const t0 = scenario.stopAtSeconds * 1000;
  const signalName = `SIG${scenario.container.stopSignal}`;
  const plan: OrchestratorPlan = {
    routingStopAtMs: Infinity,
    lbDeadlineAtMs: Infinity,
    preStopEndAtMs: Infinity,
    signalAtMs: Infinity,
    killAtMs: Infinity,
  };
  switch (scenario.platform) {
    case 'ecs-service': {
      // §3: deregister → draining for the whole delay → STOPSIGNAL → stopTimeout → SIGKILL.
      const delayMs = scenario.ecs.deregistrationDelaySeconds * 1000;
      const stopMs = effectiveEcsStopTimeoutSeconds(scenario) * 1000;
      plan.routingStopAtMs = t0;
      plan.lbDeadlineAtMs = t0 + delayMs;
      plan.signalAtMs = t0 + delayMs;
      plan.killAtMs = plan.signalAtMs + stopMs;
      events.push(
        {
          atMs: t0,
          lane: 'orchestrator',
          label: 'Deployment stops the old task: deregister it from the target group',
          state: 'DEACTIVATING: waiting for the target to drain',
        },
        {
          atMs: t0,
          lane: 'load-balancer',
          label: 'Target draining: no new requests are routed to it',
          state: `draining (deregistration delay ${seconds(delayMs)})`,
        },
        {
          atMs: plan.lbDeadlineAtMs,
          lane: 'load-balancer',
          label: 'Deregistration delay elapsed: requests still in flight get a 502',
          state: 'deregistered',
        },
        {
          atMs: plan.signalAtMs,
          lane: 'orchestrator',
          label: `${signalName} to PID 1; stopTimeout ${seconds(stopMs)} starts`,
          state: 'STOPPING',
        },
      );
      break;
    }
    case 'ecs-stop-task': {
      // §3 caveat: a manual StopTask historically sent SIGTERM without draining (UNVERIFIED today).
      const stopMs = effectiveEcsStopTimeoutSeconds(scenario) * 1000;
      plan.signalAtMs = t0;
      plan.killAtMs = t0 + stopMs;
      events.push({
        atMs: t0,
        lane: 'orchestrator',
        label: `StopTask: ${signalName} to PID 1 at once, no drain (UNVERIFIED today); stopTimeout ${seconds(stopMs)}`,
        state: 'STOPPING',
      });
      break;
    }
    case 'kubernetes': {
      // §4: the grace clock starts at delete; preStop uses it; then STOPSIGNAL; SIGKILL at the
      // end of the grace period, +2 s once if preStop was still running.
      const { terminationGracePeriodSeconds, preStop, preStopSeconds, endpointPropagationSeconds } =
        scenario.kubernetes;
      const graceMs = terminationGracePeriodSeconds * 1000;
      plan.routingStopAtMs = t0 + endpointPropagationSeconds * 1000;
      events.push(
        {
          atMs: t0,
          lane: 'orchestrator',
          label: `Pod deleted: terminationGracePeriodSeconds ${seconds(graceMs)} starts`,
          state: 'Terminating',
        },
        {
          atMs: t0,
          lane: 'load-balancer',
          label: 'Endpoint marked terminating; removal still propagating',
          state: 'still routed (propagating)',
        },
        {
          atMs: plan.routingStopAtMs,
          lane: 'load-balancer',
          label: 'Endpoint removal has propagated: no new connections',
          state: 'removed',
        },
      );
      if (graceMs === 0) {
        // "if the grace period is not 0": with 0, no preStop and an immediate kill.
        plan.killAtMs = t0;
        break;
      }
      const preStopMs = preStop === 'none' ? 0 : preStopSeconds * 1000;
      const overran = preStopMs > graceMs;
      plan.preStopEndAtMs = preStop === 'none' ? Infinity : t0 + Math.min(preStopMs, graceMs);
      plan.signalAtMs = t0 + Math.min(preStopMs, graceMs);
      plan.killAtMs = t0 + graceMs + (overran ? PRESTOP_OVERRUN_EXTENSION_MS : 0);
      if (preStop !== 'none') {
        events.push({
          atMs: t0,
          lane: 'orchestrator',
          label: `preStop ${preStop === 'sleep' ? 'sleep action' : 'exec sleep'} ${seconds(preStopMs)} runs (inside the grace period)`,
          state: 'Terminating: preStop running',
        });
      }
      events.push({
        atMs: plan.signalAtMs,
        lane: 'orchestrator',
        label: overran
          ? `preStop overran the grace period: ${signalName} now, +2 s extension before SIGKILL`
          : `${signalName} to PID 1`,
        state: 'Terminating: stop signal sent',
      });
      break;
    }
    case 'docker-stop':
    case 'compose-stop': {
      // §5: stop signal, wait -t (10 s default; Compose stop_grace_period 10 s), SIGKILL.
      // -t 0 kills at once, -t -1 waits forever.
      const timeoutSeconds = scenario.docker.stopTimeoutSeconds;
      const tool = scenario.platform === 'docker-stop' ? 'docker stop' : 'docker compose stop';
      if (timeoutSeconds === 0) {
        plan.killAtMs = t0;
        break;
      }
      plan.signalAtMs = t0;
      plan.killAtMs = timeoutSeconds < 0 ? Infinity : t0 + timeoutSeconds * 1000;
      events.push({
        atMs: t0,
        lane: 'orchestrator',
        label:
          timeoutSeconds < 0
            ? `${tool}: ${signalName} to PID 1, waits forever (-t -1)`
            : `${tool}: ${signalName} to PID 1, SIGKILL in ${seconds(timeoutSeconds * 1000)}`,
        state: 'stopping',
      });
      events.push({
        atMs: t0,
        lane: 'load-balancer',
        label: 'No load balancer: clients keep connecting',
        state: 'nothing stops new connections',
      });
      break;
    }
  }
  if (Number.isFinite(plan.killAtMs)) {
    events.push({
      atMs: plan.killAtMs,
      lane: 'orchestrator',
      label: 'SIGKILL deadline',
      state: 'SIGKILL deadline passed',
    });
  }
  return plan;
}

interface Slot {
  freeAtMs: number;
}

interface Worker {
  slots: Slot[];
  lastEndMs: number;
}

interface Cut {
  atMs: number;
  cause: Cause;
}

/** Simulate one scenario. Never throws on a validated scenario. */
export function simulateShutdown(scenario: ShutdownScenario): ShutdownResult {
  const events: ShutdownEvent[] = [];
  const plan = planOrchestrator(scenario, events);
  const t0 = scenario.stopAtSeconds * 1000;
  const lb = effectiveLoadBalancer(scenario);
  const workerClass: WorkerClass = effectiveWorkerClass(scenario);
  const { version, gracefulTimeoutSeconds, timeoutSeconds, keepaliveSeconds } = scenario.gunicorn;
  const workerCount = Math.max(1, Math.floor(scenario.gunicorn.workers));
  const threads =
    workerClass === 'gthread' ? Math.max(1, Math.floor(scenario.gunicorn.threads)) : 1;
  const quick = scenario.container.stopSignal !== 'TERM';
  const killAtMs = plan.killAtMs;
  const receives = gunicornReceivesSignal(scenario.container.pid1);
  // Gunicorn reacts to the signal only if it gets it (not under dash) and is still alive.
  const gSignalAtMs = receives && plan.signalAtMs < killAtMs ? plan.signalAtMs : Infinity;
  const masterKillAtMs = gSignalAtMs + gracefulTimeoutSeconds * 1000;
  // When Gunicorn's own stop ends every worker: 0.1 s after SIGQUIT (quick) or the master's
  // SIGKILL at graceful_timeout, which also bounds the quick stop (facts §2.2, §2.3).
  const ownLimitMs = quick ? Math.min(gSignalAtMs + QUICK_EXIT_MS, masterKillAtMs) : masterKillAtMs;
  // ALB clients keep connections alive; the ALB is the only keep-alive client modelled.
  const keepaliveMs = lb === 'alb' ? keepaliveSeconds * 1000 : 0;

  const traffic: TrafficRequest[] = generateRequests(scenario);

  // --- when the workers stop accepting (one instant for all workers) -------------------------
  let acceptStopAtMs: number;
  let wakeArrivalId = -1; // gthread 20.1/23: the connection that wakes the final select
  const routedBefore = (at: number, routingStopAtMs: number): boolean => at < routingStopAtMs;
  const computeAcceptStop = (routingStopAtMs: number): void => {
    if (!Number.isFinite(gSignalAtMs)) {
      acceptStopAtMs = killAtMs;
      return;
    }
    if (quick || workerClass === 'sync' || (workerClass === 'gthread' && version === '24+')) {
      // sync: `while self.alive` (sync.py); 24+: set_accept_enabled(False) at once; quick: exit.
      acceptStopAtMs = gSignalAtMs;
    } else if (workerClass === 'gthread') {
      // 20.1/23: alive=False is noticed when poller.select(1.0) returns: at the next connection
      // (accepted in that same iteration) or when the 1 s wait runs out. Every connection wakes
      // every worker's select, so the wait restarts at the last arrival.
      let lastEventMs = 0;
      let firstAfter: TrafficRequest | undefined;
      for (const r of traffic) {
        if (!routedBefore(r.arriveAtMs, routingStopAtMs)) break;
        if (r.arriveAtMs < gSignalAtMs) lastEventMs = r.arriveAtMs;
        else {
          firstAfter = r;
          break;
        }
      }
      const sinceMs = gSignalAtMs - lastEventMs;
      const boundaryMs =
        lastEventMs + (Math.floor(sinceMs / GTHREAD_SELECT_MS) + 1) * GTHREAD_SELECT_MS;
      if (firstAfter && firstAfter.arriveAtMs < boundaryMs) {
        acceptStopAtMs = firstAfter.arriveAtMs;
        wakeArrivalId = firstAfter.id;
      } else acceptStopAtMs = boundaryMs;
    } else {
      // gevent: the loop checks `alive` once a second, then server.close().
      acceptStopAtMs = (Math.floor(gSignalAtMs / GEVENT_TICK_MS) + 1) * GEVENT_TICK_MS;
    }
    // Nothing is accepted once the workers are dead.
    const deadAtMs = Math.min(killAtMs, ownLimitMs);
    if (acceptStopAtMs >= deadAtMs) {
      acceptStopAtMs = deadAtMs;
      wakeArrivalId = -1;
    }
  };

  // --- routing ---------------------------------------------------------------------------------
  let routingStopAtMs = plan.routingStopAtMs;
  acceptStopAtMs = Infinity;
  computeAcceptStop(routingStopAtMs);
  if (scenario.platform === 'ecs-stop-task') {
    // No deregistration: the ALB routes until health checks fail `unhealthyThreshold` times in a
    // row (interval 30 s, timeout 5 s, threshold 2; facts §3). A check fails once the workers
    // stop accepting. Model: checks at k × interval from the start.
    const { intervalSeconds, timeoutSeconds: hcTimeout, unhealthyThreshold } = scenario.healthCheck;
    const intervalMs = intervalSeconds * 1000;
    const failsFromMs = acceptStopAtMs;
    if (Number.isFinite(failsFromMs)) {
      const firstFailing = Math.max(1, Math.ceil(failsFromMs / intervalMs));
      routingStopAtMs = (firstFailing + unhealthyThreshold - 1) * intervalMs + hcTimeout * 1000;
      events.push(
        {
          atMs: firstFailing * intervalMs,
          lane: 'load-balancer',
          label: 'First failed health check',
          state: `health checks failing (${unhealthyThreshold} needed)`,
        },
        {
          atMs: routingStopAtMs,
          lane: 'load-balancer',
          label: `Target unhealthy after ${unhealthyThreshold} failed checks: no new requests`,
          state: 'unhealthy: not routed',
        },
      );
    }
  }

  // --- dispatch ----------------------------------------------------------------------------------
  const workers: Worker[] = Array.from({ length: workerCount }, () => ({
    slots: Array.from({ length: threads }, () => ({ freeAtMs: 0 })),
    lastEndMs: 0,
  }));
  const results: RequestResult[] = [];
  const backlog: number[] = []; // indices into results
  const heartbeatMs = timeoutSeconds > 0 ? timeoutSeconds * 1000 : Infinity;
  // The master murders timed-out workers only while it is in its main loop (not during stop()).
  const murderUntilMs = Math.min(gSignalAtMs, killAtMs);

  const cutOf = (endMs: number): Cut | null => {
    let cut: Cut | null = null;
    if (endMs > killAtMs) cut = { atMs: killAtMs, cause: 'sigkill-orchestrator' };
    if (Number.isFinite(gSignalAtMs)) {
      // Quick stop: workers exit 0.1 s after SIGQUIT, but the master's SIGKILL at
      // graceful_timeout applies to the quick stop too (facts §2.2), so a tiny one comes first.
      const own: Cut =
        quick && gSignalAtMs + QUICK_EXIT_MS <= masterKillAtMs
          ? { atMs: gSignalAtMs + QUICK_EXIT_MS, cause: 'quick-stop' }
          : { atMs: masterKillAtMs, cause: 'sigkill-graceful-timeout' };
      if (endMs > own.atMs && (cut === null || own.atMs < cut.atMs)) cut = own;
    }
    return cut;
  };

  // A binary min-heap of slot indices (worker × threads + thread) ordered by freeAtMs, so
  // picking the earliest-free slot stays cheap with many workers and threads.
  const flatSlots: Slot[] = workers.flatMap((w) => w.slots);
  const slotHeap: number[] = flatSlots.map((_, i) => i);
  const before = (a: number, b: number): boolean => {
    const fa = flatSlots[a]!.freeAtMs;
    const fb = flatSlots[b]!.freeAtMs;
    return fa < fb || (fa === fb && a < b);
  };
  const siftDownRoot = (): void => {
    let i = 0;
    const n = slotHeap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && before(slotHeap[l]!, slotHeap[m]!)) m = l;
      if (r < n && before(slotHeap[r]!, slotHeap[m]!)) m = r;
      if (m === i) return;
      const tmp = slotHeap[i]!;
      slotHeap[i] = slotHeap[m]!;
      slotHeap[m] = tmp;
      i = m;
    }
  };
  let geventNext = 0;
  for (const r of traffic) {
    const { id, arriveAtMs, durationMs } = r;
    if (!routedBefore(r.arriveAtMs, routingStopAtMs)) {
      results.push({
        id,
        arriveAtMs,
        durationMs,
        workerIndex: null,
        startAtMs: null,
        endAtMs: r.arriveAtMs,
        outcome: 'not-routed',
        cause: 'served-elsewhere',
      });
      continue;
    }
    // Pick the worker (and slot) that can start it soonest; gevent spreads round-robin.
    // Otherwise the heap's root is the earliest-free slot (ties: lowest worker, then thread).
    const flat = slotHeap[0]!;
    const wi = workerClass === 'gevent' ? geventNext : Math.floor(flat / threads);
    const si = workerClass === 'gevent' ? 0 : flat % threads;
    if (workerClass === 'gevent') geventNext = (geventNext + 1) % workerCount;
    const worker = workers[wi]!;
    const slot = worker.slots[si]!;
    const startAtMs =
      workerClass === 'gevent' ? r.arriveAtMs : Math.max(r.arriveAtMs, slot.freeAtMs);
    // sync accepts only when it is free; gthread/gevent accept on arrival and queue internally.
    const acceptAtMs = workerClass === 'sync' ? startAtMs : r.arriveAtMs;
    const accepted = acceptAtMs < acceptStopAtMs || r.id === wakeArrivalId;
    if (!accepted) {
      results.push({
        id,
        arriveAtMs,
        durationMs,
        workerIndex: null,
        startAtMs: null,
        endAtMs: r.arriveAtMs,
        outcome: 'reset',
        cause: 'backlog-reset',
      });
      backlog.push(results.length - 1);
      continue;
    }
    if (r.id === wakeArrivalId && version === '23' && workerClass === 'gthread') {
      // 23.0: accept() only registers the connection with the poller; the loop then exits and
      // poller.close() drops the last reference, so CPython closes the socket there and then,
      // with the request unread (facts §2.4). Observed on 23.0.0: closed within 1 ms of arrival,
      // as a reset (or a plain close when the request bytes had not arrived yet).
      results.push({
        id,
        arriveAtMs,
        durationMs,
        workerIndex: wi,
        startAtMs: null,
        endAtMs: r.arriveAtMs,
        outcome: 'reset',
        cause: 'abandoned-after-accept',
      });
      continue;
    }
    let endAtMs = startAtMs + r.durationMs;
    let outcome: Outcome = 'completed';
    let cause: Cause = 'served';
    let freeAtMs = endAtMs;
    if (
      workerClass === 'sync' &&
      r.durationMs > heartbeatMs &&
      startAtMs + heartbeatMs < murderUntilMs
    ) {
      // §2.1 `timeout`: a sync worker busy longer than this is aborted by the master.
      endAtMs = startAtMs + heartbeatMs;
      outcome = 'killed';
      cause = 'worker-timeout';
      freeAtMs = endAtMs + WORKER_RESPAWN_MS;
    } else {
      const cut = cutOf(endAtMs);
      if (cut) {
        endAtMs = cut.atMs;
        freeAtMs = cut.atMs;
        if (cut.atMs <= startAtMs) {
          outcome = 'reset';
          cause = 'queued-in-worker';
        } else if (cut.cause === 'quick-stop' && workerClass === 'sync' && version !== '20.1') {
          // Since 22.0.0 sync.py `handle` catches BaseException: the SystemExit that handle_quit
          // raises inside the request becomes a 500 response (observed on 23.0.0, 24.1.1 and
          // 26.1.0; 20.1 to 21.2 caught Exception only and closed the connection with no reply:
          // https://github.com/benoitc/gunicorn/blob/22.0.0/gunicorn/workers/sync.py#L157).
          outcome = 'error-500';
          cause = 'quick-stop-500';
        } else {
          outcome = 'killed';
          cause = cut.cause;
        }
      }
    }
    slot.freeAtMs = freeAtMs;
    if (workerClass !== 'gevent') siftDownRoot();
    worker.lastEndMs = Math.max(worker.lastEndMs, endAtMs);
    results.push({
      id,
      arriveAtMs,
      durationMs,
      workerIndex: wi,
      startAtMs: outcome === 'reset' ? null : startAtMs,
      endAtMs,
      outcome,
      cause,
    });
  }

  // --- worker exits and the listening socket ---------------------------------------------------
  const workerResults: WorkerResult[] = workers.map((worker, index) => {
    let exitAtMs: number;
    let listenerCloseAtMs: number;
    if (!Number.isFinite(gSignalAtMs)) {
      exitAtMs = killAtMs;
      listenerCloseAtMs = killAtMs;
    } else if (quick) {
      exitAtMs = ownLimitMs;
      listenerCloseAtMs = exitAtMs;
    } else if (workerClass === 'sync') {
      // Finishes the request in hand, then exits (sync.py `while self.alive`).
      exitAtMs = Math.max(gSignalAtMs, worker.lastEndMs);
      listenerCloseAtMs = exitAtMs;
    } else if (workerClass === 'gthread' && version !== '24+') {
      // Loop exits, listeners close, then futures.wait(graceful_timeout) (gthread.py `run`).
      exitAtMs = Math.max(acceptStopAtMs, worker.lastEndMs);
      listenerCloseAtMs = acceptStopAtMs;
    } else if (workerClass === 'gthread') {
      // 24+: serve existing connections until none are left; idle keep-alive ones close after
      // `keepalive` seconds.
      exitAtMs = Math.max(gSignalAtMs, worker.lastEndMs + keepaliveMs);
      listenerCloseAtMs = exitAtMs;
    } else {
      // gevent: server.close() at the tick, then poll every second while greenlets (including
      // keep-alive connections waiting up to `keepalive`) are busy.
      const busyUntilMs = worker.lastEndMs + keepaliveMs;
      const extraMs =
        busyUntilMs > acceptStopAtMs
          ? Math.ceil((busyUntilMs - acceptStopAtMs) / GEVENT_TICK_MS) * GEVENT_TICK_MS
          : 0;
      exitAtMs = acceptStopAtMs + extraMs;
      listenerCloseAtMs = acceptStopAtMs;
    }
    const limitMs = Math.min(ownLimitMs, killAtMs);
    const killed =
      exitAtMs > limitMs || (!Number.isFinite(gSignalAtMs) && Number.isFinite(killAtMs));
    exitAtMs = Math.min(exitAtMs, limitMs);
    listenerCloseAtMs = Math.min(listenerCloseAtMs, exitAtMs);
    return {
      index,
      acceptStopAtMs: finiteOrNull(Math.min(acceptStopAtMs, exitAtMs)),
      listenerCloseAtMs: finiteOrNull(listenerCloseAtMs),
      exitAtMs: finiteOrNull(exitAtMs),
      killed,
    };
  });
  const workerExit = (w: WorkerResult): number => w.exitAtMs ?? Infinity;
  const lastWorkerExitMs = workerResults.reduce((max, w) => Math.max(max, workerExit(w)), 0);
  // The master closes its own copy when it gets the signal (arbiter `stop`, close_sockets).
  const masterHoldsUntilMs = Math.min(gSignalAtMs, killAtMs);
  const lastListenerCloseAtMs = workerResults.reduce(
    (max, w) => Math.max(max, w.listenerCloseAtMs ?? Infinity),
    masterHoldsUntilMs,
  );
  const masterExitAtMs = Number.isFinite(gSignalAtMs)
    ? Math.min(lastWorkerExitMs + MASTER_EXIT_AFTER_WORKERS_MS, killAtMs)
    : killAtMs;
  const containerExitAtMs = masterExitAtMs;
  const killedByOrchestrator = Number.isFinite(killAtMs) && containerExitAtMs >= killAtMs;

  // Backlog: reset when the last copy of the listening socket closed, refused after (facts §2.5).
  for (const index of backlog) {
    const r = results[index]!;
    if (r.arriveAtMs < lastListenerCloseAtMs) {
      r.endAtMs = lastListenerCloseAtMs;
    } else {
      r.outcome = 'refused';
      r.cause = 'listener-closed';
      r.endAtMs = r.arriveAtMs;
    }
  }

  // The ALB: 502 when the deregistration delay elapses with the request in flight, and 502 for
  // every reset/FIN/refusal (facts §3 and §2.5, ALB troubleshooting "HTTP 502").
  if (lb === 'alb') {
    const lbDeadlineAtMs =
      scenario.platform === 'kubernetes'
        ? routingStopAtMs + scenario.ecs.deregistrationDelaySeconds * 1000
        : plan.lbDeadlineAtMs;
    plan.lbDeadlineAtMs = lbDeadlineAtMs;
    for (const r of results) {
      if (r.outcome === 'not-routed') continue;
      if (r.endAtMs > lbDeadlineAtMs && r.arriveAtMs < lbDeadlineAtMs) {
        r.outcome = 'lb-502';
        r.cause = 'deregistration-delay';
        r.endAtMs = lbDeadlineAtMs;
      } else if (r.outcome === 'reset' || r.outcome === 'killed' || r.outcome === 'refused') {
        r.outcome = 'lb-502';
      }
    }
  }

  // --- events for the Gunicorn lanes -----------------------------------------------------------
  const signalName = `SIG${scenario.container.stopSignal}`;
  if (Number.isFinite(plan.signalAtMs) && plan.signalAtMs < killAtMs) {
    if (!receives) {
      events.push({
        atMs: plan.signalAtMs,
        lane: 'master',
        label: `Never sees ${signalName}: dash is PID 1 and ignores it (no handler); Gunicorn keeps serving`,
        state: 'serving (signal lost in dash)',
      });
    } else {
      events.push({
        atMs: gSignalAtMs,
        lane: 'master',
        label: quick
          ? `${signalName}: quick stop; closes its listener copy, SIGQUIT to workers`
          : `${signalName}: graceful stop; closes its listener copy, SIGTERM to workers, waits ≤ graceful_timeout ${seconds(gracefulTimeoutSeconds * 1000)}`,
        state: quick ? 'quick stop' : 'waiting for workers',
      });
    }
  }
  if (
    Number.isFinite(masterKillAtMs) &&
    masterKillAtMs < killAtMs &&
    workerResults.some((w) => w.killed && workerExit(w) >= masterKillAtMs)
  ) {
    events.push({
      atMs: masterKillAtMs,
      lane: 'master',
      label: 'graceful_timeout reached: SIGKILL to the remaining workers',
      state: 'waiting for workers',
    });
  }
  // Pushed before the exit events: at equal times the later push sets the lane's final state.
  const backlogResets = backlog.filter((i) => results[i]!.cause === 'backlog-reset').length;
  if (Number.isFinite(lastListenerCloseAtMs)) {
    events.push({
      atMs: lastListenerCloseAtMs,
      lane: 'master',
      label: `Last copy of the listening socket closed: ${backlogResets} connection${backlogResets === 1 ? '' : 's'} in the backlog reset; new connects refused`,
      state: 'waiting for workers',
    });
  }
  if (Number.isFinite(containerExitAtMs)) {
    events.push(
      killedByOrchestrator
        ? {
            atMs: killAtMs,
            lane: 'master',
            label: 'Killed by the orchestrator’s SIGKILL (container exit 137)',
            state: 'gone (SIGKILL)',
          }
        : {
            atMs: masterExitAtMs,
            lane: 'master',
            label: 'Master exits with code 0',
            state: 'exited (0)',
          },
      {
        atMs: containerExitAtMs,
        lane: 'orchestrator',
        label: `Container exited (${killedByOrchestrator ? '137, SIGKILL' : '0'})`,
        state: 'stopped',
      },
    );
  }
  for (const w of workerResults) {
    const lane: Lane = `worker-${w.index + 1}`;
    if (w.acceptStopAtMs !== null && w.acceptStopAtMs < workerExit(w)) {
      events.push({
        atMs: w.acceptStopAtMs,
        lane,
        label: 'Stops accepting new connections',
        state: 'draining',
      });
    }
    if (w.listenerCloseAtMs !== null && w.listenerCloseAtMs < workerExit(w)) {
      events.push({
        atMs: w.listenerCloseAtMs,
        lane,
        label: 'Closes its copy of the listening socket',
        state: 'draining, listener closed',
      });
    }
    if (w.exitAtMs !== null) {
      events.push({
        atMs: w.exitAtMs,
        lane,
        label: w.killed ? 'Killed (SIGKILL)' : 'Exits',
        state: w.killed ? 'killed' : 'exited',
      });
    }
  }
  events.sort((a, b) => a.atMs - b.atMs);

  const lanes: Lane[] = [
    'orchestrator',
    'load-balancer',
    'master',
    ...workerResults.map((w): Lane => `worker-${w.index + 1}`),
  ];

  const times: ShutdownTimes = {
    stopCommandAtMs: t0,
    routingStopAtMs: finiteOrNull(routingStopAtMs),
    lbDeadlineAtMs: lb === 'alb' ? finiteOrNull(plan.lbDeadlineAtMs) : null,
    preStopEndAtMs: finiteOrNull(plan.preStopEndAtMs),
    signalAtMs: finiteOrNull(plan.signalAtMs),
    gunicornSignalAtMs: finiteOrNull(gSignalAtMs),
    masterKillAtMs: finiteOrNull(masterKillAtMs),
    killAtMs: finiteOrNull(killAtMs),
    lastListenerCloseAtMs: finiteOrNull(lastListenerCloseAtMs),
    containerExitAtMs: finiteOrNull(containerExitAtMs),
  };
  const summary = summarize(results, times, killedByOrchestrator, scenario);
  const lastEnd = results.reduce((max, r) => Math.max(max, r.endAtMs), 0);
  const horizonMs = Math.max(
    lastEnd,
    Number.isFinite(containerExitAtMs) ? containerExitAtMs : 0,
    t0,
    scenario.traffic.untilSeconds * 1000,
  );
  return {
    requests: results,
    events,
    lanes,
    workers: workerResults,
    times,
    summary,
    horizonMs: horizonMs + Math.max(1000, horizonMs * 0.03),
  };
}

const CAUSE_PHRASES: Record<Cause, string> = {
  served: 'served',
  'served-elsewhere': 'served by another task',
  'backlog-reset': 'reset in the backlog',
  'queued-in-worker': 'reset while queued in a worker',
  'abandoned-after-accept': 'accepted then dropped',
  'sigkill-orchestrator': 'cut by SIGKILL',
  'sigkill-graceful-timeout': 'cut by graceful_timeout',
  'quick-stop': 'cut by the quick stop',
  'quick-stop-500': 'answered 500 by the quick stop',
  'worker-timeout': 'killed by the worker timeout',
  'listener-closed': 'refused (nothing listening)',
  'deregistration-delay': 'got a 502 when the deregistration delay elapsed',
};

export function describeCause(cause: Cause): string {
  return CAUSE_PHRASES[cause];
}

function formatCount(n: number): string {
  // Thousands separators without Intl (much cheaper than toLocaleString on every run).
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function summarize(
  results: RequestResult[],
  times: ShutdownTimes,
  killedByOrchestrator: boolean,
  scenario: ShutdownScenario,
): ShutdownSummary {
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const byCause = Object.fromEntries(CAUSES.map((c) => [c, 0])) as Record<Cause, number>;
  const failedByCause = Object.fromEntries(CAUSES.map((c) => [c, 0])) as Record<Cause, number>;
  let failed = 0;
  for (const r of results) {
    byOutcome[r.outcome] += 1;
    byCause[r.cause] += 1;
    if (isFailure(r.outcome)) {
      failed += 1;
      failedByCause[r.cause] += 1;
    }
  }
  const signalAt = times.signalAtMs;
  const cuts: CutSummary[] = [];
  for (const cause of CAUSES) {
    if (cause === 'served' || cause === 'served-elsewhere') continue;
    const count = failedByCause[cause];
    if (count === 0) continue;
    let atMs: number | null = null;
    if (cause === 'sigkill-orchestrator') atMs = times.killAtMs;
    else if (cause === 'sigkill-graceful-timeout') atMs = times.masterKillAtMs;
    else if (cause === 'deregistration-delay') atMs = times.lbDeadlineAtMs;
    else if (cause === 'backlog-reset') atMs = times.lastListenerCloseAtMs;
    cuts.push({ cause, count, atMs });
  }
  const parts = cuts.map((c) => {
    let phrase = `${formatCount(c.count)} ${CAUSE_PHRASES[c.cause]}`;
    if (
      c.atMs !== null &&
      (c.cause === 'sigkill-orchestrator' || c.cause === 'sigkill-graceful-timeout')
    ) {
      phrase +=
        signalAt !== null && c.atMs >= signalAt
          ? ` at ${seconds(c.atMs - signalAt)} after the stop signal`
          : ` at ${seconds(c.atMs - times.stopCommandAtMs)} after the stop command`;
    }
    return phrase;
  });
  const total = results.length;
  const timeToStopMs =
    times.containerExitAtMs === null ? null : times.containerExitAtMs - times.stopCommandAtMs;
  const stopText =
    timeToStopMs === null
      ? 'The container never stops.'
      : `The container stopped ${seconds(timeToStopMs)} after the stop command${killedByOrchestrator ? ' (SIGKILL, exit 137)' : ' (exit 0)'}.`;
  const unverified =
    scenario.platform === 'ecs-stop-task'
      ? ' Manual StopTask without drain is UNVERIFIED today.'
      : '';
  const verdict =
    failed === 0
      ? `0 of ${formatCount(total)} requests failed. ${stopText}${unverified}`
      : `${formatCount(failed)} of ${formatCount(total)} requests failed: ${parts.join(', ')}. ${stopText}${unverified}`;
  return {
    total,
    failed,
    byOutcome,
    byCause,
    timeToStopMs,
    exitCode: times.containerExitAtMs === null ? null : killedByOrchestrator ? 137 : 0,
    cuts,
    verdict,
  };
}
