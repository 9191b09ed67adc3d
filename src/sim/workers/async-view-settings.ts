/**
 * Settings, validation and plain-words conclusions for the async-view widget (chapter 7).
 * The behaviour itself is in simulate-async-view.ts.
 */
import { formatMs, formatNumber } from './describe-run';
import {
  simulateAsyncView,
  type AsyncViewMode,
  type AsyncViewResult,
  type AsyncViewScenario,
} from './simulate-async-view';

export interface AsyncViewSettings {
  readonly workers: number;
  readonly requests: number;
  readonly arrivalGapMs: number;
  readonly cpuMs: number;
  readonly api1Ms: number;
  readonly api2Ms: number;
  readonly api3Ms: number;
  readonly backgroundTaskMs: number;
}

export const ASYNC_VIEW_RANGES = {
  workers: { min: 1, max: 8, step: 1 },
  requests: { min: 1, max: 12, step: 1 },
  arrivalGapMs: { min: 0, max: 1000, step: 10 },
  cpuMs: { min: 0, max: 200, step: 5 },
  api1Ms: { min: 0, max: 2000, step: 10 },
  api2Ms: { min: 0, max: 2000, step: 10 },
  api3Ms: { min: 0, max: 2000, step: 10 },
  backgroundTaskMs: { min: 0, max: 5000, step: 50 },
} as const satisfies Record<keyof AsyncViewSettings, { min: number; max: number; step: number }>;

export const ASYNC_VIEW_DEFAULTS: AsyncViewSettings = {
  workers: 2,
  requests: 4,
  arrivalGapMs: 50,
  cpuMs: 20,
  api1Ms: 300,
  api2Ms: 200,
  api3Ms: 250,
  backgroundTaskMs: 1500,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Null for anything that is not an object of numbers; out-of-range numbers are clamped. */
export function validateAsyncViewSettings(raw: unknown): AsyncViewSettings | null {
  if (!isRecord(raw)) return null;
  const result: Record<string, number> = { ...ASYNC_VIEW_DEFAULTS };
  for (const [name, range] of Object.entries(ASYNC_VIEW_RANGES)) {
    const value = raw[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) return null;
    const snapped = Math.round((value - range.min) / range.step) * range.step + range.min;
    result[name] = Math.min(range.max, Math.max(range.min, snapped));
  }
  return result as unknown as AsyncViewSettings;
}

export function buildAsyncViewScenario(
  settings: AsyncViewSettings,
  mode: AsyncViewMode,
): AsyncViewScenario {
  return {
    workers: settings.workers,
    requests: settings.requests,
    arrivalGapMs: settings.arrivalGapMs,
    cpuMs: settings.cpuMs,
    apiMs: [settings.api1Ms, settings.api2Ms, settings.api3Ms],
    backgroundTaskMs: settings.backgroundTaskMs,
    mode,
  };
}

export interface AsyncViewComparison {
  readonly sequential: AsyncViewResult;
  readonly gather: AsyncViewResult;
}

export function compareAsyncView(settings: AsyncViewSettings): AsyncViewComparison {
  return {
    sequential: simulateAsyncView(buildAsyncViewScenario(settings, 'sequential')),
    gather: simulateAsyncView(buildAsyncViewScenario(settings, 'gather')),
  };
}

/** Conclusions computed from the two runs. */
export function describeAsyncView(
  settings: AsyncViewSettings,
  runs: AsyncViewComparison,
): string[] {
  const { sequential, gather } = runs;
  const lines: string[] = [];
  const saved = sequential.viewDurationMs - gather.viewDurationMs;
  lines.push(
    `One view holds its worker for ${formatMs(sequential.viewDurationMs)} awaiting the calls one by one and ` +
      `${formatMs(gather.viewDurationMs)} with asyncio.gather` +
      (saved > 0 ? ` — ${formatMs(saved)} less for that request.` : ' — no difference here.'),
  );
  lines.push(
    `Either way at most ${formatNumber(Math.max(sequential.maxConcurrent, gather.maxConcurrent))} of the ` +
      `${formatNumber(settings.requests)} requests were served at the same time: the number of workers ` +
      `(${formatNumber(settings.workers)}), because each request occupies its worker until the view returns.`,
  );
  if (settings.requests > settings.workers) {
    lines.push(
      `The ${formatNumber(settings.requests - settings.workers)} requests beyond the workers waited in the ` +
        `backlog; all of them were done after ${formatMs(sequential.makespanMs)} (sequential) or ` +
        `${formatMs(gather.makespanMs)} (gather) — gather helps only because each view got shorter.`,
    );
  }
  if (settings.backgroundTaskMs > 0) {
    const cancelled = gather.cancelledTasks + sequential.cancelledTasks;
    lines.push(
      cancelled > 0
        ? `The ${formatMs(settings.backgroundTaskMs)} create_task job was cancelled in ` +
            `${formatNumber(sequential.cancelledTasks)} of ${formatNumber(settings.requests)} requests (sequential) and ` +
            `${formatNumber(gather.cancelledTasks)} (gather): the event loop stops when the view returns. ` +
            `Use a task queue for background work.`
        : `The create_task job finished before the view returned this time; make it any longer than the view ` +
            `and it is cancelled when the view returns.`,
    );
  }
  return lines;
}
