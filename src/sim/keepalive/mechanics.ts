/**
 * When a Gunicorn worker really closes an idle keep-alive connection, and what a proxy does
 * with a request that lands on it. Shared by the per-request model (`timing.ts`) and the
 * hourly estimate (`rate.ts`).
 *
 * Gunicorn, gthread worker (`gunicorn/workers/gthread.py`):
 * - After a response, `finish_request` stamps the connection `timeout = now + keepalive` and
 *   parks it in the keep-alive queue. Only `murder_keepalived()` closes it, and it runs once
 *   per turn of the worker's main loop, after `poller.select(1.0)` returns. The loop turns
 *   when an event arrives (a new connection, data on a parked one) or after 1 s of silence,
 *   so the close happens at the first loop turn at or after the deadline: up to 1 s late.
 *   A request that arrives on the parked socket before that turn wakes `select` itself, and
 *   the readable callback takes the connection out of the queue before `murder_keepalived`
 *   runs: it is served.
 *   https://github.com/benoitc/gunicorn/blob/20.1.0/gunicorn/workers/gthread.py
 *   https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/workers/gthread.py
 * - 20.1 to 23.0: `finish_request` runs as a future's done-callback in the thread that
 *   served the request, so finishing a response does not wake the main loop; the 1 s turns
 *   stay anchored on the last event (usually the request's own arrival).
 * - 24.0 and later: `finish_request` is posted to the main loop through `method_queue`, so
 *   the loop turns when the response finishes and its 1 s turns land exactly on the
 *   deadline when nothing else happens on the worker.
 *   https://github.com/benoitc/gunicorn/blob/24.0.0/gunicorn/workers/gthread.py
 *
 * Gunicorn, gevent worker (`gunicorn/workers/base_async.py`, `ggevent.py`, 20.1 to 26): the
 * wait for the next request runs inside `gevent.Timeout(keepalive, False)`; when it fires
 * the greenlet leaves its keep-alive loop and closes the socket, `keepalive` seconds after
 * the previous response, to the timer's precision.
 *   https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/workers/base_async.py
 *
 * Sync worker: "does not support persistent connections"; every response is sent with
 * `Connection: close` and the socket closed (https://gunicorn.org/reference/settings/#keepalive).
 *
 * What the request that hits a closed socket gets: Gunicorn's `close()` sends a FIN; a
 * request that reaches the closed socket is answered with a TCP RST by the kernel. The
 * proxy sees an early EOF or a reset while reading the response header. Once the proxy has
 * seen the FIN it no longer picks that connection: nginx's cached connection has a read
 * handler (`ngx_http_upstream_keepalive_close_handler`) that drops it as soon as it turns
 * readable. So the request fails only when it is sent while the FIN is still in flight:
 * send time in [close - one-way delay, close + one-way delay), a window one round trip wide.
 *   https://github.com/nginx/nginx/blob/release-1.22.1/src/http/modules/ngx_http_upstream_keepalive_module.c
 *
 * nginx on that failure (`ngx_http_upstream_next`, release-1.22.1): an early EOF or a reset
 * is `NGX_HTTP_UPSTREAM_FT_ERROR`; on a cached connection nginx gives the try back
 * (`if (u->peer.cached && ft_type == NGX_HTTP_UPSTREAM_FT_ERROR) u->peer.tries++`), so it
 * retries even with a single server in the upstream, when `proxy_next_upstream` contains
 * `error` (the default is `error timeout`) and the request is not POST, LOCK or PATCH
 * (those also need `non_idempotent`, nginx 1.9.13 and later). Otherwise it answers 502.
 *   https://github.com/nginx/nginx/blob/release-1.22.1/src/http/ngx_http_upstream.c
 *   https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_next_upstream
 *
 * ALB: AWS recommends an application idle timeout larger than the load balancer's,
 * "Otherwise, if the application closes the TCP connection to the load balancer
 * ungracefully, the load balancer might send a request to the application before it
 * receives the packet indicating that the connection is closed. If this is the case, then
 * the load balancer sends an HTTP 502 Bad Gateway error to the client." AWS documents no
 * retry of such a request; the model assumes none.
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#connection-idle-timeout
 */

/** The worker classes this timing model covers. */
export type TimedWorkerClass = 'sync' | 'gthread' | 'gevent';

/** gthread's main loop changed in 24.0 (see the header). */
export type GthreadLoop = '20.1-23' | '24+';

/** What the proxy does when a request on a reused connection fails. */
export type RetryPolicy =
  | 'never' // ALB; nginx with `proxy_next_upstream off`
  | 'idempotent' // nginx default `proxy_next_upstream error timeout`
  | 'all'; // nginx `proxy_next_upstream error timeout non_idempotent`

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The select() timeout of gthread's main loop, in seconds (both loops). */
export const GTHREAD_LOOP_TICK_SECONDS = 1;

/** nginx's list of methods it will not resend once sent (ngx_http_upstream_next). */
export function isNonIdempotentForNginx(method: HttpMethod): boolean {
  return method === 'POST' || method === 'PATCH';
}

/** Whether the proxy resends a request that failed on a stale connection. */
export function proxyRetries(policy: RetryPolicy, method: HttpMethod): boolean {
  if (policy === 'never') return false;
  if (policy === 'all') return true;
  return !isNonIdempotentForNginx(method);
}

/**
 * The first turn of gthread's main loop at or after `deadline`, given the times the loop
 * was woken by events (sorted ascending). Between events the loop turns every second after
 * the last one. `ignore` is one wake to leave out (a request whose own timing is in
 * question). Returns the turn time.
 */
export function firstLoopTurnAtOrAfter(
  deadline: number,
  wakes: ArrayLike<number>,
  ignore = Number.NaN,
): number {
  // the last wake at or before the deadline, and the first one after it
  let lo = 0;
  let hi = wakes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (wakes[mid]! <= deadline) lo = mid + 1;
    else hi = mid;
  }
  return loopTurnAfterWakes(deadline, wakes, lo, ignore);
}

/**
 * firstLoopTurnAtOrAfter when the caller already knows `atOrBefore`, how many wakes are at
 * or before the deadline (a caller walking deadlines in order keeps it with a pointer).
 */
export function loopTurnAfterWakes(
  deadline: number,
  wakes: ArrayLike<number>,
  atOrBefore: number,
  ignore = Number.NaN,
): number {
  let before = atOrBefore - 1;
  if (before >= 0 && wakes[before] === ignore) before--;
  let after = atOrBefore;
  if (after < wakes.length && wakes[after] === ignore) after++;
  const last = before >= 0 ? wakes[before]! : undefined;
  const next = after < wakes.length ? wakes[after]! : Infinity;
  if (last === undefined) return Math.min(deadline, next);
  if (last === deadline) return deadline;
  const turns = Math.ceil((deadline - last) / GTHREAD_LOOP_TICK_SECONDS);
  return Math.min(last + turns * GTHREAD_LOOP_TICK_SECONDS, next);
}
