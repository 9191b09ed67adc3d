/**
 * Everything one change of the worker-model settings needs computed, as a generator that yields
 * after each simulation so the caller can report progress and, on the main thread, give the
 * browser a frame between steps. Used by sim.worker.ts and by the main-thread fallback.
 */
import {
  assembleSweep,
  buildScenario,
  planSweep,
  runSweepJob,
  simulateWorkers,
  type SweepPoint,
  type SweepResult,
  type WorkerRunResult,
  type WorkerSettings,
} from '../../sim/workers';

/** The live view replays only this first stretch of traffic. */
export const LIVE_WINDOW_MS = 10_000;

export interface ModelOutput {
  readonly settings: WorkerSettings;
  readonly run: WorkerRunResult;
  readonly live: WorkerRunResult;
  readonly sweep: SweepResult;
}

export interface ModelProgress {
  readonly done: number;
  readonly total: number;
}

export function* stepModel(settings: WorkerSettings): Generator<ModelProgress, ModelOutput> {
  const jobs = planSweep(settings);
  const total = jobs.length + 2;
  const run = simulateWorkers(buildScenario(settings));
  yield { done: 1, total };
  const live = simulateWorkers(
    buildScenario(settings, {
      durationMs: Math.min(LIVE_WINDOW_MS, settings.durationSeconds * 1000),
      recordProcesses: true,
    }),
  );
  yield { done: 2, total };
  const points: SweepPoint[] = [];
  for (const job of jobs) {
    points.push(runSweepJob(settings, job));
    yield { done: points.length + 2, total };
  }
  return { settings, run, live, sweep: assembleSweep(settings, jobs, points) };
}
