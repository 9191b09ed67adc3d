/**
 * Types, defaults and documentation links of the capacity calculator (`capacity.ts`).
 */
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
  /**
   * The settings this suggestion changes. Each suggestion is an alternative: applied alone to
   * the current settings, it makes the deploy peak fit (capacity.test.ts checks every one).
   */
  readonly patch: CapacityInput;
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
