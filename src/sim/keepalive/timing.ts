/**
 * The keep-alive race, request by request: an explicit list of requests a proxy (ALB or
 * nginx) sends to one Gunicorn worker over reused connections, and what each one gets.
 * The mechanics and their sources are in `mechanics.ts`.
 *
 * Time is in seconds from the first request. The link between proxy and Gunicorn delays
 * every packet by `linkDelaySeconds` each way, so Gunicorn's FIN reaches the proxy one delay
 * after the close, and a request reaches Gunicorn one delay after it is sent.
 */
import {
  firstLoopTurnAtOrAfter,
  proxyRetries,
  type GthreadLoop,
  type HttpMethod,
  type RetryPolicy,
  type TimedWorkerClass,
} from './mechanics';

export interface KeepAliveTimingConfig {
  workerClass: TimedWorkerClass;
  /** Which gthread main loop (ignored for other classes). */
  gthreadLoop: GthreadLoop;
  /** Gunicorn `keepalive`, seconds (an integer in Gunicorn; 0 turns keep-alive off). */
  gunicornKeepaliveSeconds: number;
  proxy: {
    kind: 'alb' | 'nginx';
    /** ALB connection idle timeout, or nginx's upstream `keepalive_timeout`. */
    idleTimeoutSeconds: number;
    retry: RetryPolicy;
  };
  /** One-way delay between the proxy and Gunicorn, seconds. */
  linkDelaySeconds: number;
  /** Extra time before the first byte of a request on a new connection (handshake), seconds. */
  connectSeconds: number;
  /** How long Gunicorn takes to answer, from the request's arrival to the response's end. */
  serviceSeconds: number;
}

export interface TimedRequest {
  sendAtSeconds: number;
  method: HttpMethod;
}

export type RequestOutcome =
  | 'ok-reused' // served on a reused keep-alive connection
  | 'ok-new' // served on a new connection
  | 'retried' // failed on a stale connection, resent by nginx on another: the client sees 200
  | 'failed'; // the client sees a 502 (or, talking to Gunicorn directly, a reset / early EOF)

export interface RequestResult {
  index: number;
  sendAtSeconds: number;
  method: HttpMethod;
  outcome: RequestOutcome;
  /** False when a timing this outcome depends on lies within the margin of a boundary. */
  certain: boolean;
  /** When Gunicorn closed the stale connection this request hit (failed/retried only). */
  closedAtSeconds?: number;
  /** Connection number (from 0) that finally served the request, or failed it. */
  connection: number;
}

interface Conn {
  id: number;
  /** Time the proxy got the last response and parked the connection. */
  idleSince: number;
  /** Gunicorn's keep-alive deadline, or Infinity while a request is in flight. */
  gunicornDeadline: number;
  /** Whether the connection is gone for good (either side closed it and the proxy knows). */
  dead: boolean;
  busyUntil: number;
}

const OUTCOME_FAILS: Record<RequestOutcome, boolean> = {
  'ok-reused': false,
  'ok-new': false,
  retried: true,
  failed: true,
};

/** Did this request land on a stale connection (whether or not it was retried)? */
export function hitStaleConnection(outcome: RequestOutcome): boolean {
  return OUTCOME_FAILS[outcome];
}

/** Whether Gunicorn keeps a connection open after a response for this configuration. */
export function keepsAlive(config: KeepAliveTimingConfig): boolean {
  return config.workerClass !== 'sync' && config.gunicornKeepaliveSeconds > 0;
}

/**
 * Per-request outcomes for `requests` (any order; results come back in input order).
 * `marginSeconds` widens every boundary the outcome depends on: a request whose timing is
 * closer than that to a boundary is reported `certain: false`, and so is every request after
 * it until no connection is left open (its fate changes what the later ones find).
 */
export function simulateKeepAliveRequests(
  config: KeepAliveTimingConfig,
  requests: readonly TimedRequest[],
  marginSeconds = 0,
): RequestResult[] {
  const delay = config.linkDelaySeconds;
  const keepalive = config.gunicornKeepaliveSeconds;
  const wakes: number[] = []; // gthread main-loop wakes from events, ascending
  const addWake = (t: number) => {
    let i = wakes.length;
    while (i > 0 && wakes[i - 1]! > t) i--;
    wakes.splice(i, 0, t);
  };
  let conns: Conn[] = []; // connections not yet known dead
  let opened = 0;
  const order = requests
    .map((r, index) => ({ ...r, index }))
    .sort((a, b) => a.sendAtSeconds - b.sendAtSeconds || a.index - b.index);
  const results: RequestResult[] = [];
  let tainted = false;
  let taintedAt = -Infinity;
  // After this long every connection of the other branch is closed too.
  const settleSeconds =
    config.connectSeconds +
    2 * delay +
    config.serviceSeconds +
    Math.min(keepalive + 1, config.proxy.idleTimeoutSeconds) +
    marginSeconds;

  /** The wakes before `t` (a copy only when some lie at or after it). */
  const wakesBefore = (t: number): readonly number[] => {
    let n = wakes.length;
    while (n > 0 && wakes[n - 1]! >= t) n--;
    return n === wakes.length ? wakes : wakes.slice(0, n);
  };

  /** When Gunicorn closes a parked connection (Infinity: not while parked). */
  const closeTime = (conn: Conn, before: number): number => {
    if (!Number.isFinite(conn.gunicornDeadline)) return Infinity;
    if (config.workerClass === 'gevent') return conn.gunicornDeadline;
    return firstLoopTurnAtOrAfter(conn.gunicornDeadline, wakesBefore(before));
  };

  const serve = (conn: Conn, arrival: number) => {
    addWake(arrival);
    const done = arrival + config.serviceSeconds;
    if (config.workerClass === 'gthread' && config.gthreadLoop === '24+') addWake(done);
    conn.busyUntil = done + delay;
    conn.idleSince = done + delay;
    if (keepsAlive(config)) conn.gunicornDeadline = done + keepalive;
    else conn.dead = true; // sync or keepalive 0: Connection: close
  };

  const open = (t: number): Conn => {
    const conn: Conn = {
      id: opened++,
      idleSince: t,
      gunicornDeadline: Infinity,
      dead: false,
      busyUntil: Infinity,
    };
    conns.push(conn);
    serve(conn, t + config.connectSeconds + delay);
    return conn;
  };

  for (const request of order) {
    const t = request.sendAtSeconds;
    let uncertain = false;
    const near = (a: number, b: number) => Math.abs(a - b) < marginSeconds;

    // Retire connections the proxy knows are gone: its own idle timeout, or Gunicorn's FIN.
    const usable: { conn: Conn; close: number }[] = [];
    for (const conn of conns) {
      if (conn.dead || conn.busyUntil > t) continue;
      const proxyExpiry = conn.idleSince + config.proxy.idleTimeoutSeconds;
      if (near(t, proxyExpiry)) uncertain = true;
      if (t >= proxyExpiry) {
        conn.dead = true;
        addWake(proxyExpiry + delay); // the proxy's FIN wakes Gunicorn's loop
        continue;
      }
      const close = closeTime(conn, t + delay);
      if (near(t, close + delay)) uncertain = true;
      if (t >= close + delay) {
        conn.dead = true; // the FIN has arrived: the proxy drops the connection
        continue;
      }
      usable.push({ conn, close });
    }
    conns = conns.filter((c) => !c.dead);
    if (tainted && t > taintedAt + settleSeconds) tainted = false;

    // Both nginx's cache and the model's ALB reuse the most recently parked connection.
    usable.sort((a, b) => b.conn.idleSince - a.conn.idleSince);
    const picked = usable[0];
    let outcome: RequestOutcome;
    let closedAt: number | undefined;
    let servedOn: Conn;
    if (picked === undefined) {
      servedOn = open(t);
      outcome = 'ok-new';
    } else {
      const arrival = t + delay;
      const { conn, close } = picked;
      if (config.workerClass === 'gthread') {
        // is a loop turn at the deadline close to the arrival?
        const known = wakesBefore(arrival);
        const turnEarly = firstLoopTurnAtOrAfter(conn.gunicornDeadline - marginSeconds, known);
        const turnLate = firstLoopTurnAtOrAfter(conn.gunicornDeadline + marginSeconds, known);
        if (turnEarly < arrival !== turnLate < arrival) uncertain = true;
      }
      if (near(arrival, close)) uncertain = true;
      if (arrival < close) {
        servedOn = conn;
        serve(conn, arrival);
        outcome = 'ok-reused';
      } else {
        conn.dead = true;
        closedAt = close;
        // The proxy learns of the failure when the FIN (sent at `close`) reaches it.
        const failedAt = close + delay;
        if (proxyRetries(config.proxy.retry, request.method)) {
          servedOn = open(failedAt);
          outcome = 'retried';
        } else {
          servedOn = conn;
          outcome = 'failed';
        }
      }
    }
    if (uncertain) {
      tainted = true;
      taintedAt = Math.max(taintedAt, servedOn.busyUntil, t);
    }
    results.push({
      index: request.index,
      sendAtSeconds: t,
      method: request.method,
      outcome,
      certain: !tainted,
      connection: servedOn.id,
      ...(closedAt === undefined ? {} : { closedAtSeconds: closedAt }),
    });
  }
  return results.sort((a, b) => a.index - b.index);
}

export interface IdleConnectionTimeline {
  /** Gunicorn finished the response (the connection is parked from here). */
  responseEndAt: number;
  /** Gunicorn's keep-alive deadline: response end + `keepalive`. */
  deadlineAt: number;
  /** Gunicorn closes the socket (the loop turn after the deadline, for gthread). */
  closeAt: number;
  /** The proxy would drop the idle connection itself. */
  proxyExpiresAt: number;
  /** Who closes the idle connection first. */
  closer: 'gunicorn' | 'proxy' | 'per-request';
  /** When the connection stops being idle: the first side's close. */
  idleEndsAt: number;
  /** Send times of the next request that meet the closing socket (empty when closer ≠ gunicorn). */
  windowFrom: number;
  windowTo: number;
}

/**
 * What happens to one connection after a single request sent at 0 on a worker with nothing
 * else to do: where the close falls and which send times of the next request fail.
 */
export function idleConnectionTimeline(config: KeepAliveTimingConfig): IdleConnectionTimeline {
  const delay = config.linkDelaySeconds;
  const arrival = config.connectSeconds + delay;
  const done = arrival + config.serviceSeconds;
  const proxyExpiresAt = done + delay + config.proxy.idleTimeoutSeconds;
  if (!keepsAlive(config)) {
    return {
      responseEndAt: done,
      deadlineAt: done,
      closeAt: done,
      proxyExpiresAt: done + delay,
      closer: 'per-request',
      idleEndsAt: done,
      windowFrom: 0,
      windowTo: 0,
    };
  }
  const deadlineAt = done + config.gunicornKeepaliveSeconds;
  const wakes = config.gthreadLoop === '24+' ? [arrival, done] : [arrival];
  const closeAt =
    config.workerClass === 'gevent' ? deadlineAt : firstLoopTurnAtOrAfter(deadlineAt, wakes);
  const gunicornFirst = closeAt < proxyExpiresAt;
  return {
    responseEndAt: done,
    deadlineAt,
    closeAt,
    proxyExpiresAt,
    closer: gunicornFirst ? 'gunicorn' : 'proxy',
    idleEndsAt: gunicornFirst ? closeAt : proxyExpiresAt,
    windowFrom: gunicornFirst ? closeAt - delay : 0,
    windowTo: gunicornFirst ? Math.min(closeAt + delay, proxyExpiresAt) : 0,
  };
}
