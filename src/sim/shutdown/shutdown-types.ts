/**
 * Types and constants of the shutdown model (`shutdown.ts`): outcomes, causes, events, the
 * result, and the timing constants measured on real Gunicorn.
 */
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

/**
 * handle_quit sleeps 0.1 s before sys.exit(0)
 * (https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/workers/base.py).
 */
export const QUICK_EXIT_MS = 100;
/**
 * gthread waits in poller.select(1.0) (`run`,
 * https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/workers/gthread.py).
 */
export const GTHREAD_SELECT_MS = 1000;
/**
 * gevent's main loop checks `alive` every second (`run`,
 * https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/workers/ggevent.py).
 */
export const GEVENT_TICK_MS = 1000;
/**
 * The master exits a moment after its last worker: 0.1–0.5 s in the measured 20.1 runs
 * (measured by hand: worker done 3.03 → master 3.56; 3.01 → 3.23; 0.71 → 0.90), and up to
 * 0.9 s in this project's harness when several Gunicorns share two busy cores.
 */
export const MASTER_EXIT_AFTER_WORKERS_MS = 400;
/** Assumed time for the master to boot a replacement after a heartbeat kill (not measured). */
export const WORKER_RESPAWN_MS = 500;
/**
 * The kubelet's one-off extension when preStop overruns the grace period
 * (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination).
 */
export const PRESTOP_OVERRUN_EXTENSION_MS = 2000;

const FAILED: ReadonlySet<Outcome> = new Set(['reset', 'killed', 'error-500', 'refused', 'lb-502']);

export function isFailure(outcome: Outcome): boolean {
  return FAILED.has(outcome);
}

export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(s < 10 ? 2 : 1)} s`;
}
