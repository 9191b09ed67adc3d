/**
 * The KeepAlive widget's scenario (chapter 3): what the reader sets, how untrusted URL state
 * becomes a safe scenario, and everything the widget shows, computed from the models in this
 * folder (race.ts, timing.ts, rate.ts). The widget itself only renders.
 *
 * Limits: ALB's idle timeout is 1–4000 s
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#connection-idle-timeout);
 * nginx's upstream `keepalive_timeout` is any time, default 60 s
 * (https://nginx.org/en/docs/http/ngx_http_upstream_module.html#keepalive_timeout).
 */
import { clampNumber } from '../shutdown/presets';
import type { GthreadLoop, HttpMethod, RetryPolicy, TimedWorkerClass } from './mechanics';
import { assessKeepAliveRace, type KeepAliveRaceAssessment } from './race';
import { estimateKeepAlive502s, type KeepAliveRateEstimate } from './rate';
import {
  idleConnectionTimeline,
  simulateKeepAliveRequests,
  type IdleConnectionTimeline,
  type KeepAliveTimingConfig,
  type RequestOutcome,
} from './timing';

export interface KeepAliveScenario {
  worker: TimedWorkerClass;
  /** Which Gunicorn: gthread's loop changed in 24.0. */
  gunicorn: GthreadLoop;
  keepaliveSeconds: number;
  proxy: 'alb' | 'nginx';
  idleTimeoutSeconds: number;
  retry: RetryPolicy;
  requestsPerSecond: number;
  connections: number;
  /** Percentage of POST/PATCH requests. */
  postPercent: number;
  /** Round trip between the proxy and Gunicorn, milliseconds. */
  roundTripMs: number;
  /** The single request the timeline sends after an idle gap. */
  probeGapSeconds: number;
  probeMethod: 'GET' | 'POST';
}

export const KEEPALIVE_LIMITS = {
  keepaliveSeconds: [0, 5000],
  idleTimeoutSeconds: [1, 4000],
  requestsPerSecond: [0.1, 500],
  connections: [1, 200],
  postPercent: [0, 100],
  roundTripMs: [0.1, 100],
  probeGapSeconds: [0, 5000],
} as const satisfies Record<string, readonly [number, number]>;

/** The failure case first: gthread, Gunicorn's default keepalive, an ALB with its default. */
export function createDefaultKeepAliveScenario(): KeepAliveScenario {
  return {
    worker: 'gthread',
    gunicorn: '20.1-23',
    keepaliveSeconds: 2,
    proxy: 'alb',
    idleTimeoutSeconds: 60,
    retry: 'never',
    requestsPerSecond: 8,
    connections: 20,
    postPercent: 20,
    roundTripMs: 1,
    probeGapSeconds: 1,
    probeMethod: 'POST',
  };
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

/** A safe scenario from untrusted input (a URL), or null when it is not an object at all. */
export function validateKeepAliveScenario(raw: unknown): KeepAliveScenario | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const d = createDefaultKeepAliveScenario();
  const L = KEEPALIVE_LIMITS;
  const proxy = oneOf(r['proxy'], ['alb', 'nginx'] as const, d.proxy);
  return {
    worker: oneOf(r['worker'], ['sync', 'gthread', 'gevent'] as const, d.worker),
    gunicorn: oneOf(r['gunicorn'], ['20.1-23', '24+'] as const, d.gunicorn),
    keepaliveSeconds: clampNumber(
      r['keepaliveSeconds'],
      L.keepaliveSeconds,
      d.keepaliveSeconds,
      true,
    ),
    proxy,
    idleTimeoutSeconds: clampNumber(
      r['idleTimeoutSeconds'],
      L.idleTimeoutSeconds,
      d.idleTimeoutSeconds,
      true,
    ),
    // ALB has no retry setting: only nginx's proxy_next_upstream chooses.
    retry:
      proxy === 'alb'
        ? 'never'
        : oneOf(r['retry'], ['never', 'idempotent', 'all'] as const, 'idempotent'),
    requestsPerSecond: clampNumber(
      r['requestsPerSecond'],
      L.requestsPerSecond,
      d.requestsPerSecond,
    ),
    connections: clampNumber(r['connections'], L.connections, d.connections, true),
    postPercent: clampNumber(r['postPercent'], L.postPercent, d.postPercent, true),
    roundTripMs: clampNumber(r['roundTripMs'], L.roundTripMs, d.roundTripMs),
    probeGapSeconds: clampNumber(r['probeGapSeconds'], L.probeGapSeconds, d.probeGapSeconds),
    probeMethod: oneOf(r['probeMethod'], ['GET', 'POST'] as const, d.probeMethod),
  };
}

/** Gunicorn's time to answer in the widget's world (a typical fast endpoint). */
const WIDGET_SERVICE_SECONDS = 0.02;

export function timingConfigFor(s: KeepAliveScenario): KeepAliveTimingConfig {
  return {
    workerClass: s.worker,
    gthreadLoop: s.gunicorn,
    gunicornKeepaliveSeconds: s.keepaliveSeconds,
    proxy: { kind: s.proxy, idleTimeoutSeconds: s.idleTimeoutSeconds, retry: s.retry },
    linkDelaySeconds: s.roundTripMs / 2000,
    connectSeconds: 0,
    serviceSeconds: WIDGET_SERVICE_SECONDS,
  };
}

export interface KeepAliveView {
  race: KeepAliveRaceAssessment;
  estimate: KeepAliveRateEstimate;
  timeline: IdleConnectionTimeline;
  /** What the probe request (sent probeGapSeconds after the first) gets. */
  probe: { outcome: RequestOutcome; sentAt: number; method: HttpMethod };
  verdict: string;
  /** True when the scenario produces 502s the client sees. */
  failing: boolean;
}

/** A count an hour in words a reader can take in at a glance. */
export function formatPerHour(n: number): string {
  if (n <= 0) return 'none';
  if (n < 0.1) return 'fewer than one every 10 hours';
  if (n < 1) return `about ${Math.max(1, Math.round(n * 24))} a day`;
  if (n < 10) return `about ${n.toFixed(1)} an hour`;
  return `about ${Math.round(n).toLocaleString('en')} an hour`;
}

const PROBE_OUTCOME_TEXT: Record<RequestOutcome, string> = {
  'ok-reused': 'is served on the kept connection',
  'ok-new': 'goes out on a new connection and is served',
  retried:
    'meets the closing socket; nginx resends it on another connection and the client gets 200',
  failed: 'meets the closing socket: the client gets a 502',
};

export function probeOutcomeText(outcome: RequestOutcome): string {
  return PROBE_OUTCOME_TEXT[outcome];
}

export function viewKeepAlive(s: KeepAliveScenario, seed = 1): KeepAliveView {
  const config = timingConfigFor(s);
  const race = assessKeepAliveRace({
    workerClass: s.worker,
    gunicornKeepaliveSeconds: s.keepaliveSeconds,
    proxy: {
      kind: s.proxy,
      reusesUpstreamConnections: true,
      idleTimeoutSeconds: s.idleTimeoutSeconds,
    },
  });
  const estimate = estimateKeepAlive502s({
    workerClass: s.worker,
    gthreadLoop: s.gunicorn,
    gunicornKeepaliveSeconds: s.keepaliveSeconds,
    proxy: config.proxy,
    requestsPerSecond: s.requestsPerSecond,
    connections: s.connections,
    nonIdempotentShare: s.postPercent / 100,
    linkDelaySeconds: config.linkDelaySeconds,
    serviceSeconds: config.serviceSeconds,
    seed,
    maxRequests: 10_000,
  });
  const timeline = idleConnectionTimeline(config);
  const [, second] = simulateKeepAliveRequests(config, [
    { sendAtSeconds: 0, method: 'GET' },
    { sendAtSeconds: s.probeGapSeconds, method: s.probeMethod },
  ]);
  const probe = { outcome: second!.outcome, sentAt: s.probeGapSeconds, method: s.probeMethod };
  const proxyName = s.proxy === 'alb' ? 'the ALB' : 'nginx';
  const bad = estimate.badGatewaysPerHour;
  const failing = bad > 0;
  let verdict: string;
  if (failing) {
    verdict = `502s from ${proxyName}: ${formatPerHour(bad)}, and none of them in Gunicorn's access log or your app's logs: those requests never reached the app.`;
  } else if (estimate.staleHitsPerHour > 0) {
    verdict = `No 502s: requests still meet a closing connection (${formatPerHour(estimate.staleHitsPerHour)}), and nginx resends every one.`;
  } else {
    verdict = `No 502s from keep-alive: ${race.reason}`;
  }
  return { race, estimate, timeline, probe, verdict, failing };
}
