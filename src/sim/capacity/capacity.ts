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
import { computeRdsMaxConnectionsAtMost, findRdsInstanceClass } from './rds-instance-classes';

/** Gunicorn worker classes the calculator models (`worker_class`). */
export const WORKER_CLASSES = ['sync', 'gthread', 'gevent'] as const;
export type WorkerClass = (typeof WORKER_CLASSES)[number];

/** PgBouncer `pool_mode` values the calculator models (statement mode is left out: SQLAlchemy
 * always runs statements inside transactions, which statement pooling refuses). */
export const PGBOUNCER_POOL_MODES = ['session', 'transaction'] as const;
export type PgBouncerPoolMode = (typeof PGBOUNCER_POOL_MODES)[number];

/** Where PgBouncer runs: one shared instance, or a sidecar in every task (one pool per task). */
export const PGBOUNCER_PLACEMENTS = ['shared', 'per-task'] as const;
export type PgBouncerPlacement = (typeof PGBOUNCER_PLACEMENTS)[number];

/** PgBouncer settings (names after `pgbouncer.ini`, PgBouncer `doc/config.md`). */
export interface PgBouncerSettings {
  /** `pool_mode`, default `session`. */
  readonly poolMode: PgBouncerPoolMode;
  /** `default_pool_size`: server connections per user/database pair, default 20. */
  readonly defaultPoolSize: number;
  /** `reserve_pool_size`: extra server connections after `reserve_pool_timeout`, default 0. */
  readonly reservePoolSize: number;
  /** `max_client_conn`: client connections one PgBouncer accepts, default 100. */
  readonly maxClientConn: number;
  /** `max_db_connections`: server connections per database, default 0 = unlimited. */
  readonly maxDbConnections: number;
  /** `max_prepared_statements`: protocol-level prepared statements tracked in transaction mode
   * (PgBouncer 1.21+), default 200 (https://www.pgbouncer.org/config.html); 0 turns the tracking off. */
  readonly maxPreparedStatements: number;
  /** Not a PgBouncer setting: whether one PgBouncer serves every task or each task has its own. */
  readonly placement: PgBouncerPlacement;
}

/** Every input of the calculator, with units in the names where they have one. */
export interface CapacitySettings {
  /** vCPUs per task. Not a Gunicorn setting; it feeds the worker-count presets. */
  readonly vcpus: number;
  /** Gunicorn `workers`, default 1 (`WEB_CONCURRENCY` or 1, `config.py`). */
  readonly workers: number;
  /** Gunicorn `worker_class`, default `sync`. */
  readonly workerClass: WorkerClass;
  /** Gunicorn `threads`, default 1. With `sync` and threads > 1 Gunicorn runs gthread. */
  readonly threads: number;
  /** Gunicorn `worker_connections`, default 1000 (gthread, eventlet and gevent only). */
  readonly workerConnections: number;
  /** Database connections one request holds at once (1 for a single engine; 0 if it never touches
   * the database; 2 with two binds used together). Not a setting: a property of the app. */
  readonly connectionsPerRequest: number;
  /** SQLAlchemy `pool_size`, default 5; 0 means no limit. */
  readonly poolSize: number;
  /** SQLAlchemy `max_overflow`, default 10; -1 means unlimited overflow. */
  readonly maxOverflow: number;
  /** SQLAlchemy `pool_timeout` (QueuePool `timeout`), default 30 s. */
  readonly poolTimeoutSeconds: number;
  /** ECS service `desiredCount`. */
  readonly tasks: number;
  /** ECS `deploymentConfiguration.maximumPercent`, default 200 (rounded down). */
  readonly maximumPercent: number;
  /** ECS `deploymentConfiguration.minimumHealthyPercent`, default 100 (rounded up). */
  readonly minimumHealthyPercent: number;
  /** Connections from everything else: migrations, cron jobs, admin shells, monitoring. */
  readonly otherConnections: number;
  /** PostgreSQL `max_connections`, default 100. Ignored when `rdsInstanceClass` is set. */
  readonly maxConnections: number;
  /** PostgreSQL `superuser_reserved_connections`, default 3. */
  readonly superuserReservedConnections: number;
  /** PostgreSQL 16+ `reserved_connections`, default 0. */
  readonly reservedConnections: number;
  /** An RDS instance class whose default `max_connections` replaces `maxConnections`, or null. */
  readonly rdsInstanceClass: string | null;
  /** PgBouncer between the app and PostgreSQL, or null for direct connections. */
  readonly pgbouncer: PgBouncerSettings | null;
  /** Whether the driver uses server-side prepared statements (psycopg 3 prepares repeated
   * queries automatically; psycopg2 does not). */
  readonly serverSidePreparedStatements: boolean;
  /** Resident memory of one worker with the app loaded (measure it; an example by default). */
  readonly memoryPerWorkerMiB: number;
  /** Resident memory of the Gunicorn master without the app (an example by default). */
  readonly masterMemoryMiB: number;
  /** Gunicorn `preload_app`, default False. */
  readonly preloadApp: boolean;
  /** With `preload_app`, the fraction of a worker's memory that stays shared copy-on-write with
   * the master. User-set: it depends on the app and how much the workers write. */
  readonly preloadSharedFraction: number;
  /** The container's (or task's) memory limit. */
  readonly containerMemoryMiB: number;
}

/** What callers may pass: any field may be left out and takes its default. */
export type CapacityInput = Partial<Omit<CapacitySettings, 'pgbouncer'>> & {
  readonly pgbouncer?: Partial<PgBouncerSettings> | null;
};

/** PgBouncer's documented defaults (PgBouncer `doc/config.md`, https://www.pgbouncer.org/config.html). */
export const PGBOUNCER_DEFAULTS: PgBouncerSettings = {
  poolMode: 'session',
  defaultPoolSize: 20,
  reservePoolSize: 0,
  maxClientConn: 100,
  maxDbConnections: 0,
  maxPreparedStatements: 200,
  placement: 'shared',
};

/**
 * Real defaults where the setting has one (sources in the field comments above); `vcpus`, `tasks`
 * and the memory figures have no default in any tool, so these are example values.
 */
export const CAPACITY_DEFAULTS: CapacitySettings = {
  vcpus: 1,
  workers: 1,
  workerClass: 'sync',
  threads: 1,
  workerConnections: 1000,
  connectionsPerRequest: 1,
  poolSize: 5,
  maxOverflow: 10,
  poolTimeoutSeconds: 30,
  tasks: 1,
  maximumPercent: 200,
  minimumHealthyPercent: 100,
  otherConnections: 0,
  maxConnections: 100,
  superuserReservedConnections: 3,
  reservedConnections: 0,
  rdsInstanceClass: null,
  pgbouncer: null,
  serverSidePreparedStatements: false,
  memoryPerWorkerMiB: 150,
  masterMemoryMiB: 30,
  preloadApp: false,
  preloadSharedFraction: 0.3,
  containerMemoryMiB: 1024,
};

/** Above this share of the limit the memory verdict is "tight" (the calculator's own choice). */
export const MEMORY_TIGHT_FRACTION = 0.9;

/** The largest task count and pool size the "what would fit" searches try. */
export const SEARCH_MAX_TASKS = 1000;
export const SEARCH_MAX_POOL_SIZE = 1000;
export const SEARCH_MAX_WORKERS = 256;

export type CapacityVerdict = 'fits' | 'deploy-exceeds' | 'exceeds';
export type MemoryVerdict = 'fits' | 'tight' | 'oom';
export type WarningSeverity = 'info' | 'warn' | 'bad';

export type CapacityWarningCode =
  | 'threads-make-gthread'
  | 'gevent-capped-by-pool'
  | 'threads-exceed-pool'
  | 'request-needs-more-than-pool'
  | 'pool-larger-than-concurrency'
  | 'pool-unlimited'
  | 'pgbouncer-prepared-statements'
  | 'pgbouncer-max-client-conn'
  | 'pgbouncer-session-pinning'
  | 'pgbouncer-clients-wait'
  | 'reload-exceeds'
  | 'deploy-cannot-progress'
  | 'rds-estimate'
  | 'reserved-exceed-max'
  | 'other-alone-exceeds'
  | 'memory-oom'
  | 'memory-reload-oom'
  | 'memory-tight'
  | 'workers-beyond-cpu'
  | 'preload-engine-fork';

export interface CapacityWarning {
  readonly code: CapacityWarningCode;
  readonly severity: WarningSeverity;
  readonly text: string;
  /** The official page that documents the behaviour. */
  readonly docUrl: string;
}

export type SuggestionCode =
  'pool' | 'tasks' | 'workers' | 'pgbouncer' | 'max-connections' | 'deploy';

/** A change that would make the configuration fit, phrased as settings. */
export interface CapacitySuggestion {
  readonly code: SuggestionCode;
  readonly text: string;
}

/** The three Gunicorn worker-count presets for the task's vCPUs (https://gunicorn.org/reference/settings/#workers, https://gunicorn.org/design/#how-many-workers). */
export interface WorkerPresets {
  /** Gunicorn's default: 1. */
  readonly gunicornDefault: number;
  /** The guide's starting point: 2 × CPU. */
  readonly guide: number;
  /** Gunicorn's docs ("Design" page): 2 × cores + 1. */
  readonly gunicornDocs: number;
}

export interface MemoryResult {
  /** Memory shared copy-on-write between master and workers (0 without preload_app). */
  readonly sharedMiB: number;
  /** Memory each worker adds on top. */
  readonly privatePerWorkerMiB: number;
  /** Master + shared + workers × private. */
  readonly perTaskMiB: number;
  /** The same during a HUP reload, when the workers are briefly doubled. */
  readonly reloadPerTaskMiB: number;
  readonly limitMiB: number;
  readonly headroomMiB: number;
  readonly verdict: MemoryVerdict;
  /** The most workers that fit the limit, or null when workers add no memory. */
  readonly largestWorkersThatFit: number | null;
}

export interface RdsEstimate {
  readonly instanceClass: string;
  readonly nominalMemoryGiB: number;
  /** `LEAST(nominal bytes / 9531392, 5000)`: the real default is lower. */
  readonly maxConnectionsAtMost: number;
}

export interface CapacityResult {
  /** The settings after defaults were filled in. */
  readonly settings: CapacitySettings;
  /** `sync` with `threads > 1` is gthread (Gunicorn `config.py` `worker_class`). */
  readonly effectiveWorkerClass: WorkerClass;
  /** Requests one worker runs at once: sync 1, gthread `threads`, gevent `worker_connections`. */
  readonly concurrencyPerWorker: number;
  /** `pool_size + max_overflow`, or Infinity when either is unlimited. */
  readonly poolLimitPerWorker: number;
  /** The guide's product, tasks × workers × pool_size (Infinity when pool_size is 0). */
  readonly guidePoolSizeProduct: number;
  /** tasks × workers × (pool_size + max_overflow): what the pools allow at once. */
  readonly poolCapacity: number;
  /** Connections one worker can actually have open at once. */
  readonly perWorkerPeak: number;
  /** Connections one worker keeps open when idle after a peak. */
  readonly perWorkerIdle: number;
  readonly perTaskPeak: number;
  /** App connections at peak with the desired task count (before PgBouncer). */
  readonly steadyPeak: number;
  /** Tasks running at once during a rolling deploy. */
  readonly deployTasks: number;
  /** Tasks ECS keeps healthy during a rolling deploy. */
  readonly deployMinHealthyTasks: number;
  /** App connections at peak during a rolling deploy (before PgBouncer). */
  readonly deployPeak: number;
  /** App connections at peak if every task's master got a HUP at once (workers doubled). */
  readonly reloadPeak: number;
  /** App connections kept open after a peak, when the service is idle. */
  readonly idleConnections: number;
  /** What PostgreSQL sees from the app at the steady peak, after PgBouncer. */
  readonly serverConnections: number;
  /** The same during a rolling deploy. */
  readonly deployServerConnections: number;
  /** The same during a HUP reload of every task. */
  readonly reloadServerConnections: number;
  /** PgBouncer's server-connection cap per instance, or null without PgBouncer. */
  readonly pgbouncerServerCap: number | null;
  /** Client connections one PgBouncer instance receives during a deploy, or null. */
  readonly pgbouncerClientConnections: number | null;
  /** `max_connections` used (the RDS estimate when a class is chosen). */
  readonly maxConnections: number;
  /** True when `maxConnections` is an RDS upper bound, not a set value. */
  readonly maxConnectionsIsUpperBound: boolean;
  readonly rds: RdsEstimate | null;
  /** superuser_reserved_connections + reserved_connections. */
  readonly reservedTotal: number;
  /** Slots ordinary roles can use: max − reserved (never below 0). */
  readonly available: number;
  /** serverConnections + otherConnections. */
  readonly steadyTotal: number;
  readonly deployTotal: number;
  readonly reloadTotal: number;
  /** available − deployTotal (negative when the deploy does not fit). */
  readonly headroom: number;
  /** available − steadyTotal. */
  readonly steadyHeadroom: number;
  readonly verdict: CapacityVerdict;
  /** The most tasks whose deploy peak still fits; null when no task count up to
   * SEARCH_MAX_TASKS is limited by connections (e.g. a shared PgBouncer); 0 when not even one
   * task fits. */
  readonly largestTasksThatFit: number | null;
  /** The largest pool_size (with max_overflow 0) whose deploy peak fits; null when the pool size
   * never binds (concurrency caps each worker first); 0 when not even pool_size 1 fits. */
  readonly largestPoolSizeThatFits: number | null;
  /** The most workers per task (current pool) whose deploy peak fits; null when unbounded. */
  readonly largestWorkersThatFit: number | null;
  readonly memory: MemoryResult;
  readonly workerPresets: WorkerPresets;
  readonly warnings: readonly CapacityWarning[];
  /** Empty when the verdict is `fits`. */
  readonly suggestions: readonly CapacitySuggestion[];
}

const DOCS = {
  gunicornSettings: 'https://gunicorn.org/reference/settings/',
  gunicornDesign: 'https://gunicorn.org/design/#how-many-workers',
  gunicornSignals: 'https://gunicorn.org/signals/',
  sqlalchemyPool: 'https://docs.sqlalchemy.org/en/20/core/pooling.html',
  sqlalchemyQueuePool:
    'https://docs.sqlalchemy.org/en/20/core/pooling.html#sqlalchemy.pool.QueuePool',
  sqlalchemyFork:
    'https://docs.sqlalchemy.org/en/20/core/pooling.html#using-connection-pools-with-multiprocessing-or-os-fork',
  postgresConnections: 'https://www.postgresql.org/docs/current/runtime-config-connection.html',
  rdsMaxConnections:
    'https://docs.aws.amazon.com/prescriptive-guidance/latest/tuning-postgresql-parameters/max-connections.html',
  pgbouncerConfig: 'https://www.pgbouncer.org/config.html',
  pgbouncerFeatures: 'https://www.pgbouncer.org/features.html',
  ecsDeployment:
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html',
} as const;

/** Official pages behind the calculator's rules, for the widget's links. */
export const CAPACITY_DOC_LINKS = DOCS;

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
 * Memory per task (guide §3: memory ≈ per-worker RSS × workers, less with preload_app
 * copy-on-write; Gunicorn `preload_app` docs: "save some RAM resources"). With preload the shared
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

function formatLimit(value: number): string {
  return Number.isFinite(value) ? String(value) : 'unlimited';
}

/** Everything a reader should be told about this configuration, most severe first. */
function collectWarnings(
  s: CapacitySettings,
  r: Omit<CapacityResult, 'warnings' | 'suggestions'>,
): CapacityWarning[] {
  const warnings: CapacityWarning[] = [];
  const add = (
    code: CapacityWarningCode,
    severity: WarningSeverity,
    text: string,
    docUrl: string,
  ): void => {
    warnings.push({ code, severity, text, docUrl });
  };
  const need = r.concurrencyPerWorker * s.connectionsPerRequest;
  const poolText = `pool_size ${s.poolSize} + max_overflow ${s.maxOverflow} = ${formatLimit(r.poolLimitPerWorker)}`;

  if (s.workerClass === 'sync' && s.threads > 1) {
    add(
      'threads-make-gthread',
      'info',
      `threads = ${s.threads} with the sync worker class: Gunicorn runs the gthread worker instead, so each worker serves ${s.threads} requests at once.`,
      DOCS.gunicornSettings,
    );
  }
  if (need > r.poolLimitPerWorker) {
    const waitText = `the next request waits pool_timeout (${s.poolTimeoutSeconds} s) for a connection and then fails with "QueuePool limit of size ${s.poolSize} overflow ${s.maxOverflow} reached".`;
    if (r.effectiveWorkerClass === 'gevent') {
      add(
        'gevent-capped-by-pool',
        'warn',
        `A gevent worker runs up to ${s.workerConnections} requests at once, but its pool holds ${poolText} connections: once they are all checked out, ${waitText}`,
        DOCS.sqlalchemyQueuePool,
      );
    } else if (r.effectiveWorkerClass === 'gthread') {
      add(
        'threads-exceed-pool',
        'warn',
        `${r.concurrencyPerWorker} threads need up to ${need} connections but the pool allows ${poolText}: when all are busy, ${waitText}`,
        DOCS.sqlalchemyQueuePool,
      );
    } else {
      add(
        'request-needs-more-than-pool',
        'bad',
        `One request holds ${s.connectionsPerRequest} connections but the pool allows ${poolText}: ${waitText}`,
        DOCS.sqlalchemyQueuePool,
      );
    }
  }
  if (s.poolSize === 0 || s.maxOverflow < 0) {
    add(
      'pool-unlimited',
      'warn',
      `${s.poolSize === 0 ? 'pool_size = 0' : 'max_overflow = -1'} removes SQLAlchemy's cap: each worker opens as many connections as it has requests in flight (${need} here)${s.poolSize === 0 ? ', and with pool_size 0 it keeps them all open when idle' : ''}.`,
      DOCS.sqlalchemyQueuePool,
    );
  } else if (s.poolSize > need || (s.maxOverflow > 0 && s.poolSize >= need)) {
    add(
      'pool-larger-than-concurrency',
      'info',
      `Each worker uses at most ${need} connection${need === 1 ? '' : 's'} at once (${r.concurrencyPerWorker} request${r.concurrencyPerWorker === 1 ? '' : 's'} × ${s.connectionsPerRequest}), so ${poolText} is never filled: SQLAlchemy opens connections lazily. The pools allow ${formatLimit(r.poolCapacity)} but the service reaches ${r.steadyPeak}.`,
      DOCS.sqlalchemyQueuePool,
    );
  }
  if (s.pgbouncer !== null) {
    const pgb = s.pgbouncer;
    if (pgb.poolMode === 'transaction' && s.serverSidePreparedStatements) {
      add(
        'pgbouncer-prepared-statements',
        pgb.maxPreparedStatements > 0 ? 'warn' : 'bad',
        pgb.maxPreparedStatements > 0
          ? `Transaction pooling gives each transaction whichever server connection is free. Server-side prepared statements only survive that because PgBouncer 1.21+ tracks protocol-level ones (max_prepared_statements = ${pgb.maxPreparedStatements}); SQL-level PREPARE still breaks, and older PgBouncer versions break both.`
          : 'Transaction pooling gives each transaction whichever server connection is free, and max_prepared_statements = 0 turns off PgBouncer\u2019s tracking: a statement prepared on one server connection is missing on the next ("prepared statement does not exist"). Turn prepared statements off in the driver or set max_prepared_statements.',
        DOCS.pgbouncerConfig,
      );
    }
    const clients = r.pgbouncerClientConnections ?? 0;
    if (clients > pgb.maxClientConn) {
      add(
        'pgbouncer-max-client-conn',
        'bad',
        `During a deploy ${clients} client connections reach one PgBouncer, above max_client_conn = ${pgb.maxClientConn}: the rest are refused.`,
        DOCS.pgbouncerConfig,
      );
    }
    const cap = r.pgbouncerServerCap ?? 0;
    const idlePerInstance =
      pgb.placement === 'per-task' ? s.workers * r.perWorkerIdle : r.idleConnections;
    if (pgb.poolMode === 'session' && idlePerInstance > cap) {
      add(
        'pgbouncer-session-pinning',
        'warn',
        `In session mode a client keeps its server connection until it disconnects, and SQLAlchemy keeps up to pool_size connections open per worker (${idlePerInstance} per PgBouncer here, above its pool of ${cap}). Clients beyond the pool wait for a server connection; transaction mode shares them.`,
        DOCS.pgbouncerFeatures,
      );
    }
    const peakPerInstance = pgb.placement === 'per-task' ? r.perTaskPeak : r.steadyPeak;
    if (peakPerInstance > cap) {
      add(
        'pgbouncer-clients-wait',
        'info',
        `At the peak ${peakPerInstance} clients share ${cap} server connections per PgBouncer: the rest wait inside PgBouncer instead of failing at PostgreSQL.`,
        DOCS.pgbouncerConfig,
      );
    }
  }
  if (r.reloadTotal > r.available) {
    add(
      'reload-exceeds',
      'warn',
      `A Gunicorn HUP reload starts the new workers before the old ones stop, briefly doubling the pools: ${r.reloadTotal} connections if every task reloads at once, above the ${r.available} available.`,
      DOCS.gunicornSignals,
    );
  }
  // Derived from the rounding rules (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html): maximumPercent rounds down and
  // minimumHealthyPercent rounds up, so with few tasks neither may leave room to move.
  if (s.tasks > 0 && r.deployTasks <= s.tasks && r.deployMinHealthyTasks >= s.tasks) {
    add(
      'deploy-cannot-progress',
      'warn',
      `With ${s.tasks} task${s.tasks === 1 ? '' : 's'}, maximumPercent ${s.maximumPercent} (rounded down) allows no extra task and minimumHealthyPercent ${s.minimumHealthyPercent} (rounded up) keeps every task running: ECS can neither start a new task first nor stop an old one first, so a rolling deploy cannot replace anything.`,
      DOCS.ecsDeployment,
    );
  }
  if (r.rds !== null) {
    add(
      'rds-estimate',
      'info',
      `${r.rds.instanceClass}: LEAST(DBInstanceClassMemory / 9531392, 5000) with the nominal ${r.rds.nominalMemoryGiB} GiB gives at most ${r.rds.maxConnectionsAtMost}. DBInstanceClassMemory is smaller than the nominal memory, so the real default is lower (not verified per class; about 80 is reported for 1 GiB classes). Whether RDS reserves extra slots for its own admin role is not verified either. Check SHOW max_connections.`,
      DOCS.rdsMaxConnections,
    );
  }
  if (s.superuserReservedConnections + s.reservedConnections >= r.maxConnections) {
    add(
      'reserved-exceed-max',
      'bad',
      `superuser_reserved_connections + reserved_connections (${s.superuserReservedConnections + s.reservedConnections}) must be below max_connections (${r.maxConnections}): nothing is left for the app.`,
      DOCS.postgresConnections,
    );
  } else if (s.otherConnections > r.available) {
    add(
      'other-alone-exceeds',
      'bad',
      `The other clients alone (${s.otherConnections}) need more than the ${r.available} slots available.`,
      DOCS.postgresConnections,
    );
  }
  if (r.memory.verdict === 'oom') {
    add(
      'memory-oom',
      'bad',
      `${formatMiB(r.memory.perTaskMiB)} per task is above the ${formatMiB(r.memory.limitMiB)} limit: the container is killed for running out of memory (at most ${r.memory.largestWorkersThatFit ?? 'any number of'} workers fit).`,
      DOCS.gunicornDesign,
    );
  } else if (r.memory.reloadPerTaskMiB > r.memory.limitMiB) {
    add(
      'memory-reload-oom',
      'warn',
      `A HUP reload briefly doubles the workers: ${formatMiB(r.memory.reloadPerTaskMiB)}, above the ${formatMiB(r.memory.limitMiB)} limit.`,
      DOCS.gunicornSignals,
    );
  } else if (r.memory.verdict === 'tight') {
    add(
      'memory-tight',
      'warn',
      `${formatMiB(r.memory.perTaskMiB)} of ${formatMiB(r.memory.limitMiB)}: over ${Math.round(MEMORY_TIGHT_FRACTION * 100)} % of the limit leaves little room for a request that allocates more.`,
      DOCS.gunicornDesign,
    );
  }
  if (s.workers > r.workerPresets.gunicornDocs) {
    add(
      'workers-beyond-cpu',
      'info',
      `${s.workers} workers on ${s.vcpus} vCPU: more than 2 × CPU + 1 adds context switches, not throughput. Add tasks instead.`,
      DOCS.gunicornDesign,
    );
  }
  if (s.preloadApp) {
    add(
      'preload-engine-fork',
      'info',
      'With preload_app the app is imported before the fork: make sure nothing connects to the database at import time, or dispose of the engine in each worker, so that no connection is shared between processes.',
      DOCS.sqlalchemyFork,
    );
  }
  const rank: Record<WarningSeverity, number> = { bad: 0, warn: 1, info: 2 };
  return warnings.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

function formatMiB(value: number): string {
  return `${Math.round(value)} MiB`;
}

/** Changes that would make the deploy peak fit, in the order a reader would try them. */
function collectSuggestions(
  s: CapacitySettings,
  r: Omit<CapacityResult, 'warnings' | 'suggestions'>,
): CapacitySuggestion[] {
  if (r.verdict === 'fits') return [];
  const suggestions: CapacitySuggestion[] = [];
  const room = r.available - s.otherConnections;
  if (r.largestPoolSizeThatFits !== null && r.largestPoolSizeThatFits >= 1) {
    const capped = r.largestPoolSizeThatFits < r.concurrencyPerWorker * s.connectionsPerRequest;
    suggestions.push({
      code: 'pool',
      text: `pool_size ${r.largestPoolSizeThatFits}, max_overflow 0${capped ? ' (requests beyond it wait for a connection)' : ''}`,
    });
  }
  if (
    r.largestWorkersThatFit !== null &&
    r.largestWorkersThatFit >= 1 &&
    r.largestWorkersThatFit < s.workers
  ) {
    suggestions.push({
      code: 'workers',
      text: `${r.largestWorkersThatFit} worker${r.largestWorkersThatFit === 1 ? '' : 's'} per task`,
    });
  }
  if (
    r.largestTasksThatFit !== null &&
    r.largestTasksThatFit >= 1 &&
    r.largestTasksThatFit < s.tasks
  ) {
    suggestions.push({
      code: 'tasks',
      text: `at most ${r.largestTasksThatFit} task${r.largestTasksThatFit === 1 ? '' : 's'}`,
    });
  }
  if (r.verdict === 'deploy-exceeds' && s.minimumHealthyPercent > 0) {
    suggestions.push({
      code: 'deploy',
      text: 'maximumPercent 100 with a lower minimumHealthyPercent (old tasks stop before new ones start, at reduced capacity)',
    });
  }
  if (room >= 1) {
    if (s.pgbouncer === null) {
      suggestions.push({
        code: 'pgbouncer',
        text: `PgBouncer in transaction mode with default_pool_size ${Math.min(PGBOUNCER_DEFAULTS.defaultPoolSize, room)}`,
      });
    } else if (s.pgbouncer.placement === 'per-task') {
      suggestions.push({
        code: 'pgbouncer',
        text: `one shared PgBouncer instead of one per task (default_pool_size ${Math.min(s.pgbouncer.defaultPoolSize, room)})`,
      });
    }
  }
  if (r.rds === null) {
    const needed = r.deployTotal + r.reservedTotal;
    suggestions.push({ code: 'max-connections', text: `max_connections ${needed} or more` });
  }
  return suggestions;
}

/**
 * Computes every figure the capacity widget shows. Omitted fields take their defaults; values are
 * used as given, so pass widget or URL input through `normalizeCapacityInput` first.
 */
export function computeCapacity(input: CapacityInput = {}): CapacityResult {
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
    suggestions: collectSuggestions(s, base),
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
