/**
 * The one-line summary of a shutdown run (how many requests failed, why, when the container
 * stopped) and each worker's lane of events (`shutdown.ts`).
 */
import type { ShutdownScenario } from './scenario';
import {
  type Cause,
  CAUSES,
  type CutSummary,
  isFailure,
  type Outcome,
  OUTCOMES,
  type RequestResult,
  seconds,
  type ShutdownSummary,
  type ShutdownTimes,
  type ShutdownEvent,
  type WorkerResult,
  type Lane,
} from './shutdown-types';
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

export function summarize(
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

/** Each worker's lane: when it stops accepting, closes its listener copy, and exits. */
export function workerLaneEvents(workerResults: readonly WorkerResult[]): ShutdownEvent[] {
  const out: ShutdownEvent[] = [];
  const workerExit = (w: WorkerResult): number => w.exitAtMs ?? Infinity;
  for (const w of workerResults) {
    const lane: Lane = `worker-${w.index + 1}`;
    if (w.acceptStopAtMs !== null && w.acceptStopAtMs < workerExit(w)) {
      out.push({
        atMs: w.acceptStopAtMs,
        lane,
        label: 'Stops accepting new connections',
        state: 'draining',
      });
    }
    if (w.listenerCloseAtMs !== null && w.listenerCloseAtMs < workerExit(w)) {
      out.push({
        atMs: w.listenerCloseAtMs,
        lane,
        label: 'Closes its copy of the listening socket',
        state: 'draining, listener closed',
      });
    }
    if (w.exitAtMs !== null) {
      out.push({
        atMs: w.exitAtMs,
        lane,
        label: w.killed ? 'Killed (SIGKILL)' : 'Exits',
        state: w.killed ? 'killed' : 'exited',
      });
    }
  }
  return out;
}
