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

  // Each connection's send times (one flat array, connection by connection), then every
  // arrival at Gunicorn (the loop's wakes), sorted. Typed arrays keep this to a few ms.
  const loopWakes = input.workerClass === 'gthread';
  const wakesPerRequest = input.gthreadLoop === '24+' ? 2 : 1;
  let sends = new Float64Array(Math.ceil(rate * horizon * 1.2) + 64);
  const starts: number[] = [];
  let count = 0;
  for (let c = 0; c < connections; c++) {
    starts.push(count);
    let t = sampleExponential(random, 1 / perConnection);
    while (t < horizon) {
      if (count === sends.length) {
        const bigger = new Float64Array(sends.length * 2);
        bigger.set(sends);
        sends = bigger;
      }
      sends[count++] = t;
      t += sampleExponential(random, 1 / perConnection);
    }
  }
  starts.push(count);
  const wakes = new Float64Array(loopWakes ? count * wakesPerRequest : 0);
  if (loopWakes) {
    for (let i = 0; i < count; i++) {
      wakes[i * wakesPerRequest] = sends[i]! + delay;
      if (wakesPerRequest === 2) wakes[i * 2 + 1] = sends[i]! + delay + service;
    }
    wakes.sort();
  }

  let stale = 0;
  let closes = 0;
  let lagSum = 0;
  const expiry = input.proxy.idleTimeoutSeconds;
  for (let c = 0; c < connections; c++) {
    const last = starts[c + 1]!;
    for (let i = starts[c]!; i < last; i++) {
      const sent = sends[i]!;
      const deadline = sent + delay + service + keepalive;
      const idleSince = sent + 2 * delay + service;
      // The loop's turns come from every other event the worker saw, not this connection's
      // next request: that request is the thing whose timing we weigh.
      const close = loopWakes
        ? firstLoopTurnAtOrAfter(deadline, wakes, i + 1 < last ? sends[i + 1]! + delay : Number.NaN)
        : deadline;
      lagSum += close - deadline;
      // The next send on this connection: exponential from `sent` (memoryless), and it hits
      // the closed socket when sent in [close - delay, min(close + delay, proxy expiry)).
      const low = close - delay;
      const high = Math.min(close + delay, idleSince + expiry);
      if (idleSince + expiry > close)
        closes += Math.exp(-perConnection * Math.max(0, close - delay - sent));
      if (high > low) {
        stale +=
          Math.exp(-perConnection * Math.max(0, low - sent)) -
          Math.exp(-perConnection * Math.max(0, high - sent));
      }
    }
  }
  const parked = count;
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
