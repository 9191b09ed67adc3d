/**
 * simulateShutdown: what happens to every request while an orchestrator stops a container
 * running Gunicorn. Pure and deterministic: the same scenario (and seed) gives the same run.
 *
 * Sources (Gunicorn files at https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/…):
 * - Gunicorn master: TERM → stop(graceful): close the master's listener copies, SIGTERM the
 *   workers, wait ≤ graceful_timeout, SIGKILL, exit 0. INT/QUIT → the same with SIGQUIT
 *   (gunicorn arbiter.py `stop`, `handle_term`, `handle_int`, `handle_quit` @23.0.0).
 * - worker signals (workers/base.py `init_signals`, `handle_exit`, `handle_quit` sleeps 0.1 s).
 * - per worker class (workers/sync.py, workers/gthread.py @20.1.0/@23.0.0/@26.1.0,
 *   workers/ggevent.py @23.0.0).
 * - the backlog (measured with Gunicorn 20.1.0, see real-gunicorn.test.ts): the kernel keeps
 *   accepting until the last process holding the listening socket closes it; what is then in
 *   the backlog is reset.
 * - ECS + ALB: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-connection-draining.html,
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html#deregistration-delay,
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#http-502-issues.
 * - Kubernetes pod termination: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination.
 * - docker stop: https://docs.docker.com/reference/cli/docker/container/stop/; PID 1 under dash
 *   measured on Debian bookworm (real-gunicorn.test.ts).
 */
import {
  effectiveLoadBalancer,
  effectiveWorkerClass,
  gunicornReceivesSignal,
  type ShutdownScenario,
  type WorkerClass,
} from './scenario';
import { generateRequests, type TrafficRequest } from './traffic';

import {
  type Cause,
  finiteOrNull,
  GEVENT_TICK_MS,
  GTHREAD_SELECT_MS,
  type Lane,
  MASTER_EXIT_AFTER_WORKERS_MS,
  type Outcome,
  QUICK_EXIT_MS,
  type RequestResult,
  seconds,
  type ShutdownEvent,
  type ShutdownResult,
  type ShutdownTimes,
  WORKER_RESPAWN_MS,
  type WorkerResult,
} from './shutdown-types';
import { planOrchestrator } from './orchestrator-plan';
import { summarize, workerLaneEvents } from './shutdown-summary';

export * from './shutdown-types';
export { describeCause } from './shutdown-summary';

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
  // SIGKILL at graceful_timeout, which also bounds the quick stop (arbiter.py `stop`,
  // workers/base.py `handle_quit` @23.0.0).
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
    // row (interval 30 s, timeout 5 s, threshold 2; ALB guide target-group-health-checks.html).
    // A check fails once the workers stop accepting. Model: checks at k × interval from the start.
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
      // graceful_timeout applies to the quick stop too (arbiter.py `stop` @23.0.0), so a tiny one
      // comes first.
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
      // with the request unread (workers/gthread.py `run` @23.0.0). Observed on 23.0.0: closed
      // within 1 ms of arrival, as a reset (or a plain close when the request bytes had not
      // arrived yet).
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

  // Backlog: reset when the last copy of the listening socket closed, refused after (measured
  // with Gunicorn 20.1.0, real-gunicorn.test.ts).
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
  // every reset/FIN/refusal (ALB troubleshooting "HTTP 502",
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#http-502-issues).
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
  events.push(...workerLaneEvents(workerResults));
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
