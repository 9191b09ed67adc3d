/**
 * Per-request timelines of an `async def` Flask view under sync Gunicorn workers.
 *
 * Rules (Flask docs "Using async and await", https://flask.palletsprojects.com/en/stable/async-await/):
 * - "Each request still ties up one worker, even for async views": Flask runs the coroutine to
 *   completion in an event loop in a thread, and the sync worker waits for it. So the worker is
 *   occupied from the moment it accepts the request until the view returns, and the number of
 *   requests served at one time stays the number of workers.
 * - Inside the view, `await`ing three API calls one after another takes the sum of their times;
 *   `asyncio.gather` starts them together and takes the longest. That shortens this request only.
 * - Background tasks: the event loop runs until the view's coroutine completes, then stops, so
 *   "any additional spawned tasks that haven't completed when the async function completes will
 *   be cancelled" — a task from `asyncio.create_task` is cut off when the view returns.
 * Requests are accepted first come first served by the first idle worker (the listen backlog of
 * simulate-workers.ts, without limits here).
 */

export type AsyncViewMode = 'sequential' | 'gather';

export interface AsyncViewScenario {
  /** Sync Gunicorn workers. */
  readonly workers: number;
  /** Requests arriving, one every `arrivalGapMs`, starting at 0. */
  readonly requests: number;
  readonly arrivalGapMs: number;
  /** The view's own CPU work, half before and half after the API calls. */
  readonly cpuMs: number;
  /** Durations of the API calls the view awaits. */
  readonly apiMs: readonly number[];
  /** Length of the work started with asyncio.create_task at the first call; 0 for none. */
  readonly backgroundTaskMs: number;
  readonly mode: AsyncViewMode;
}

export interface TimelineSegment {
  readonly label: string;
  readonly kind: 'cpu' | 'api';
  readonly startMs: number;
  readonly endMs: number;
}

export interface BackgroundTask {
  readonly startMs: number;
  /** When the task would have finished had the loop kept running. */
  readonly plannedEndMs: number;
  /** When it actually stopped: its planned end, or the moment the view returned. */
  readonly endMs: number;
  readonly cancelled: boolean;
}

export interface AsyncViewRequest {
  readonly id: number;
  readonly arrivalMs: number;
  readonly workerIndex: number;
  /** When a worker accepted it (the worker is occupied from here to endMs). */
  readonly startMs: number;
  readonly endMs: number;
  readonly segments: readonly TimelineSegment[];
  readonly task: BackgroundTask | null;
}

export interface AsyncViewResult {
  readonly mode: AsyncViewMode;
  readonly requests: readonly AsyncViewRequest[];
  /** How long one view holds its worker. */
  readonly viewDurationMs: number;
  /** The most requests being served at the same instant. */
  readonly maxConcurrent: number;
  readonly meanLatencyMs: number;
  /** When the last request finished. */
  readonly makespanMs: number;
  readonly cancelledTasks: number;
}

/** Lays out the inside of one view, relative to its start. */
function layOutView(scenario: AsyncViewScenario): {
  segments: TimelineSegment[];
  durationMs: number;
  callsStartMs: number;
} {
  const segments: TimelineSegment[] = [];
  const before = Math.max(0, scenario.cpuMs) / 2;
  const after = Math.max(0, scenario.cpuMs) - before;
  if (before > 0) segments.push({ label: 'view code', kind: 'cpu', startMs: 0, endMs: before });
  let cursor = before;
  let callsEnd = before;
  scenario.apiMs.forEach((duration, index) => {
    const length = Math.max(0, duration);
    const start = scenario.mode === 'sequential' ? cursor : before;
    segments.push({
      label: `API ${index + 1}`,
      kind: 'api',
      startMs: start,
      endMs: start + length,
    });
    cursor = start + length;
    callsEnd = Math.max(callsEnd, start + length);
  });
  if (after > 0)
    segments.push({ label: 'view code', kind: 'cpu', startMs: callsEnd, endMs: callsEnd + after });
  return { segments, durationMs: callsEnd + after, callsStartMs: before };
}

/** Simulates the requests through sync workers for one way of writing the view. */
export function simulateAsyncView(scenario: AsyncViewScenario): AsyncViewResult {
  const workers = Math.max(1, Math.floor(scenario.workers));
  const count = Math.max(0, Math.floor(scenario.requests));
  const view = layOutView(scenario);
  const freeAt = new Array<number>(workers).fill(0);
  const requests: AsyncViewRequest[] = [];
  for (let id = 0; id < count; id++) {
    const arrivalMs = id * Math.max(0, scenario.arrivalGapMs);
    let workerIndex = 0;
    for (let w = 1; w < workers; w++) if (freeAt[w]! < freeAt[workerIndex]!) workerIndex = w;
    const startMs = Math.max(arrivalMs, freeAt[workerIndex]!);
    const endMs = startMs + view.durationMs;
    freeAt[workerIndex] = endMs;
    let task: BackgroundTask | null = null;
    if (scenario.backgroundTaskMs > 0) {
      const taskStart = startMs + view.callsStartMs;
      const plannedEndMs = taskStart + scenario.backgroundTaskMs;
      task = {
        startMs: taskStart,
        plannedEndMs,
        endMs: Math.min(plannedEndMs, endMs),
        cancelled: plannedEndMs > endMs,
      };
    }
    requests.push({
      id,
      arrivalMs,
      workerIndex,
      startMs,
      endMs,
      segments: view.segments.map((segment) => ({
        ...segment,
        startMs: startMs + segment.startMs,
        endMs: startMs + segment.endMs,
      })),
      task,
    });
  }
  // Sweep over start/end instants to find the peak number of requests being served together.
  const edges = requests.flatMap((req) => [
    { at: req.startMs, delta: 1 },
    { at: req.endMs, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let maxConcurrent = 0;
  for (const edge of edges) {
    current += edge.delta;
    maxConcurrent = Math.max(maxConcurrent, current);
  }
  const latencySum = requests.reduce((sum, req) => sum + (req.endMs - req.arrivalMs), 0);
  return {
    mode: scenario.mode,
    requests,
    viewDurationMs: view.durationMs,
    maxConcurrent,
    meanLatencyMs: count > 0 ? latencySum / count : 0,
    makespanMs: requests.reduce((max, req) => Math.max(max, req.endMs), 0),
    cancelledTasks: requests.filter((req) => req.task?.cancelled === true).length,
  };
}
