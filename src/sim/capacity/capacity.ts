/**
 * Connection and memory arithmetic for a Flask + Gunicorn + SQLAlchemy service on ECS that talks
 * to PostgreSQL (optionally through PgBouncer).
 *
 * Two numbers must never be confused, and everything here keeps them apart:
 *
 * 1. **What the pools allow** — `poolCapacity = tasks × workers × (pool_size + max_overflow)`.
 *    Every Gunicorn worker is its own process with its own SQLAlchemy engine and so its own
 *    `QueuePool` (Flask-SQLAlchemy `extension.py`, https://flask-sqlalchemy.readthedocs.io/en/stable/config/), and a `QueuePool` lets at most
 *    `pool_size + max_overflow` connections be checked out at once (SQLAlchemy
 *    `lib/sqlalchemy/pool/impl.py`, `QueuePool.__init__` docstring: "the total number of
 *    simultaneous connections the pool will allow is pool_size + max_overflow").
 *    The guide's example, `pool_size 5 × 8 workers × 4 tasks = 160`, multiplies `pool_size` only
 *    (`guidePoolSizeProduct`): that is how many connections the pools would *keep* if every
 *    worker had once filled its pool. With the default `max_overflow` of 10 the same pools may
 *    hold 4 × 8 × 15 = 480 connections at once (`poolCapacity`). Both are upper bounds.
 *
 * 2. **What the service actually reaches** — `perWorkerPeak`, `steadyPeak`, `deployPeak`.
 *    SQLAlchemy opens connections lazily ("the pool begins with no connections") and hands a
 *    returned connection to the next caller, so a worker never holds more connections than it
 *    has requests in flight × connections each request holds. A sync worker runs one request at
 *    a time, gthread runs `threads`, gevent up to `worker_connections` (Gunicorn `config.py`,
 *    https://gunicorn.org/reference/settings/#worker_connections). Each is capped by the pool limit. So the
 *    guide's 8 sync workers × 4 tasks reach 32 connections (64 during a 200 % rolling deploy),
 *    not 160 — but the same numbers with gthread and 5 threads do reach 160, and 320 in a deploy.
 *
 * Formula (from the pool limit above, the concurrency per worker class and ECS's deployment
 * rounding, https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html):
 * ```
 * perWorkerPeak  = min(concurrency × connectionsPerRequest, pool_size + max_overflow)
 * perWorkerIdle  = min(perWorkerPeak, pool_size)          // overflow connections close on return
 * perTaskPeak    = workers × perWorkerPeak
 * steadyPeak     = tasks × perTaskPeak
 * deployPeak     = max(tasks, floor(tasks × maximumPercent / 100)) × perTaskPeak
 * available      = max_connections − superuser_reserved_connections − reserved_connections
 * ```
 * `otherConnections` (migrations, cron jobs, admin shells, monitoring) are added on top and are
 * assumed to connect to PostgreSQL directly, not through PgBouncer.
 *
 * Pure module: no DOM, no I/O, no randomness.
 */
import {
  CAPACITY_DEFAULTS,
  type CapacityInput,
  type CapacityResult,
  type CapacitySettings,
  type CapacityVerdict,
  MEMORY_TIGHT_FRACTION,
  type MemoryResult,
  type MemoryVerdict,
  PGBOUNCER_DEFAULTS,
  type PgBouncerSettings,
  type RdsEstimate,
  SEARCH_MAX_POOL_SIZE,
  SEARCH_MAX_TASKS,
  SEARCH_MAX_WORKERS,
  type WorkerClass,
  type WorkerPresets,
} from './capacity-types';
import { collectSuggestions, collectWarnings } from './capacity-advice';
import { computeRdsMaxConnectionsAtMost, findRdsInstanceClass } from './rds-instance-classes';
export * from './capacity-types';

/** Fills every omitted field with its default (no clamping: see normalizeCapacityInput). */
export function resolveCapacityInput(input: CapacityInput = {}): CapacitySettings {
  const { pgbouncer, ...rest } = input;
  const base: CapacitySettings = { ...CAPACITY_DEFAULTS, ...rest };
  return {
    ...base,
    pgbouncer: pgbouncer ? { ...PGBOUNCER_DEFAULTS, ...pgbouncer } : null,
  };
}

/** `sync` with `threads > 1` runs as gthread (Gunicorn `config.py` lines 103–125 @23.0.0). */
export function effectiveWorkerClassOf(workerClass: WorkerClass, threads: number): WorkerClass {
  return workerClass === 'sync' && threads > 1 ? 'gthread' : workerClass;
}

/** Requests a worker runs at once (https://gunicorn.org/design/ and the `threads` / `worker_connections` settings). */
function concurrencyOf(
  workerClass: WorkerClass,
  threads: number,
  workerConnections: number,
): number {
  switch (workerClass) {
    case 'sync':
      return 1;
    case 'gthread':
      return Math.max(1, threads);
    case 'gevent':
      return Math.max(1, workerConnections);
  }
}

/** `pool_size = 0` lifts every limit (QueuePool sets `_max_overflow = -1` when pool_size is 0);
 * `max_overflow = -1` lifts the overflow limit. */
function poolLimitOf(poolSize: number, maxOverflow: number): number {
  if (poolSize === 0 || maxOverflow < 0) return Number.POSITIVE_INFINITY;
  return poolSize + maxOverflow;
}

/** Multiplies a count of pools by a per-pool figure without turning 0 × Infinity into NaN. */
function multiplyPools(pools: number, perPool: number): number {
  return pools === 0 ? 0 : pools * perPool;
}

/** Tasks running at once in an ECS rolling deploy: maximumPercent rounds down. */
export function computeDeployTasks(tasks: number, maximumPercent: number): number {
  return Math.max(tasks, Math.floor((tasks * maximumPercent) / 100));
}

/** PgBouncer's server-connection cap per instance (one user/database pair). */
function pgbouncerCapOf(pgbouncer: PgBouncerSettings): number {
  const pool = pgbouncer.defaultPoolSize + pgbouncer.reservePoolSize;
  return pgbouncer.maxDbConnections > 0 ? Math.min(pool, pgbouncer.maxDbConnections) : pool;
}

interface ConnectionTotals {
  readonly perWorkerPeak: number;
  readonly perTaskPeak: number;
  readonly steadyPeak: number;
  readonly deployPeak: number;
  readonly reloadPeak: number;
  readonly serverConnections: number;
  readonly deployServerConnections: number;
  readonly reloadServerConnections: number;
  readonly steadyTotal: number;
  readonly deployTotal: number;
  readonly reloadTotal: number;
}

/** Server connections PostgreSQL sees for `tasks` tasks each opening `perTask` client
 * connections. PgBouncer hands a client a server connection for the whole session (session mode)
 * or one transaction (transaction mode); at the peak every client is busy, so both modes need
 * min(clients, cap) server connections per PgBouncer instance (PgBouncer `features.md`). */
function serverConnectionsFor(
  pgbouncer: PgBouncerSettings | null,
  tasks: number,
  perTask: number,
): number {
  const clients = multiplyPools(tasks, perTask);
  if (pgbouncer === null) return clients;
  const cap = pgbouncerCapOf(pgbouncer);
  if (pgbouncer.placement === 'per-task') return multiplyPools(tasks, Math.min(perTask, cap));
  return Math.min(clients, cap);
}

/** The connection figures for one configuration; the searches call this in a loop. */
function computeTotals(s: CapacitySettings): ConnectionTotals {
  const workerClass = effectiveWorkerClassOf(s.workerClass, s.threads);
  const concurrency = concurrencyOf(workerClass, s.threads, s.workerConnections);
  const poolLimit = poolLimitOf(s.poolSize, s.maxOverflow);
  const perWorkerPeak = Math.min(concurrency * s.connectionsPerRequest, poolLimit);
  const perTaskPeak = multiplyPools(s.workers, perWorkerPeak);
  const deployTasks = computeDeployTasks(s.tasks, s.maximumPercent);
  const steadyPeak = multiplyPools(s.tasks, perTaskPeak);
  const deployPeak = multiplyPools(deployTasks, perTaskPeak);
  // HUP spawns `workers` new workers before stopping the old ones (Gunicorn arbiter.py `reload`,
  // https://gunicorn.org/signals/), so a reloading task briefly has twice the pools.
  const reloadPeak = multiplyPools(s.tasks, 2 * perTaskPeak);
  const serverConnections = serverConnectionsFor(s.pgbouncer, s.tasks, perTaskPeak);
  const deployServerConnections = serverConnectionsFor(s.pgbouncer, deployTasks, perTaskPeak);
  const reloadServerConnections = serverConnectionsFor(s.pgbouncer, s.tasks, 2 * perTaskPeak);
  return {
    perWorkerPeak,
    perTaskPeak,
    steadyPeak,
    deployPeak,
    reloadPeak,
    serverConnections,
    deployServerConnections,
    reloadServerConnections,
    steadyTotal: serverConnections + s.otherConnections,
    deployTotal: deployServerConnections + s.otherConnections,
    reloadTotal: reloadServerConnections + s.otherConnections,
  };
}

/** The largest integer n in [low, high] with fits(n), assuming fits is monotone (true then
 * false). Returns low − 1 when even `low` does not fit and null when `high` still fits. */
function searchLargest(low: number, high: number, fits: (n: number) => boolean): number | null {
  if (fits(high)) return null;
  if (!fits(low)) return low - 1;
  let good = low;
  let bad = high;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (fits(middle)) good = middle;
    else bad = middle;
  }
  return good;
}

/** `max_connections` in effect, and the RDS estimate when a class is chosen. */
function resolveMaxConnections(s: CapacitySettings): {
  maxConnections: number;
  rds: RdsEstimate | null;
} {
  const rdsClass =
    s.rdsInstanceClass === null ? undefined : findRdsInstanceClass(s.rdsInstanceClass);
  if (rdsClass === undefined) return { maxConnections: s.maxConnections, rds: null };
  const atMost = computeRdsMaxConnectionsAtMost(rdsClass.nominalMemoryGiB);
  return {
    maxConnections: atMost,
    rds: {
      instanceClass: rdsClass.name,
      nominalMemoryGiB: rdsClass.nominalMemoryGiB,
      maxConnectionsAtMost: atMost,
    },
  };
}

/** Worker-count presets for a task's vCPUs (never below Gunicorn's minimum of 1). */
export function computeWorkerPresets(vcpus: number): WorkerPresets {
  return {
    gunicornDefault: 1,
    guide: Math.max(1, Math.floor(2 * vcpus)),
    gunicornDocs: Math.max(1, Math.floor(2 * vcpus + 1)),
  };
}

/**
 * Memory per task (chapter 3: memory ≈ per-worker RSS × workers, less with preload_app
 * copy-on-write; Gunicorn `preload_app` docs, https://gunicorn.org/reference/settings/#preload_app:
 * "save some RAM resources"). With preload the shared
 * part is counted once, in the master.
 */
function computeMemory(s: CapacitySettings): MemoryResult {
  const sharedMiB = s.preloadApp ? s.memoryPerWorkerMiB * s.preloadSharedFraction : 0;
  const privatePerWorkerMiB = s.memoryPerWorkerMiB - sharedMiB;
  const fixedMiB = s.masterMemoryMiB + sharedMiB;
  const perTaskMiB = fixedMiB + s.workers * privatePerWorkerMiB;
  const reloadPerTaskMiB = fixedMiB + 2 * s.workers * privatePerWorkerMiB;
  const limitMiB = s.containerMemoryMiB;
  const verdict: MemoryVerdict =
    perTaskMiB > limitMiB
      ? 'oom'
      : perTaskMiB > MEMORY_TIGHT_FRACTION * limitMiB
        ? 'tight'
        : 'fits';
  const largestWorkersThatFit =
    privatePerWorkerMiB > 0
      ? Math.max(0, Math.floor((limitMiB - fixedMiB) / privatePerWorkerMiB))
      : null;
  return {
    sharedMiB,
    privatePerWorkerMiB,
    perTaskMiB,
    reloadPerTaskMiB,
    limitMiB,
    headroomMiB: limitMiB - perTaskMiB,
    verdict,
    largestWorkersThatFit,
  };
}

export function computeCapacity(input: CapacityInput = {}): CapacityResult {
  return computeCapacityChecked(input, true);
}

function computeCapacityChecked(input: CapacityInput, checkSuggestions: boolean): CapacityResult {
  const s = resolveCapacityInput(input);
  const totals = computeTotals(s);
  const effectiveWorkerClass = effectiveWorkerClassOf(s.workerClass, s.threads);
  const concurrencyPerWorker = concurrencyOf(effectiveWorkerClass, s.threads, s.workerConnections);
  const poolLimitPerWorker = poolLimitOf(s.poolSize, s.maxOverflow);
  const pools = s.tasks * s.workers;
  const guidePoolSizeProduct = multiplyPools(
    pools,
    s.poolSize === 0 ? Number.POSITIVE_INFINITY : s.poolSize,
  );
  const poolCapacity = multiplyPools(pools, poolLimitPerWorker);
  // Overflow connections are closed when returned, so a worker keeps at most pool_size open;
  // with pool_size 0 the queue is unbounded and keeps everything (QueuePool `_do_return_conn`).
  const perWorkerIdle =
    s.poolSize === 0 ? totals.perWorkerPeak : Math.min(totals.perWorkerPeak, s.poolSize);
  const deployTasks = computeDeployTasks(s.tasks, s.maximumPercent);
  const { maxConnections, rds } = resolveMaxConnections(s);
  const reservedTotal = s.superuserReservedConnections + s.reservedConnections;
  const available = Math.max(0, maxConnections - reservedTotal);
  const verdict: CapacityVerdict =
    totals.steadyTotal > available
      ? 'exceeds'
      : totals.deployTotal > available
        ? 'deploy-exceeds'
        : 'fits';
  const fitsWith = (changes: Partial<CapacitySettings>): boolean =>
    computeTotals({ ...s, ...changes }).deployTotal <= available;
  const pgbouncerServerCap = s.pgbouncer === null ? null : pgbouncerCapOf(s.pgbouncer);
  const pgbouncerClientConnections =
    s.pgbouncer === null
      ? null
      : s.pgbouncer.placement === 'per-task'
        ? totals.perTaskPeak
        : totals.deployPeak;
  const base = {
    settings: s,
    effectiveWorkerClass,
    concurrencyPerWorker,
    poolLimitPerWorker,
    guidePoolSizeProduct,
    poolCapacity,
    perWorkerPeak: totals.perWorkerPeak,
    perWorkerIdle,
    perTaskPeak: totals.perTaskPeak,
    steadyPeak: totals.steadyPeak,
    deployTasks,
    deployMinHealthyTasks: Math.ceil((s.tasks * s.minimumHealthyPercent) / 100),
    deployPeak: totals.deployPeak,
    reloadPeak: totals.reloadPeak,
    idleConnections: multiplyPools(pools, perWorkerIdle),
    serverConnections: totals.serverConnections,
    deployServerConnections: totals.deployServerConnections,
    reloadServerConnections: totals.reloadServerConnections,
    pgbouncerServerCap,
    pgbouncerClientConnections,
    maxConnections,
    maxConnectionsIsUpperBound: rds !== null,
    rds,
    reservedTotal,
    available,
    steadyTotal: totals.steadyTotal,
    deployTotal: totals.deployTotal,
    reloadTotal: totals.reloadTotal,
    headroom: available - totals.deployTotal,
    steadyHeadroom: available - totals.steadyTotal,
    verdict,
    largestTasksThatFit: searchLargest(1, SEARCH_MAX_TASKS, (tasks) => fitsWith({ tasks })),
    largestPoolSizeThatFits: searchLargest(1, SEARCH_MAX_POOL_SIZE, (poolSize) =>
      fitsWith({ poolSize, maxOverflow: 0 }),
    ),
    largestWorkersThatFit: searchLargest(1, SEARCH_MAX_WORKERS, (workers) => fitsWith({ workers })),
    memory: computeMemory(s),
    workerPresets: computeWorkerPresets(s.vcpus),
  };
  return {
    ...base,
    warnings: collectWarnings(s, base),
    // Only alternatives that fit on their own: each is checked by running the calculator with
    // it applied (one level deep: that run does not check its own suggestions).
    suggestions: checkSuggestions
      ? collectSuggestions(s, base).filter(
          (suggestion) =>
            computeCapacityChecked({ ...s, ...suggestion.patch }, false).verdict === 'fits',
        )
      : collectSuggestions(s, base),
  };
}

/** One point of the "peak connections vs task count" chart. */
export interface TaskSweepPoint {
  readonly tasks: number;
  /** Connections PostgreSQL sees at the steady peak (app after PgBouncer + other clients). */
  readonly steadyTotal: number;
  /** The same during a rolling deploy. */
  readonly deployTotal: number;
}

/** Totals for 1…maxTasks tasks with everything else unchanged (what autoscaling would do). */
export function sweepTaskCounts(input: CapacityInput, maxTasks: number): TaskSweepPoint[] {
  const s = resolveCapacityInput(input);
  const points: TaskSweepPoint[] = [];
  for (let tasks = 1; tasks <= maxTasks; tasks += 1) {
    const totals = computeTotals({ ...s, tasks });
    points.push({ tasks, steadyTotal: totals.steadyTotal, deployTotal: totals.deployTotal });
  }
  return points;
}
