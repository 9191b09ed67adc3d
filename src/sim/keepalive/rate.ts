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
  loopTurnAfterWakes,
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

  // One Poisson stream at the full rate, in time order, each request given to a connection
  // at random: each connection then sees an independent Poisson stream of rate / connections
  // (thinning), and every array below comes out sorted without a sort.
  let sends = new Float64Array(Math.ceil(rate * horizon * 1.2) + 64);
  let owner = new Int32Array(sends.length);
  let count = 0;
  for (let t = sampleExponential(random, 1 / rate); t < horizon;) {
    if (count === sends.length) {
      const biggerSends = new Float64Array(sends.length * 2);
      biggerSends.set(sends);
      sends = biggerSends;
      const biggerOwner = new Int32Array(owner.length * 2);
      biggerOwner.set(owner);
      owner = biggerOwner;
    }
    sends[count] = t;
    owner[count++] = Math.floor(random() * connections);
    t += sampleExponential(random, 1 / rate);
  }
  // The next request on the same connection, for each request (-1: none).
  const next = new Int32Array(count);
  const lastSeen = new Int32Array(connections).fill(-1);
  for (let i = count - 1; i >= 0; i--) {
    const c = owner[i]!;
    next[i] = lastSeen[c]!;
    lastSeen[c] = i;
  }
  const loopWakes = input.workerClass === 'gthread';
  const wakes = loopWakes
    ? gthreadWakes(sends, count, delay, input.gthreadLoop === '24+' ? service : null)
    : new Float64Array(0);

  let stale = 0;
  let closes = 0;
  let lagSum = 0;
  const expiry = input.proxy.idleTimeoutSeconds;
  let atOrBefore = 0; // wakes at or before the current deadline (deadlines only grow)
  for (let i = 0; i < count; i++) {
    const sent = sends[i]!;
    const deadline = sent + delay + service + keepalive;
    const idleSince = sent + 2 * delay + service;
    const following = next[i]!;
    // The loop's turns come from every other event the worker saw, not this connection's
    // next request: that request is the thing whose timing we weigh.
    while (atOrBefore < wakes.length && wakes[atOrBefore]! <= deadline) atOrBefore++;
    const close = loopWakes
      ? loopTurnAfterWakes(
          deadline,
          wakes,
          atOrBefore,
          following >= 0 ? sends[following]! + delay : Number.NaN,
        )
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

/**
 * The events that wake gthread's loop, sorted: every arrival, plus (24+, `service` given)
 * every response's end, merged from the two already sorted streams.
 */
function gthreadWakes(
  sends: Float64Array,
  count: number,
  delay: number,
  service: number | null,
): Float64Array {
  if (service === null) return sends.slice(0, count).map((t) => t + delay);
  const wakes = new Float64Array(count * 2);
  let a = 0;
  let b = 0;
  for (let k = 0; k < wakes.length; k++) {
    const arrival = a < count ? sends[a]! + delay : Infinity;
    const done = b < count ? sends[b]! + delay + service : Infinity;
    if (arrival <= done) {
      wakes[k] = arrival;
      a++;
    } else {
      wakes[k] = done;
      b++;
    }
  }
  return wakes;
}
