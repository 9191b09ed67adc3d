/**
 * The latency-vs-load sweep behind the widget's chart: the same traffic (same seed) offered at
 * several rates to each variant being compared (2/4/8/16 workers, or sync/gthread/gevent).
 *
 * A sweep is a list of independent jobs so that a caller can run them in a Web Worker, or a few
 * at a time on the main thread, and report progress.
 */
import { simulateWorkers } from './simulate-workers';
import { WORKER_CLASSES } from './scenario';
import { buildScenario, clampSetting, type WorkerSettings } from './settings';

/** Offered load as multiples of the chosen arrival rate. */
export const LOAD_FACTORS: readonly number[] = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];

/** The worker counts of the "more workers than cores" story. */
export const COMPARED_WORKER_COUNTS: readonly number[] = [2, 4, 8, 16];

/** At most this many arrivals per sweep point, so that a whole sweep stays well under a second. */
const REQUESTS_PER_POINT = 4000;

export interface SweepVariant {
  readonly label: string;
  readonly settings: WorkerSettings;
  /** Whether this variant is exactly the configuration the sliders show. */
  readonly isCurrent: boolean;
}

export interface SweepJob {
  readonly variantIndex: number;
  readonly loadFactor: number;
  readonly ratePerSecond: number;
}

export interface SweepPoint {
  readonly ratePerSecond: number;
  readonly loadFactor: number;
  readonly throughputPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly failedPercent: number;
}

export interface SweepResult {
  readonly variants: readonly SweepVariant[];
  /** points[variantIndex][loadFactorIndex] */
  readonly points: readonly (readonly SweepPoint[])[];
}

function labelFor(settings: WorkerSettings): string {
  switch (settings.workerClass) {
    case 'sync':
      return `${settings.workers} sync workers`;
    case 'gthread':
      return `${settings.workers} gthread × ${settings.threads} threads`;
    default:
      return `${settings.workers} gevent workers`;
  }
}

/** The configurations the chart compares, the current one included. */
export function listVariants(settings: WorkerSettings): SweepVariant[] {
  if (settings.compare === 'workers') {
    const counts = [...new Set([...COMPARED_WORKER_COUNTS, settings.workers])].sort(
      (a, b) => a - b,
    );
    return counts.map((workers) => {
      const variant = { ...settings, workers: clampSetting('workers', workers) };
      return {
        label: labelFor(variant),
        settings: variant,
        isCurrent: workers === settings.workers,
      };
    });
  }
  if (settings.compare === 'workerClass') {
    return WORKER_CLASSES.map((workerClass) => {
      const variant = { ...settings, workerClass };
      return {
        label: labelFor(variant),
        settings: variant,
        isCurrent: workerClass === settings.workerClass,
      };
    });
  }
  return [{ label: labelFor(settings), settings, isCurrent: true }];
}

/** Every (variant, load) pair to simulate, in the order a progress bar should fill. */
export function planSweep(settings: WorkerSettings): SweepJob[] {
  const jobs: SweepJob[] = [];
  const variants = listVariants(settings);
  for (const loadFactor of LOAD_FACTORS) {
    for (let variantIndex = 0; variantIndex < variants.length; variantIndex++) {
      jobs.push({ variantIndex, loadFactor, ratePerSecond: settings.ratePerSecond * loadFactor });
    }
  }
  return jobs;
}

/** Simulates one point of the sweep. */
export function runSweepJob(settings: WorkerSettings, job: SweepJob): SweepPoint {
  const variant = listVariants(settings)[job.variantIndex];
  if (variant === undefined) throw new RangeError(`no variant ${job.variantIndex}`);
  const durationMs = Math.min(
    variant.settings.durationSeconds * 1000,
    Math.max(2000, (REQUESTS_PER_POINT / job.ratePerSecond) * 1000),
  );
  const result = simulateWorkers(
    buildScenario(variant.settings, {
      ratePerSecond: job.ratePerSecond,
      durationMs,
      maxRequests: Math.ceil((job.ratePerSecond * durationMs) / 1000) * 3 + 100,
    }),
  );
  const failures =
    result.failed.refused + result.failed['worker-timeout'] + result.failed['pool-timeout'];
  return {
    ratePerSecond: job.ratePerSecond,
    loadFactor: job.loadFactor,
    throughputPerSecond: result.throughputPerSecond,
    p50Ms: result.latencyMs.p50,
    p95Ms: result.latencyMs.p95,
    failedPercent: result.arrivals > 0 ? (failures / result.arrivals) * 100 : 0,
  };
}

/** Puts finished points (in any order) into the result shape. */
export function assembleSweep(
  settings: WorkerSettings,
  jobs: readonly SweepJob[],
  points: readonly SweepPoint[],
): SweepResult {
  const variants = listVariants(settings);
  const grid: SweepPoint[][] = variants.map(() => []);
  jobs.forEach((job, index) => {
    const point = points[index];
    if (point !== undefined) grid[job.variantIndex]?.push(point);
  });
  for (const row of grid) row.sort((a, b) => a.loadFactor - b.loadFactor);
  return { variants, points: grid };
}

/** Runs a whole sweep synchronously (tests, the Web Worker, the bench). */
export function sweepLoad(settings: WorkerSettings): SweepResult {
  const jobs = planSweep(settings);
  return assembleSweep(
    settings,
    jobs,
    jobs.map((job) => runSweepJob(settings, job)),
  );
}
