/**
 * The keep-alive race between a proxy that reuses idle upstream connections and a Gunicorn
 * worker that closes an idle keep-alive connection after `keepalive` seconds.
 *
 * This file holds the structural question the deployment audit asks ("can this pairing
 * produce the race at all, and who closes an idle connection first?"). The timing model
 * (request rate, idle gaps, per-request outcomes, expected 502s an hour) builds on it.
 *
 * Sources:
 * - Gunicorn `keepalive` (default 2 s; "The sync worker does not support persistent
 *   connections and will ignore this option"):
 *   https://gunicorn.org/reference/settings/#keepalive
 * - ALB connection idle timeout (default 60 s) and the advice to give the target a longer
 *   keep-alive than the load balancer's idle timeout:
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#connection-idle-timeout
 * - nginx reuses upstream connections only with `keepalive` in the upstream block plus
 *   `proxy_http_version 1.1` and an empty `Connection` header; an idle cached connection is
 *   kept for the upstream `keepalive_timeout` (default 60 s, nginx ≥ 1.15.3):
 *   https://nginx.org/en/docs/http/ngx_http_upstream_module.html#keepalive
 */

/** Gunicorn worker classes as far as keep-alive is concerned. */
export type KeepAliveWorkerClass =
  | 'sync' // closes after every response (no keep-alive)
  | 'gthread'
  | 'gevent'
  | 'eventlet' // deprecated in Gunicorn 25, removed in 26.0.0
  | 'tornado'
  | 'asgi' // Gunicorn's own ASGI worker, 24.0+
  | 'uvicorn'; // uvicorn.workers.UvicornWorker: takes its keep-alive from Gunicorn's `keepalive`

export type KeepAliveProxyKind = 'alb' | 'nginx' | 'other';

export interface KeepAliveRaceInput {
  workerClass: KeepAliveWorkerClass;
  /** Gunicorn `keepalive` in seconds (0 disables keep-alive for every worker class). */
  gunicornKeepaliveSeconds: number;
  proxy: {
    kind: KeepAliveProxyKind;
    /** Does the proxy keep idle connections to Gunicorn open for reuse? (ALB: always.) */
    reusesUpstreamConnections: boolean;
    /** How long the proxy keeps an idle upstream connection before closing it itself. */
    idleTimeoutSeconds: number;
  };
}

/** Who closes an idle upstream connection first. */
export type IdleCloser =
  | 'per-request' // no connection outlives its request: sync worker, keepalive 0 or no reuse
  | 'proxy' // the proxy's idle timeout is shorter: Gunicorn never closes an idle connection first
  | 'gunicorn'; // Gunicorn closes first: the proxy may send a request into the closing socket

export interface KeepAliveRaceAssessment {
  /** True when a request can be sent on a connection Gunicorn is closing (a 502 risk). */
  raceWindow: boolean;
  closer: IdleCloser;
  /** One sentence in plain words. */
  reason: string;
}

const KEEPS_ALIVE: Record<KeepAliveWorkerClass, boolean> = {
  sync: false,
  gthread: true,
  gevent: true,
  eventlet: true,
  tornado: true,
  asgi: true,
  uvicorn: true,
};

/** Whether the Gunicorn side keeps a connection open after a response at all. */
export function workerKeepsConnections(
  workerClass: KeepAliveWorkerClass,
  keepaliveSeconds: number,
) {
  return KEEPS_ALIVE[workerClass] && keepaliveSeconds > 0;
}

/**
 * Can this proxy/worker pairing send a request into a connection Gunicorn is closing?
 * Equal timeouts count as a race: both sides' timers fire at nearly the same moment and
 * the proxy can still pick the connection in between.
 */
export function assessKeepAliveRace(input: KeepAliveRaceInput): KeepAliveRaceAssessment {
  const { workerClass, gunicornKeepaliveSeconds: keepalive, proxy } = input;
  if (!workerKeepsConnections(workerClass, keepalive)) {
    return {
      raceWindow: false,
      closer: 'per-request',
      reason:
        workerClass === 'sync'
          ? 'The sync worker closes the connection after every response, so no idle connection is ever reused.'
          : 'Gunicorn keepalive is 0, so the worker closes the connection after every response.',
    };
  }
  if (!proxy.reusesUpstreamConnections) {
    return {
      raceWindow: false,
      closer: 'per-request',
      reason: 'The proxy opens a new upstream connection for every request, so none is reused.',
    };
  }
  if (proxy.idleTimeoutSeconds < keepalive) {
    return {
      raceWindow: false,
      closer: 'proxy',
      reason: `The proxy drops idle connections after ${proxy.idleTimeoutSeconds} s, before Gunicorn's ${keepalive} s keepalive, so Gunicorn never closes a connection the proxy may still use.`,
    };
  }
  return {
    raceWindow: true,
    closer: 'gunicorn',
    reason: `Gunicorn closes an idle connection after ${keepalive} s while the proxy keeps it for ${proxy.idleTimeoutSeconds} s: a request sent as Gunicorn closes it fails with a 502.`,
  };
}
