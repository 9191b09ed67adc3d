/**
 * The keep-alive race by the hour: how many requests an hour reach Gunicorn on a connection
 * it is closing, and how many of those the client sees as a 502.
 *
 * Traffic: requests reach the proxy as a Poisson process (`requestsPerSecond`), spread
 * evenly over `connections` kept connections to one Gunicorn worker, so each connection sees
 * a Poisson process of rate `requestsPerSecond / connections` (an ALB's choice of connection
 * is not documented: UNVERIFIED, an even spread is the assumption). The arrival times are
 * drawn from a seeded generator (`src/sim/random.ts`); the close of every parked connection
 * follows the worker's real loop (`mechanics.ts`) given everything else the worker saw.
 *
 * For each parked connection the chance that its next request is sent inside the window
 * (reaches Gunicorn after the close, before the FIN has reached the proxy) is computed
 * exactly from the exponential gap instead of counted, so one simulated hour gives a stable
 * figure even when the window is a millisecond wide.
 */
import { createRandom, sampleExponential } from '../random';
import {
  firstLoopTurnAtOrAfter,
  type GthreadLoop,
  type RetryPolicy,
  type TimedWorkerClass,
} from './mechanics';

export interface KeepAliveRateInput {
  workerClass: TimedWorkerClass;
  gthreadLoop: GthreadLoop;
  gunicornKeepaliveSeconds: number;
  proxy: { kind: 'alb' | 'nginx'; idleTimeoutSeconds: number; retry: RetryPolicy };
  /** Requests per second the proxy sends to this worker. */
  requestsPerSecond: number;
  /** How many connections those requests are spread over. */
  connections: number;
  /** Share of requests nginx will not resend (POST, PATCH), 0..1. */
  nonIdempotentShare: number;
  /** One-way delay proxy ↔ Gunicorn, seconds (the window is two of these wide). */
  linkDelaySeconds: number;
  serviceSeconds: number;
  seed: number;
  /** Cap on simulated requests (the figure is scaled to an hour). */
  maxRequests?: number;
}

export interface KeepAliveRateEstimate {
  requestsPerHour: number;
  /** Requests an hour that reach a connection Gunicorn has closed. */
  staleHitsPerHour: number;
  /** Of those, the ones the client sees as a 502 (the rest nginx resends). */
  badGatewaysPerHour: number;
  /** Mean delay between Gunicorn's keep-alive deadline and the actual close, seconds. */
  meanCloseLagSeconds: number;
  /** Expected idle connections an hour that Gunicorn closes before the proxy drops them. */
  gunicornClosesPerHour: number;
  simulatedSeconds: number;
}

const DEFAULT_MAX_REQUESTS = 200_000;

/** Fraction of stale hits the client sees as a 502 under a retry policy. */
function unretriedShare(retry: RetryPolicy, nonIdempotentShare: number): number {
  if (retry === 'never') return 1;
  if (retry === 'all') return 0;
  return nonIdempotentShare;
}

export function estimateKeepAlive502s(input: KeepAliveRateInput): KeepAliveRateEstimate {
  const rate = input.requestsPerSecond;
  const connections = Math.max(1, Math.floor(input.connections));
  const keepalive = input.gunicornKeepaliveSeconds;
  const zero: KeepAliveRateEstimate = {
    requestsPerHour: rate * 3600,
    staleHitsPerHour: 0,
    badGatewaysPerHour: 0,
    meanCloseLagSeconds: 0,
    gunicornClosesPerHour: 0,
    simulatedSeconds: 0,
  };
  if (!(rate > 0) || input.workerClass === 'sync' || keepalive <= 0) return zero;

  const perConnection = rate / connections;
  const maxRequests = input.maxRequests ?? DEFAULT_MAX_REQUESTS;
  const horizon = Math.min(3600, maxRequests / rate);
  const random = createRandom(input.seed);
  const delay = input.linkDelaySeconds;
  const service = input.serviceSeconds;

  // Each connection's send times, then every arrival at Gunicorn (the loop's wakes).
  const sends: number[][] = [];
  const wakes: number[] = [];
  for (let c = 0; c < connections; c++) {
    const list: number[] = [];
    let t = sampleExponential(random, 1 / perConnection);
    while (t < horizon) {
      list.push(t);
      wakes.push(t + delay);
      if (input.workerClass === 'gthread' && input.gthreadLoop === '24+')
        wakes.push(t + delay + service);
      t += sampleExponential(random, 1 / perConnection);
    }
    sends.push(list);
  }
  wakes.sort((a, b) => a - b);

  let stale = 0;
  let closes = 0;
  let lagSum = 0;
  let parked = 0;
  for (const list of sends) {
    for (let i = 0; i < list.length; i++) {
      const sent = list[i]!;
      const deadline = sent + delay + service + keepalive;
      const idleSince = sent + 2 * delay + service;
      // The loop's turns come from every other event the worker saw, not this connection's
      // next request: that request is the thing whose timing we weigh.
      const close =
        input.workerClass === 'gevent'
          ? deadline
          : firstLoopTurnAtOrAfter(deadline, wakes, (list[i + 1] ?? Number.NaN) + delay);
      parked += 1;
      lagSum += close - deadline;
      // The next send on this connection: exponential from `sent` (memoryless), and it hits
      // the closed socket when sent in [close - delay, min(close + delay, proxy expiry)).
      const low = close - delay;
      const high = Math.min(close + delay, idleSince + input.proxy.idleTimeoutSeconds);
      if (idleSince + input.proxy.idleTimeoutSeconds > close)
        closes += Math.exp(-perConnection * Math.max(0, close - delay - sent));
      if (high > low) {
        stale +=
          Math.exp(-perConnection * Math.max(0, low - sent)) -
          Math.exp(-perConnection * Math.max(0, high - sent));
      }
    }
  }
  const scale = 3600 / horizon;
  const share = unretriedShare(input.proxy.retry, input.nonIdempotentShare);
  return {
    requestsPerHour: rate * 3600,
    staleHitsPerHour: stale * scale,
    badGatewaysPerHour: stale * scale * share,
    meanCloseLagSeconds: parked > 0 ? lagSum / parked : 0,
    gunicornClosesPerHour: closes * scale,
    simulatedSeconds: horizon,
  };
}
