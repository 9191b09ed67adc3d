/**
 * Plain-words conclusions computed from a simulated run and from the load sweep. Every sentence
 * is chosen and filled in from the numbers; nothing is canned per preset.
 */
import type { WorkerRunResult } from './scenario';
import { computeMixMeans, type WorkerSettings } from './settings';
import type { SweepResult } from './sweep-load';

/** A count or rate with sensible precision for prose. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '∞';
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return value.toFixed(1).replace(/\.0$/, '');
  return value.toFixed(2).replace(/\.?0+$/, '') || '0';
}

/** A duration in milliseconds, switching to seconds above one second. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '∞';
  if (ms >= 1000) return `${formatNumber(ms / 1000)} s`;
  return `${formatNumber(ms)} ms`;
}

function plural(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

/** How many requests one worker process can hold at once. */
export function computeSlotsPerWorker(settings: WorkerSettings): number {
  if (settings.workerClass === 'sync') return 1;
  if (settings.workerClass === 'gthread') return settings.threads;
  return settings.workerConnections;
}

/** The most requests per second the cores could serve if nothing else limited them. */
export function computeCpuCeilingPerSecond(settings: WorkerSettings): number {
  return settings.cpuMs > 0 ? (settings.cores * 1000) / settings.cpuMs : Infinity;
}

/** Conclusions for one run, in the order a reader needs them. */
export function describeRun(settings: WorkerSettings, result: WorkerRunResult): string[] {
  const lines: string[] = [];
  const offered = result.windowMs > 0 ? result.arrivals / (result.windowMs / 1000) : 0;
  const servedShare = offered > 0 ? result.throughputPerSecond / offered : 1;
  const cpuPercent = result.cpuUse * 100;
  const slots = settings.workers * computeSlotsPerWorker(settings);
  const ceiling = computeCpuCeilingPerSecond(settings);
  const means = computeMixMeans(settings);

  lines.push(
    `Served ${formatNumber(result.throughputPerSecond)} requests/s of ${formatNumber(offered)} offered ` +
      `(${formatNumber(servedShare * 100)} %); half the requests took under ${formatMs(result.latencyMs.p50)}, ` +
      `1 in 20 took over ${formatMs(result.latencyMs.p95)}.`,
  );

  if (cpuPercent >= 90) {
    const extra = settings.workers - settings.cores;
    lines.push(
      `The ${plural(settings.cores, 'core was', 'cores were')} busy ${formatNumber(cpuPercent)} % of the time: ` +
        `this load is CPU-bound. At ${formatMs(settings.cpuMs)} of CPU per request they top out near ` +
        `${formatNumber(ceiling)} requests/s, however many workers there are.` +
        (extra > 0
          ? ` ${plural(settings.workers, 'worker shares', 'workers share')} ${plural(settings.cores, 'core', 'cores')}, ` +
            `so ${plural(extra, 'of them only waits', 'of them only wait')} for a core: more processes, same throughput, ` +
            `more memory.`
          : ''),
    );
  } else if (result.maxInService >= slots && servedShare < 0.95) {
    lines.push(
      `All ${plural(slots, 'request slot was', 'request slots were')} in use while the cores were busy only ` +
        `${formatNumber(cpuPercent)} % of the time: requests were waiting on IO, not on CPU. More concurrent slots ` +
        `(gthread threads or gevent greenlets) would help, up to the CPU limit near ${formatNumber(ceiling)} requests/s.`,
    );
  } else if (servedShare >= 0.95) {
    lines.push(
      `The task kept up, with the cores ${formatNumber(cpuPercent)} % busy; waiting for a free worker added ` +
        `${formatMs(result.meanQueueWaitMs)} on average.`,
    );
  }

  const cpuShare = means.cpuMs + means.ioMs > 0 ? means.cpuMs / (means.cpuMs + means.ioMs) : 0;
  if (settings.workerClass !== 'sync' && cpuShare >= 0.5) {
    lines.push(
      `${formatNumber(cpuShare * 100)} % of each request's time is Python CPU work. The ${settings.workerClass} ` +
        `requests inside one process take turns on one interpreter, so ${settings.workerClass} cannot do ` +
        `better than sync workers here.`,
    );
  }

  if (result.workerKills > 0) {
    lines.push(
      `Gunicorn's ${formatNumber(settings.timeoutSeconds)} s timeout killed ${plural(result.workerKills, 'worker', 'workers')}, ` +
        `failing ${plural(result.failed['worker-timeout'], 'request', 'requests')} that were in them; each ` +
        `replacement had to boot before serving again.`,
    );
  }
  if (result.pool.waits > 0) {
    const limit =
      settings.poolSize <= 0 || settings.maxOverflow < 0
        ? Infinity
        : settings.poolSize + settings.maxOverflow;
    const perWorker = computeSlotsPerWorker(settings);
    lines.push(
      `${plural(result.pool.waits, 'request', 'requests')} had to wait for a database connection` +
        (result.pool.timeouts > 0
          ? `; ${plural(result.pool.timeouts, 'gave', 'gave')} up after pool_timeout (${formatNumber(settings.poolTimeoutSeconds)} s) and failed.`
          : ` (${formatMs(result.pool.meanWaitMs)} on average).`) +
        (perWorker > limit
          ? ` Each worker can hold ${formatNumber(perWorker)} requests but its pool allows only ${formatNumber(limit)} connections.`
          : ''),
    );
  }
  if (result.failed.refused > 0) {
    lines.push(
      `${plural(result.failed.refused, 'connection was', 'connections were')} refused because ${formatNumber(settings.backlog)} ` +
        `were already waiting in the listen backlog.`,
    );
  }
  if (
    result.workerKills === 0 &&
    result.pool.timeouts === 0 &&
    result.failed.refused === 0 &&
    result.arrivals > 0
  ) {
    lines.push('No request failed.');
  }
  return lines;
}

/** Conclusions that compare the variants of the sweep at the chosen rate. */
export function describeSweep(settings: WorkerSettings, sweep: SweepResult): string[] {
  if (sweep.variants.length < 2) return [];
  const atChosen = sweep.points.map((row) => row.find((point) => point.loadFactor === 1));
  const rows = sweep.variants.flatMap((variant, index) => {
    const point = atChosen[index];
    return point === undefined ? [] : [{ variant, point }];
  });
  if (rows.length < 2) return [];
  const lines: string[] = [];
  const byThroughput = [...rows].sort(
    (a, b) => b.point.throughputPerSecond - a.point.throughputPerSecond,
  );
  const best = byThroughput[0]!;
  const worst = byThroughput[byThroughput.length - 1]!;
  const spread =
    worst.point.throughputPerSecond > 0
      ? best.point.throughputPerSecond / worst.point.throughputPerSecond - 1
      : Infinity;
  lines.push(
    `At ${formatNumber(settings.ratePerSecond)} requests/s offered: ` +
      rows
        .map(
          ({ variant, point }) =>
            `${variant.label} served ${formatNumber(point.throughputPerSecond)}/s (1 in 20 over ${formatMs(point.p95Ms)}` +
            (point.failedPercent > 0 ? `, ${formatNumber(point.failedPercent)} % failed` : '') +
            ')',
        )
        .join('; ') +
      '.',
  );
  if (spread < 0.05) {
    lines.push(
      `Throughput differs by under 5 % between them: the variants are not what limits this load.`,
    );
  } else {
    lines.push(
      `${best.variant.label} served ${formatNumber(spread * 100)} % more than ${worst.variant.label}.`,
    );
  }
  return lines;
}
