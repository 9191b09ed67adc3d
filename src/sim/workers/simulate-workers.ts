/**
 * A seeded discrete-event simulation of one Gunicorn task serving a Flask app.
 *
 * What is modelled, and where each rule comes from:
 *
 * - Listen backlog (Gunicorn `backlog`, default 2048, gunicorn.org/reference/settings/#backlog:
 *   "Exceeding this number results in the client getting an error when attempting to connect").
 *   Connections wait here, first come first served, until a worker has room; an arrival that finds
 *   the backlog full is refused at once.
 * - Worker classes (gunicorn.org/design/): a `sync` worker holds one request at
 *   a time; a `gthread` worker holds up to `threads`; a `gevent` worker up to `worker_connections`.
 *   Inside one process only one request runs Python CPU work at a time: threads queue for the GIL,
 *   greenlets run until they yield at IO. Simplification: that CPU queue is first come first served
 *   (real CPython hands the GIL round between threads every 5 ms, `sys.getswitchinterval()`, which
 *   changes who waits but not how much CPU work a process gets done).
 * - Cores: processes are scheduled by processor sharing. While n processes want CPU on c cores,
 *   each progresses at min(1, c/n) of real time. This idealises the Linux scheduler's fair sharing
 *   (no context-switch cost is charged, so the model is, if anything, kind to extra workers).
 *   Implemented with a virtual clock: every running process advances by the same rate, so the next
 *   CPU completion is the smallest "finish at virtual time" in a heap.
 * - Request shape: half its CPU work, then (if it uses the database) a connection checkout, its IO
 *   wait, the other half of its CPU work; the connection is returned when the request ends
 *   (Flask-SQLAlchemy removes the session at app-context teardown).
 * - DB pool per worker process (SQLAlchemy QueuePool, `lib/sqlalchemy/pool/impl.py`): at most
 *   `pool_size + max_overflow` connections checked out; a request that finds none waits first come
 *   first served up to `pool_timeout`, then fails with TimeoutError (an HTTP 500).
 *   `pool_size=0` means no limit and `max_overflow=-1` unlimited overflow.
 * - Gunicorn `timeout` (settings.html#timeout, default 30 s; "Workers silent for more than this many
 *   seconds are killed and restarted"; 0 disables it). The arbiter kills a worker whose heartbeat
 *   stopped (`arbiter.murder_workers`: SIGABRT, `gunicorn/arbiter.py`). A sync worker only beats between requests, so
 *   a request that runs longer than `timeout` gets its worker killed and fails. A gthread worker's
 *   main loop keeps beating while threads work (`workers/gthread.py` run loop), so slow requests do
 *   not trigger it. A gevent worker beats from a greenlet (`workers/ggevent.py` run loop), so one CPU
 *   burst longer than `timeout` (no yield) gets the worker killed, with every request it held.
 *   The arbiter's check interval (about 1 s) is not modelled: the kill happens exactly at `timeout`.
 *   A killed worker is replaced after `restartMs` (the boot time of a fresh process).
 */
import { createRandom, sampleExponential } from '../random';
import { MinHeap } from './min-heap';
import type {
  FailureReason,
  RequestKind,
  SeriesSample,
  WorkerRunResult,
  WorkerScenario,
} from './scenario';

/** Shortest window whose time averages are reported (one nanosecond). */
const MIN_WINDOW_MS = 1e-6;

const PHASE_QUEUED = 0;
const PHASE_ACCEPTED = 1;
const PHASE_CPU1 = 2;
const PHASE_POOL = 3;
const PHASE_IO = 4;
const PHASE_CPU2 = 5;
const PHASE_ENDED = 6;

interface Request {
  readonly arrivalMs: number;
  readonly cpu1Ms: number;
  readonly ioMs: number;
  readonly cpu2Ms: number;
  readonly usesDb: boolean;
  phase: number;
  proc: Process | null;
  holdsConnection: boolean;
  poolWaitStartMs: number;
}

interface Process {
  readonly index: number;
  alive: boolean;
  readonly held: Set<Request>;
  /** Requests of this process waiting for the GIL / their turn to run CPU work. */
  cpuQueue: Request[];
  cpuHead: number;
  running: Request | null;
  runningCpuMs: number;
  /** Incremented whenever `running` changes; stale heap entries carry an older value. */
  runToken: number;
  poolInUse: number;
  poolWaiters: Request[];
  poolHead: number;
}

const EVENT_ARRIVAL = 0;
const EVENT_IO_DONE = 1;
const EVENT_POOL_TIMEOUT = 2;
const EVENT_SYNC_WATCHDOG = 3;
const EVENT_GEVENT_WATCHDOG = 4;
const EVENT_RESTART = 5;

interface SimEvent {
  readonly kind: number;
  readonly req: Request | null;
  readonly proc: Process | null;
  readonly token: number;
}

interface CpuEntry {
  readonly proc: Process;
  readonly token: number;
}

const MAX_SAMPLES = 4000;

/** Nearest-rank percentile of an ascending-sorted array (0 for an empty one). */
function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank]!;
}

function buildKindPicker(mix: readonly RequestKind[]): (u: number) => RequestKind | undefined {
  const kinds = mix.filter((kind) => kind.weight > 0);
  const total = kinds.reduce((sum, kind) => sum + kind.weight, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const kind of kinds) {
    acc += kind.weight / total;
    cumulative.push(acc);
  }
  return (u) => {
    for (let i = 0; i < kinds.length; i++) if (u < cumulative[i]!) return kinds[i];
    return kinds[kinds.length - 1];
  };
}

/** Runs one scenario to completion (arrivals for `durationMs`, then drain) and reports it. */
export function simulateWorkers(scenario: WorkerScenario): WorkerRunResult {
  const cores = Math.max(1, scenario.cores);
  const capacity =
    scenario.workerClass === 'sync'
      ? 1
      : scenario.workerClass === 'gthread'
        ? Math.max(1, scenario.threads)
        : Math.max(1, scenario.workerConnections);
  const poolLimit =
    scenario.poolSize <= 0 || scenario.maxOverflow < 0
      ? Infinity
      : scenario.poolSize + scenario.maxOverflow;
  const timeoutMs = scenario.timeoutSeconds > 0 ? scenario.timeoutSeconds * 1000 : Infinity;
  const durationMs = Math.max(0, scenario.durationMs);
  const sampleEveryMs = Math.max(1, scenario.sampleEveryMs);

  // Two streams, so that every configuration of workers sees the very same arrivals and the very
  // same request sizes (common random numbers make comparisons between runs fair).
  const arrivalRandom = createRandom(scenario.seed);
  const serviceRandom = createRandom((scenario.seed ^ 0x9e3779b9) >>> 0);
  const pickKind = buildKindPicker(scenario.mix);

  const procs: Process[] = [];
  for (let i = 0; i < Math.max(1, scenario.workers); i++) {
    procs.push({
      index: i,
      alive: true,
      held: new Set(),
      cpuQueue: [],
      cpuHead: 0,
      running: null,
      runningCpuMs: 0,
      runToken: 0,
      poolInUse: 0,
      poolWaiters: [],
      poolHead: 0,
    });
  }

  const events = new MinHeap<SimEvent>();
  const cpuHeap = new MinHeap<CpuEntry>();
  let nowMs = 0;
  let lastMs = 0;
  let virtualCpuMs = 0;
  let runnable = 0;
  let busyCoreMs = 0;
  let busyCoreMsAtWindowEnd = -1;

  let backlog: Request[] = [];
  let backlogHead = 0;
  let inService = 0;
  let maxInService = 0;
  let maxQueued = 0;
  let poolWaitingTotal = 0;
  let aliveWorkers = procs.length;

  let arrivals = 0;
  let completed = 0;
  let completedInWindow = 0;
  const failed: Record<FailureReason, number> = {
    refused: 0,
    'worker-timeout': 0,
    'pool-timeout': 0,
  };
  let latencies = new Float64Array(1024);
  let latencyCount = 0;
  let latencySum = 0;
  let acceptedCount = 0;
  let queueWaitSum = 0;
  let poolWaits = 0;
  let poolWaitSumMs = 0;
  let poolTimeouts = 0;
  let peakPoolInUse = 0;
  let workerKills = 0;
  let endMs = 0;

  let areaInSystem = 0;
  let areaQueued = 0;
  let sojournSum = 0;

  const series: SeriesSample[] = [];
  const processSeries: number[][] = [];
  let nextSampleMs = 0;
  let busyAtLastSample = 0;
  let lastSampleMs = 0;

  const refill: Process[] = [];

  const cpuRate = (): number => (runnable <= cores ? 1 : cores / runnable);

  function takeSample(atMs: number): void {
    const busyNow = busyCoreMs + (atMs - lastMs) * Math.min(runnable, cores);
    const span = atMs - lastSampleMs;
    const cpuUse = span > 0 ? (busyNow - busyAtLastSample) / (span * cores) : runnable > 0 ? 1 : 0;
    series.push({
      timeMs: atMs,
      queued: backlog.length - backlogHead,
      inService,
      cpuUse: Math.min(1, Math.max(0, cpuUse)),
      poolWaiting: poolWaitingTotal,
      workersAlive: aliveWorkers,
    });
    if (scenario.recordProcesses) {
      processSeries.push(procs.map((proc) => (proc.alive ? proc.held.size : -1)));
    }
    busyAtLastSample = busyNow;
    lastSampleMs = atMs;
  }

  /** Moves the clock to `toMs`: samples, integrals and the processor-sharing virtual clock. */
  function advanceTo(toMs: number): void {
    while (nextSampleMs <= toMs && series.length < MAX_SAMPLES) {
      takeSample(nextSampleMs);
      nextSampleMs += sampleEveryMs;
    }
    const dt = toMs - lastMs;
    if (dt > 0) {
      const queued = backlog.length - backlogHead;
      areaInSystem += (queued + inService) * dt;
      areaQueued += queued * dt;
      if (lastMs < durationMs && toMs >= durationMs) {
        busyCoreMsAtWindowEnd = busyCoreMs + (durationMs - lastMs) * Math.min(runnable, cores);
      }
      busyCoreMs += dt * Math.min(runnable, cores);
      if (runnable > 0) virtualCpuMs += dt * cpuRate();
    }
    lastMs = toMs;
    nowMs = toMs;
  }

  function nextCpuCompletionMs(): number {
    for (;;) {
      const top = cpuHeap.peek();
      if (top === undefined) return Infinity;
      if (top.token !== top.proc.runToken || top.proc.running === null) {
        cpuHeap.pop();
        continue;
      }
      return nowMs + Math.max(0, cpuHeap.peekKey() - virtualCpuMs) / cpuRate();
    }
  }

  function startNextCpu(proc: Process): void {
    while (proc.running === null && proc.cpuHead < proc.cpuQueue.length) {
      const req = proc.cpuQueue[proc.cpuHead]!;
      proc.cpuHead++;
      if (req.phase === PHASE_ENDED) continue;
      const cpuMs = req.phase === PHASE_CPU1 ? req.cpu1Ms : req.cpu2Ms;
      proc.running = req;
      proc.runningCpuMs = cpuMs;
      proc.runToken++;
      runnable++;
      cpuHeap.push(virtualCpuMs + cpuMs, { proc, token: proc.runToken });
      // A process always runs at rate ≥ cores/workers, so a burst that cannot outlast `timeout`
      // even at that slowest rate needs no watchdog (this keeps the event heap small).
      if (
        scenario.workerClass === 'gevent' &&
        timeoutMs < Infinity &&
        cpuMs * Math.max(1, procs.length / cores) >= timeoutMs
      ) {
        events.push(nowMs + timeoutMs, {
          kind: EVENT_GEVENT_WATCHDOG,
          req: null,
          proc,
          token: proc.runToken,
        });
      }
    }
    if (proc.cpuHead > 64 && proc.cpuHead * 2 > proc.cpuQueue.length) {
      proc.cpuQueue = proc.cpuQueue.slice(proc.cpuHead);
      proc.cpuHead = 0;
    }
  }

  function queueCpu(req: Request): void {
    const proc = req.proc!;
    proc.cpuQueue.push(req);
    if (proc.running === null) startNextCpu(proc);
  }

  function releaseConnection(req: Request): void {
    if (!req.holdsConnection) return;
    req.holdsConnection = false;
    const proc = req.proc!;
    proc.poolInUse--;
    if (!proc.alive) return;
    while (proc.poolHead < proc.poolWaiters.length) {
      const waiter = proc.poolWaiters[proc.poolHead]!;
      proc.poolHead++;
      if (waiter.phase !== PHASE_POOL || waiter.holdsConnection) continue;
      poolWaitingTotal--;
      poolWaitSumMs += nowMs - waiter.poolWaitStartMs;
      takeConnection(waiter);
      proceed(waiter);
      break;
    }
    if (proc.poolHead > 64 && proc.poolHead * 2 > proc.poolWaiters.length) {
      proc.poolWaiters = proc.poolWaiters.slice(proc.poolHead);
      proc.poolHead = 0;
    }
  }

  function takeConnection(req: Request): void {
    const proc = req.proc!;
    proc.poolInUse++;
    req.holdsConnection = true;
    if (proc.poolInUse > peakPoolInUse) peakPoolInUse = proc.poolInUse;
  }

  function leave(req: Request): void {
    const proc = req.proc!;
    req.phase = PHASE_ENDED;
    sojournSum += nowMs - req.arrivalMs;
    if (nowMs > endMs) endMs = nowMs;
    releaseConnection(req);
    proc.held.delete(req);
    inService--;
    if (proc.alive) refill.push(proc);
  }

  function finish(req: Request): void {
    const latency = nowMs - req.arrivalMs;
    if (latencyCount === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[latencyCount++] = latency;
    latencySum += latency;
    completed++;
    if (nowMs <= durationMs) completedInWindow++;
    leave(req);
  }

  function fail(req: Request, reason: FailureReason): void {
    failed[reason]++;
    leave(req);
  }

  /** Moves a request through its phases until it has to wait for something. */
  function proceed(req: Request): void {
    for (;;) {
      switch (req.phase) {
        case PHASE_ACCEPTED:
          req.phase = PHASE_CPU1;
          if (req.cpu1Ms > 0) {
            queueCpu(req);
            return;
          }
          break;
        case PHASE_CPU1: {
          req.phase = PHASE_POOL;
          if (!req.usesDb) break;
          const proc = req.proc!;
          if (proc.poolInUse < poolLimit) {
            takeConnection(req);
            break;
          }
          poolWaits++;
          poolWaitingTotal++;
          req.poolWaitStartMs = nowMs;
          proc.poolWaiters.push(req);
          events.push(nowMs + scenario.poolTimeoutMs, {
            kind: EVENT_POOL_TIMEOUT,
            req,
            proc,
            token: 0,
          });
          return;
        }
        case PHASE_POOL:
          req.phase = PHASE_IO;
          if (req.ioMs > 0) {
            events.push(nowMs + req.ioMs, { kind: EVENT_IO_DONE, req, proc: null, token: 0 });
            return;
          }
          break;
        case PHASE_IO:
          req.phase = PHASE_CPU2;
          if (req.cpu2Ms > 0) {
            queueCpu(req);
            return;
          }
          break;
        case PHASE_CPU2:
          finish(req);
          return;
        default:
          return;
      }
    }
  }

  function admit(req: Request, proc: Process): void {
    req.proc = proc;
    req.phase = PHASE_ACCEPTED;
    proc.held.add(req);
    inService++;
    if (inService > maxInService) maxInService = inService;
    acceptedCount++;
    queueWaitSum += nowMs - req.arrivalMs;
    // The slowest a sync request can go: its CPU at the slowest processor-sharing rate
    // (cores/workers) plus its IO (a sync worker never waits for its own pool, which has at
    // least one connection). Only a request that could outlast `timeout` needs a watchdog.
    if (
      scenario.workerClass === 'sync' &&
      timeoutMs < Infinity &&
      (req.cpu1Ms + req.cpu2Ms) * Math.max(1, procs.length / cores) + req.ioMs >= timeoutMs
    ) {
      events.push(nowMs + timeoutMs, { kind: EVENT_SYNC_WATCHDOG, req, proc, token: 0 });
    }
    proceed(req);
  }

  function pickProcess(): Process | null {
    let best: Process | null = null;
    for (const proc of procs) {
      if (!proc.alive || proc.held.size >= capacity) continue;
      if (best === null || proc.held.size < best.held.size) best = proc;
      if (best.held.size === 0) break;
    }
    return best;
  }

  function fillFromBacklog(proc: Process): void {
    while (proc.alive && proc.held.size < capacity && backlogHead < backlog.length) {
      const req = backlog[backlogHead]!;
      backlogHead++;
      admit(req, proc);
    }
    if (backlogHead > 1024 && backlogHead * 2 > backlog.length) {
      backlog = backlog.slice(backlogHead);
      backlogHead = 0;
    }
  }

  function drainRefills(): void {
    while (refill.length > 0) fillFromBacklog(refill.pop()!);
  }

  function kill(proc: Process): void {
    workerKills++;
    if (proc.running !== null) runnable--;
    proc.running = null;
    proc.runToken++;
    proc.alive = false;
    aliveWorkers--;
    for (const req of [...proc.held]) {
      if (req.phase === PHASE_POOL && !req.holdsConnection) poolWaitingTotal--;
      fail(req, 'worker-timeout');
    }
    proc.cpuQueue = [];
    proc.cpuHead = 0;
    proc.poolWaiters = [];
    proc.poolHead = 0;
    proc.poolInUse = 0;
    events.push(nowMs + Math.max(0, scenario.restartMs), {
      kind: EVENT_RESTART,
      req: null,
      proc,
      token: 0,
    });
  }

  function arrive(): void {
    if (arrivals >= scenario.maxRequests) return;
    arrivals++;
    const kind = pickKind(serviceRandom());
    const uCpu = serviceRandom();
    const uIo = serviceRandom();
    let cpuMs = 0;
    let ioMs = 0;
    if (kind !== undefined) {
      const exponential = kind.variability === 'exponential';
      cpuMs = exponential ? -Math.log(1 - uCpu) * kind.cpuMs : kind.cpuMs;
      ioMs = exponential ? -Math.log(1 - uIo) * kind.ioMs : kind.ioMs;
    }
    const cpu1Ms = cpuMs / 2;
    const req: Request = {
      arrivalMs: nowMs,
      cpu1Ms,
      ioMs: Math.max(0, ioMs),
      cpu2Ms: Math.max(0, cpuMs - cpu1Ms),
      usesDb: kind?.usesDb ?? false,
      phase: PHASE_QUEUED,
      proc: null,
      holdsConnection: false,
      poolWaitStartMs: 0,
    };
    const proc = pickProcess();
    if (proc !== null) {
      admit(req, proc);
    } else if (backlog.length - backlogHead < scenario.backlog) {
      backlog.push(req);
      const queued = backlog.length - backlogHead;
      if (queued > maxQueued) maxQueued = queued;
    } else {
      failed.refused++;
      req.phase = PHASE_ENDED;
      if (nowMs > endMs) endMs = nowMs;
    }
  }

  function scheduleNextArrival(): void {
    if (arrivals >= scenario.maxRequests) return;
    const pattern = scenario.arrivals;
    if (pattern.kind === 'poisson') {
      if (!(pattern.ratePerSecond > 0)) return;
      const at = nowMs + sampleExponential(arrivalRandom, 1000 / pattern.ratePerSecond);
      if (at < durationMs)
        events.push(at, { kind: EVENT_ARRIVAL, req: null, proc: null, token: 0 });
    } else {
      if (!(pattern.burstSize > 0) || !(pattern.burstEveryMs > 0)) return;
      const at = arrivals === 0 ? 0 : nowMs + pattern.burstEveryMs;
      if (at < durationMs)
        events.push(at, { kind: EVENT_ARRIVAL, req: null, proc: null, token: 0 });
    }
  }

  function handle(event: SimEvent): void {
    switch (event.kind) {
      case EVENT_ARRIVAL: {
        const count =
          scenario.arrivals.kind === 'bursts'
            ? Math.max(1, Math.floor(scenario.arrivals.burstSize))
            : 1;
        for (let i = 0; i < count; i++) {
          arrive();
          drainRefills();
        }
        scheduleNextArrival();
        break;
      }
      case EVENT_IO_DONE: {
        const req = event.req!;
        if (req.phase === PHASE_IO) proceed(req);
        break;
      }
      case EVENT_POOL_TIMEOUT: {
        const req = event.req!;
        if (req.phase === PHASE_POOL && !req.holdsConnection) {
          poolWaitingTotal--;
          poolTimeouts++;
          fail(req, 'pool-timeout');
        }
        break;
      }
      case EVENT_SYNC_WATCHDOG: {
        const req = event.req!;
        const proc = event.proc!;
        if (req.phase !== PHASE_ENDED && req.proc === proc && proc.alive) kill(proc);
        break;
      }
      case EVENT_GEVENT_WATCHDOG: {
        const proc = event.proc!;
        if (proc.alive && proc.running !== null && proc.runToken === event.token) kill(proc);
        break;
      }
      case EVENT_RESTART: {
        const proc = event.proc!;
        proc.alive = true;
        aliveWorkers++;
        refill.push(proc);
        break;
      }
      default:
        break;
    }
  }

  function completeCpu(): void {
    const entry = cpuHeap.pop()!;
    const proc = entry.proc;
    const req = proc.running!;
    proc.running = null;
    proc.runToken++;
    runnable--;
    startNextCpu(proc);
    proceed(req);
  }

  scheduleNextArrival();
  // A generous bound on the work of one run, so that no input can spin forever.
  const maxSteps = 40 * Math.max(1, scenario.maxRequests) + 1_000_000;
  for (let step = 0; step < maxSteps; step++) {
    const eventAt = events.peekKey();
    const cpuAt = nextCpuCompletionMs();
    const at = Math.min(eventAt, cpuAt);
    if (at === Infinity) break;
    advanceTo(at);
    if (cpuAt <= eventAt) completeCpu();
    else handle(events.pop()!);
    drainRefills();
  }
  if (busyCoreMsAtWindowEnd < 0) {
    advanceTo(Math.max(nowMs, durationMs));
    if (busyCoreMsAtWindowEnd < 0) busyCoreMsAtWindowEnd = busyCoreMs;
  }

  // Stale watchdog timers can carry the clock past the last request; those samples show nothing.
  const lastUsefulMs = Math.max(endMs, durationMs) + sampleEveryMs;
  let keep = series.length;
  while (keep > 0 && series[keep - 1]!.timeMs > lastUsefulMs) keep--;
  series.length = keep;
  if (processSeries.length > keep) processSeries.length = keep;

  const sorted = latencies.slice(0, latencyCount).sort();
  const windowSeconds = durationMs / 1000;
  return {
    windowMs: durationMs,
    arrivals,
    completed,
    failed: { ...failed },
    throughputPerSecond: windowSeconds > 0 ? completedInWindow / windowSeconds : 0,
    latencyMs: {
      mean: latencyCount > 0 ? latencySum / latencyCount : 0,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
    },
    meanQueueWaitMs: acceptedCount > 0 ? queueWaitSum / acceptedCount : 0,
    maxQueued,
    cpuUse: durationMs > 0 ? Math.min(1, busyCoreMsAtWindowEnd / (durationMs * cores)) : 0,
    pool: {
      waits: poolWaits,
      meanWaitMs: poolWaits - poolTimeouts > 0 ? poolWaitSumMs / (poolWaits - poolTimeouts) : 0,
      timeouts: poolTimeouts,
      peakInUsePerWorker: peakPoolInUse,
    },
    workerKills,
    maxInService,
    endMs,
    // Time averages need a window that floating point can divide by: one shorter than a
    // nanosecond (only possible with sub-nanosecond request times) reports zeros, not NaN.
    little: {
      meanInSystem: endMs > MIN_WINDOW_MS ? areaInSystem / endMs : 0,
      arrivalRatePerMs: endMs > MIN_WINDOW_MS ? arrivals / endMs : 0,
      meanTimeInSystemMs: arrivals > 0 ? sojournSum / arrivals : 0,
      meanQueued: endMs > MIN_WINDOW_MS ? areaQueued / endMs : 0,
      meanQueueTimeMs: arrivals > 0 ? (queueWaitSum + queuedAtEndWait()) / arrivals : 0,
    },
    series,
    processSeries,
  };

  /** Time spent in the backlog by requests that never left it (none once a run has drained). */
  function queuedAtEndWait(): number {
    let sum = 0;
    for (let i = backlogHead; i < backlog.length; i++) sum += nowMs - backlog[i]!.arrivalMs;
    return sum;
  }
}
