/**
 * The scenarios run against real nginx and Gunicorn (`real-nginx-gunicorn.test.ts`, the
 * harness in `harness/keepalive/`) and the model configuration each lane corresponds to.
 *
 * Each scenario drives one request list down two lanes at once, each with its own Gunicorn:
 * through nginx (upstream keep-alive, default `proxy_next_upstream`), and straight from a
 * client that behaves like an ALB (keeps one connection, reuses it while idle, drops it when
 * it sees the FIN or after its idle timeout, never retries).
 *
 * Loopback has no latency, so on one machine a request could only meet a closing socket in
 * a window microseconds wide. Between each proxy and Gunicorn the harness puts a link that
 * delays every packet by `LINK_DELAY_SECONDS` each way, as a long network path would: the
 * window becomes 0.4 s wide, and gaps are chosen to land well inside or well outside it.
 */
import type { GthreadLoop, HttpMethod } from './mechanics';
import type { KeepAliveTimingConfig, TimedRequest } from './timing';

export const LINK_DELAY_SECONDS = 0.2;
/** The app's sleep (harness/keepalive/app.py) plus a few milliseconds of Gunicorn and Flask. */
export const SERVICE_SECONDS = 0.3;
const SERVICE_OVERHEAD_SECONDS = 0.01;
/** Timings closer than this to a boundary are reported as "may fail either way". */
export const REAL_MARGIN_SECONDS = 0.1;

export type RealLane = 'nginx' | 'direct';

export interface RealScenario {
  id: string;
  title: string;
  workerClass: 'sync' | 'gthread';
  gunicornKeepaliveSeconds: number;
  /** nginx upstream `keepalive_timeout`, and the ALB-like client's idle timeout. */
  proxyIdleTimeoutSeconds: number;
  requests: TimedRequest[];
}

/** Requests `gaps[i]` seconds after the previous one (the first at 0). */
function chain(steps: [number, HttpMethod][]): TimedRequest[] {
  let t = 0;
  return steps.map(([gap, method]) => ({
    sendAtSeconds: Math.round((t += gap) * 1000) / 1000,
    method,
  }));
}

// With keepalive 2, a 0.2 s link and a 0.3 s response, gthread 20.1 closes an idle
// connection 3.2 s after the request that used it (the loop turn after the 2.5 s deadline),
// and the FIN reaches the proxy 0.2 s later: a request sent 3.0–3.4 s after the previous one
// meets the closing socket. 1.5 s and 2.6 s reuse the connection; 4.2 s finds it gone.
const AT_THE_BOUNDARY = chain([
  [0, 'GET'],
  [1.5, 'POST'],
  [2.6, 'GET'],
  [3.2, 'POST'],
  [1.5, 'GET'],
  [3.2, 'GET'],
  [4.2, 'POST'],
  [1.5, 'GET'],
  [3.2, 'POST'],
  [1.5, 'POST'],
  [3.2, 'GET'],
]);

export const REAL_SCENARIOS: RealScenario[] = [
  {
    id: 'default-keepalive',
    title: 'gthread, keepalive 2 s (the default), proxy keeps idle connections 60 s',
    workerClass: 'gthread',
    gunicornKeepaliveSeconds: 2,
    proxyIdleTimeoutSeconds: 60,
    requests: AT_THE_BOUNDARY,
  },
  {
    id: 'keepalive-above-proxy',
    title: 'gthread, keepalive 5 s, proxy drops idle connections after 3 s',
    workerClass: 'gthread',
    gunicornKeepaliveSeconds: 5,
    proxyIdleTimeoutSeconds: 3,
    requests: AT_THE_BOUNDARY,
  },
  {
    id: 'sync-worker',
    title: 'sync worker (keepalive ignored), proxy keeps idle connections 60 s',
    workerClass: 'sync',
    gunicornKeepaliveSeconds: 2,
    proxyIdleTimeoutSeconds: 60,
    requests: AT_THE_BOUNDARY,
  },
];

/** gthread's loop for a Gunicorn version string ("20.1.0" → 20.1–23, "24.1.1" → 24+). */
export function gthreadLoopFor(version: string): GthreadLoop {
  return Number(version.split('.')[0]) >= 24 ? '24+' : '20.1-23';
}

/** The model configuration of one lane of a real scenario. */
export function laneConfig(
  scenario: RealScenario,
  lane: RealLane,
  gunicornVersion: string,
): KeepAliveTimingConfig {
  return {
    workerClass: scenario.workerClass,
    gthreadLoop: gthreadLoopFor(gunicornVersion),
    gunicornKeepaliveSeconds: scenario.gunicornKeepaliveSeconds,
    proxy:
      lane === 'nginx'
        ? {
            kind: 'nginx',
            idleTimeoutSeconds: scenario.proxyIdleTimeoutSeconds,
            retry: 'idempotent',
          }
        : { kind: 'alb', idleTimeoutSeconds: scenario.proxyIdleTimeoutSeconds, retry: 'never' },
    linkDelaySeconds: LINK_DELAY_SECONDS,
    connectSeconds: 0,
    serviceSeconds: SERVICE_SECONDS + SERVICE_OVERHEAD_SECONDS,
  };
}
