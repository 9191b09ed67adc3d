/**
 * The shape of a recorded real run (fixtures/recorded-run.json, written by
 * `npm run record:keepalive`) and how to read it: what each request got, per lane, and the
 * totals the chapter shows.
 */
import {
  REAL_MARGIN_SECONDS,
  laneConfig,
  type RealLane,
  type RealScenario,
} from './real-scenarios';
import { simulateKeepAliveRequests, type RequestOutcome, type RequestResult } from './timing';

export interface RecordedRequest {
  index: number;
  lane: RealLane;
  method: string;
  plannedAtSeconds: number;
  sentAtSeconds: number;
  status: number | null;
  reused?: boolean;
  upstreamStatus?: string;
  reachedApp: boolean;
  error?: string;
}

export interface RecordedRun {
  recordedAt: string;
  nginx: string;
  gunicorn: string;
  linkDelaySeconds: number;
  scenarios: { scenario: string; requests: RecordedRequest[] }[];
}

/** What a lane observed: direct lane 'ok-reused' | 'ok-new' | 'failed'; nginx 'ok' | 'retried' | 'failed'. */
export type ObservedOutcome = 'ok' | 'ok-reused' | 'ok-new' | 'retried' | 'failed';

export function realOutcome(r: RecordedRequest): ObservedOutcome {
  if (r.status !== 200) return 'failed';
  if (r.lane === 'direct') return r.reused ? 'ok-reused' : 'ok-new';
  // "502, 200": nginx met a closed connection and resent the request on another
  return (r.upstreamStatus ?? '').includes(',') ? 'retried' : 'ok';
}

export interface RecordedTotals {
  requests: number;
  failed: number;
  retried: number;
}

export function recordedTotals(requests: readonly RecordedRequest[]): RecordedTotals {
  const outcomes = requests.map(realOutcome);
  return {
    requests: requests.length,
    failed: outcomes.filter((o) => o === 'failed').length,
    retried: outcomes.filter((o) => o === 'retried').length,
  };
}

/** The model outcome as a lane can observe it (nginx does not say which connection it used). */
export function observableOutcome(lane: RealLane, outcome: RequestOutcome): ObservedOutcome {
  if ((outcome === 'ok-reused' || outcome === 'ok-new') && lane === 'nginx') return 'ok';
  return outcome;
}

export interface LaneComparison {
  lane: RealLane;
  scenario: RealScenario;
  model: RequestResult[];
  real: RecordedRequest[];
  /** One line per request the model was sure about and got wrong (empty: agreement). */
  disagreements: string[];
  /** Requests the model called uncertain (they may go either way). */
  uncertain: number;
  /** A readable table of the lane, for failure messages. */
  table: string;
}

/**
 * Compares one lane of a real run with simulateKeepAliveRequests, fed the times the requests
 * were really sent (a loaded machine sends some a little late). A request that failed yet
 * reached the app counts as a disagreement too.
 */
export function compareLane(
  scenario: RealScenario,
  lane: RealLane,
  requests: readonly RecordedRequest[],
  gunicornVersion: string,
): LaneComparison {
  const real = requests.filter((r) => r.lane === lane).sort((a, b) => a.index - b.index);
  const sent = scenario.requests.map((planned, i) => ({
    ...planned,
    sendAtSeconds: real[i]?.sentAtSeconds ?? planned.sendAtSeconds,
  }));
  const model = simulateKeepAliveRequests(
    laneConfig(scenario, lane, gunicornVersion),
    sent,
    REAL_MARGIN_SECONDS,
  );
  const disagreements: string[] = [];
  if (real.length !== model.length)
    disagreements.push(`${real.length} requests recorded, ${model.length} planned`);
  model.forEach((m, i) => {
    const r = real[i];
    if (!r) return;
    const got = realOutcome(r);
    if (m.certain && got !== observableOutcome(lane, m.outcome))
      disagreements.push(`request ${i}: real ${got}, model ${m.outcome}`);
    if (got === 'failed' && r.reachedApp)
      disagreements.push(`request ${i} failed yet reached the app`);
  });
  const table = real
    .map((r, i) => {
      const m = model[i];
      const detail = `${r.status ?? r.error ?? ''} ${r.upstreamStatus ?? ''}`.trim();
      return `${i} ${r.method} planned ${r.plannedAtSeconds} sent ${r.sentAtSeconds}: real ${realOutcome(r)} (${detail}) model ${m?.outcome ?? '?'}${m?.certain === false ? ' (uncertain)' : ''}`;
    })
    .join('\n');
  return {
    lane,
    scenario,
    model,
    real,
    disagreements,
    uncertain: model.filter((m) => !m.certain).length,
    table,
  };
}
