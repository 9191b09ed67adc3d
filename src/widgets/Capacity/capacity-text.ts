/**
 * Plain-words renderings of the calculator's results. Every number comes from
 * src/sim/capacity; this file only phrases them.
 */
import type { CapacityResult, CapacitySuggestion } from '../../sim/capacity/capacity';

export type Tone = 'ok' | 'warn' | 'bad';

export interface VerdictText {
  readonly tone: Tone;
  readonly headline: string;
  readonly detail: string;
  /** "Any one of these fits on its own: …", or null when it already fits. */
  readonly fixes: string | null;
}

/** A count, or "unlimited" for an unbounded pool. */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? value.toLocaleString('en-US') : 'unlimited';
}

/** "a", "a or b", "a, b or c". */
export function joinAlternatives(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

function describeFixes(suggestions: readonly CapacitySuggestion[]): string | null {
  if (suggestions.length === 0) return null;
  if (suggestions.length === 1) {
    return `Settings that would fit: ${suggestions[0]!.text} (this one change is enough).`;
  }
  return `Settings that would fit — alternatives, any one alone is enough (each checked by the calculator), not all needed: ${joinAlternatives(suggestions.map((s) => s.text))}.`;
}

export function describeVerdict(r: CapacityResult): VerdictText {
  const atMost = r.maxConnectionsIsUpperBound ? 'at most ' : '';
  const bound = r.maxConnectionsIsUpperBound
    ? ' The RDS figure is an upper bound: the real limit is lower, so check SHOW max_connections.'
    : '';
  const fixes = describeFixes(r.suggestions);
  switch (r.verdict) {
    case 'fits':
      return {
        tone: 'ok',
        headline: 'Fits.',
        detail: `PostgreSQL sees at most ${r.deployTotal} connections during a rolling deploy (${r.deployTasks} tasks at once) and ${r.steadyTotal} at the steady peak, against ${atMost}${r.available} available: ${r.headroom} to spare.${bound}`,
        fixes,
      };
    case 'deploy-exceeds':
      return {
        tone: 'warn',
        headline: 'Fits only between deploys.',
        detail: `The steady peak needs ${r.steadyTotal} of ${atMost}${r.available} connections, but a rolling deploy runs ${r.deployTasks} tasks at once and needs ${r.deployTotal}: ${-r.headroom} more than PostgreSQL allows, so new connections are refused mid-deploy.${bound}`,
        fixes,
      };
    case 'exceeds':
      return {
        tone: 'bad',
        headline: 'Does not fit.',
        detail: `Even the steady peak needs ${r.steadyTotal} connections and ${atMost}${r.available} are available (${r.deployTotal} during a rolling deploy): PostgreSQL refuses the extra connections under load.${bound}`,
        fixes,
      };
  }
}

export interface PoolLine {
  readonly label: string;
  readonly formula: string;
  readonly value: string;
}

/**
 * The two numbers the reader must not confuse, spelled out with the arithmetic: the guide's
 * pool_size product, the capacity with overflow, and the peak actually reached.
 */
export function describePoolArithmetic(r: CapacityResult): readonly PoolLine[] {
  const s = r.settings;
  const limit = formatCount(r.poolLimitPerWorker);
  const requests =
    r.effectiveWorkerClass === 'sync'
      ? '1 request (sync)'
      : r.effectiveWorkerClass === 'gthread'
        ? `${r.concurrencyPerWorker} requests (gthread threads)`
        : `up to ${r.concurrencyPerWorker} requests (gevent worker_connections)`;
  return [
    {
      label:
        "The guide's product: pool_size only (connections kept once every worker has filled its pool)",
      formula: `${s.tasks} tasks × ${s.workers} workers × pool_size ${s.poolSize === 0 ? 'unlimited' : s.poolSize}`,
      value: formatCount(r.guidePoolSizeProduct),
    },
    {
      label: 'What the pools allow at once: pool_size + max_overflow',
      formula: `${s.tasks} × ${s.workers} × (${s.poolSize} + ${s.maxOverflow} = ${limit})`,
      value: formatCount(r.poolCapacity),
    },
    {
      label:
        'What one worker actually reaches: requests at once × connections per request, capped by the pool',
      formula: `min(${requests} × ${s.connectionsPerRequest}, ${limit})`,
      value: formatCount(r.perWorkerPeak),
    },
    {
      label: 'Reached by the service at its steady peak (before PgBouncer)',
      formula: `${s.tasks} tasks × ${s.workers} workers × ${r.perWorkerPeak}`,
      value: formatCount(r.steadyPeak),
    },
    {
      label: 'Reached during a rolling deploy (maximumPercent rounds down)',
      formula: `${r.deployTasks} tasks × ${s.workers} workers × ${r.perWorkerPeak}`,
      value: formatCount(r.deployPeak),
    },
    {
      label: 'Kept open when idle after a peak (overflow connections close on return)',
      formula: `${s.tasks} × ${s.workers} × ${r.perWorkerIdle}`,
      value: formatCount(r.idleConnections),
    },
    {
      label: 'If every task got a HUP reload at once (workers briefly doubled)',
      formula: `${s.tasks} tasks × 2 × ${s.workers} workers × ${r.perWorkerPeak}`,
      value: formatCount(r.reloadPeak),
    },
  ];
}

export const WARNING_PREFIX: Readonly<Record<'info' | 'warn' | 'bad', string>> = {
  bad: 'Problem',
  warn: 'Warning',
  info: 'Note',
};
