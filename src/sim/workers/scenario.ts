/**
 * The inputs and outputs of the worker-model simulation (one Gunicorn task).
 *
 * Defaults and their sources:
 * - Gunicorn (`gunicorn/config.py`, docs https://gunicorn.org/reference/settings/):
 *   `workers` 1, `worker_class` "sync", `threads` 1, `worker_connections` 1000, `timeout` 30 s,
 *   `backlog` 2048.
 * - SQLAlchemy `QueuePool` (`lib/sqlalchemy/pool/impl.py`, https://docs.sqlalchemy.org/en/20/core/pooling.html): `pool_size` 5, `max_overflow` 10,
 *   `timeout` (pool_timeout) 30 s; one pool per Gunicorn worker process (Flask-SQLAlchemy 3.x).
 */

/**
 * How a worker process serves requests (gunicorn.org/design/, "Worker types"):
 * - `sync`: one request at a time per process.
 * - `gthread`: `threads` OS threads per process. They share one GIL, so their Python CPU work runs
 *   one at a time inside the process while their IO waits overlap.
 * - `gevent`: up to `worker_connections` greenlets per process, switched cooperatively only at IO;
 *   CPU work in one greenlet blocks every other greenlet of that process.
 */
export type WorkerClass = 'sync' | 'gthread' | 'gevent';

export const WORKER_CLASSES: readonly WorkerClass[] = ['sync', 'gthread', 'gevent'];

/** Poisson arrivals at a mean rate, or bursts of simultaneous connections at a fixed period. */
export type ArrivalPattern =
  | { readonly kind: 'poisson'; readonly ratePerSecond: number }
  | { readonly kind: 'bursts'; readonly burstSize: number; readonly burstEveryMs: number };

/** One kind of request in the traffic mix. */
export interface RequestKind {
  readonly name: string;
  /** Relative frequency in the mix (any non-negative number; they are normalised). */
  readonly weight: number;
  /** Mean Python CPU time per request, milliseconds. */
  readonly cpuMs: number;
  /** Mean time spent waiting on IO (database, upstream API), milliseconds. */
  readonly ioMs: number;
  /** Whether the request checks a connection out of the worker's SQLAlchemy pool for its IO. */
  readonly usesDb: boolean;
  /** `exponential`: each request draws its times from an exponential with these means. */
  readonly variability: 'exponential' | 'fixed';
}

export interface WorkerScenario {
  readonly seed: number;
  /** Arrivals are generated for this long; the run then drains what is still in flight. */
  readonly durationMs: number;
  /** Hard cap on the number of arrivals, whatever the rate (keeps a run bounded). */
  readonly maxRequests: number;
  readonly arrivals: ArrivalPattern;
  readonly mix: readonly RequestKind[];
  /** CPU cores the task may use. */
  readonly cores: number;
  /** Gunicorn `workers` (processes). */
  readonly workers: number;
  readonly workerClass: WorkerClass;
  /** Gunicorn `threads` (gthread only). */
  readonly threads: number;
  /** Gunicorn `worker_connections` (gevent: greenlets per process). */
  readonly workerConnections: number;
  /** SQLAlchemy `pool_size` per worker process; 0 means no limit (§7). */
  readonly poolSize: number;
  /** SQLAlchemy `max_overflow`; -1 means unlimited overflow (§7). */
  readonly maxOverflow: number;
  /** SQLAlchemy `pool_timeout`, milliseconds. */
  readonly poolTimeoutMs: number;
  /** Gunicorn `timeout`; 0 disables it (settings.html#timeout). */
  readonly timeoutSeconds: number;
  /** How long a killed worker takes to be replaced by the arbiter and boot the app again. */
  readonly restartMs: number;
  /** Gunicorn `backlog`: connections waiting to be accepted; beyond it they are refused. */
  readonly backlog: number;
  /** Interval of the sampled time series. */
  readonly sampleEveryMs: number;
  /** Also record how many requests each worker process holds at each sample (for the live view). */
  readonly recordProcesses: boolean;
}

export const GUNICORN_DEFAULTS = {
  workers: 1,
  workerClass: 'sync' as WorkerClass,
  threads: 1,
  workerConnections: 1000,
  timeoutSeconds: 30,
  backlog: 2048,
} as const;

export const SQLALCHEMY_POOL_DEFAULTS = {
  poolSize: 5,
  maxOverflow: 10,
  poolTimeoutMs: 30_000,
} as const;

export type FailureReason = 'refused' | 'worker-timeout' | 'pool-timeout';

export interface SeriesSample {
  readonly timeMs: number;
  /** Connections waiting in the listen backlog. */
  readonly queued: number;
  /** Requests accepted by a worker (running, waiting for the GIL, a connection, or IO). */
  readonly inService: number;
  /** Share of all cores busy since the previous sample, 0–1. */
  readonly cpuUse: number;
  /** Requests waiting for a database connection, all workers together. */
  readonly poolWaiting: number;
  /** Worker processes alive (not being restarted after a timeout kill). */
  readonly workersAlive: number;
}

export interface WorkerRunResult {
  /** The arrival window that was simulated (the scenario's durationMs). */
  readonly windowMs: number;
  readonly arrivals: number;
  readonly completed: number;
  readonly failed: Readonly<Record<FailureReason, number>>;
  /** Successful completions per second during the arrival window. */
  readonly throughputPerSecond: number;
  readonly latencyMs: {
    readonly mean: number;
    readonly p50: number;
    readonly p95: number;
    readonly p99: number;
  };
  /** Mean time from arrival until a worker accepted the connection (every accepted request). */
  readonly meanQueueWaitMs: number;
  readonly maxQueued: number;
  /** Mean share of all cores busy during the arrival window, 0–1. */
  readonly cpuUse: number;
  readonly pool: {
    readonly waits: number;
    readonly meanWaitMs: number;
    readonly timeouts: number;
    readonly peakInUsePerWorker: number;
  };
  readonly workerKills: number;
  /** The most requests held by worker processes at once (the concurrency actually reached). */
  readonly maxInService: number;
  /** When the last request finished or failed. */
  readonly endMs: number;
  /**
   * Little's law bookkeeping over [0, endMs], kept independently: the time-average number of
   * requests in the system (integrated at every event) and the mean time each arrival spent in
   * it (summed per request). L = λW must hold (Little 1961).
   */
  readonly little: {
    readonly meanInSystem: number;
    readonly arrivalRatePerMs: number;
    readonly meanTimeInSystemMs: number;
    readonly meanQueued: number;
    readonly meanQueueTimeMs: number;
  };
  readonly series: readonly SeriesSample[];
  /** Per sample, how many requests each worker holds; -1 while that worker restarts. */
  readonly processSeries: readonly (readonly number[])[];
}
