/**
 * describeStateAt: what every lane and every request looks like at one instant of a run
 * (the widget's time cursor). Pure: derived from a ShutdownResult only.
 */
import type { Lane, Outcome, ShutdownResult } from './shutdown';

export interface LaneState {
  lane: Lane;
  state: string;
  /** The latest event on this lane at or before the instant, if any. */
  lastEvent: string | null;
}

export interface StateAt {
  atMs: number;
  lanes: LaneState[];
  /** Requests a worker is running. */
  running: number;
  /** Requests that arrived and wait (kernel backlog or a worker's queue). */
  waiting: number;
  /** Finished so far, by outcome. */
  finished: Record<Outcome, number>;
}

const INITIAL_STATE: Record<string, string> = {
  orchestrator: 'running',
  'load-balancer': 'routing requests here',
  master: 'serving',
};

export function describeStateAt(result: ShutdownResult, atMs: number): StateAt {
  const lanes: LaneState[] = result.lanes.map((lane) => {
    let state = INITIAL_STATE[lane] ?? 'serving';
    let lastEvent: string | null = null;
    for (const e of result.events) {
      if (e.atMs > atMs) break;
      if (e.lane === lane) {
        state = e.state;
        lastEvent = e.label;
      }
    }
    return { lane, state, lastEvent };
  });
  let running = 0;
  let waiting = 0;
  const finished: Record<Outcome, number> = {
    completed: 0,
    reset: 0,
    killed: 0,
    'error-500': 0,
    refused: 0,
    'lb-502': 0,
    'not-routed': 0,
  };
  for (const r of result.requests) {
    if (r.arriveAtMs > atMs) continue;
    if (r.endAtMs <= atMs) {
      finished[r.outcome] += 1;
    } else if (r.startAtMs !== null && r.startAtMs <= atMs) {
      running += 1;
    } else {
      waiting += 1;
    }
  }
  return { atMs, lanes, running, waiting, finished };
}
