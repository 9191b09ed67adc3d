/**
 * Gunicorn's `keepalive` shorter than (or equal to) the idle timeout of the proxy that reuses
 * connections to it: the proxy may send a request into a connection Gunicorn is closing (a
 * 502). The verdict is `assessKeepAliveRace` (src/sim/keepalive/race.ts). The proxy in
 * front of Gunicorn is nginx when an nginx config is given (it reuses upstream connections
 * only with `keepalive` in the upstream block and `proxy_http_version 1.1` with an empty
 * Connection header; idle timeout = the upstream `keepalive_timeout`, default 60 s), else
 * the ALB (always reuses; idle timeout default 60 s).
 */
import { assessKeepAliveRace, type KeepAliveRaceInput } from '../../keepalive/race';
import type { Facts, Val } from '../facts';
import { gunicornValue, keepAliveWorkerClass, runsGunicorn } from '../derive';
import { defineAuditRule, SOURCES } from './rule';

const NGINX_UPSTREAM_KEEPALIVE_TIMEOUT_DEFAULT = 60;
const ALB_IDLE_TIMEOUT_DEFAULT = 60;

/** The proxy directly in front of Gunicorn, as the race model wants it, and where it is set. */
export function directProxy(
  facts: Facts,
): { proxy: KeepAliveRaceInput['proxy']; at: Val<unknown>; label: string } | null {
  const nginx = facts.nginx;
  if (nginx) {
    const connection = nginx.proxySetHeaders.get('connection')?.value;
    const reuses =
      nginx.upstreamKeepalive !== undefined &&
      nginx.proxyHttpVersion?.value === '1.1' &&
      connection === '';
    const idle = nginx.upstreamKeepaliveTimeout?.value ?? NGINX_UPSTREAM_KEEPALIVE_TIMEOUT_DEFAULT;
    return {
      proxy: { kind: 'nginx', reusesUpstreamConnections: reuses, idleTimeoutSeconds: idle },
      at: nginx.upstreamKeepaliveTimeout ?? nginx.upstreamKeepalive ?? nginx.at,
      label: `nginx keeps idle upstream connections for ${idle} s${nginx.upstreamKeepaliveTimeout ? '' : ' (keepalive_timeout default)'}`,
    };
  }
  const alb = facts.alb;
  if (alb) {
    const idle = alb.idleTimeoutSeconds?.value ?? ALB_IDLE_TIMEOUT_DEFAULT;
    return {
      proxy: { kind: 'alb', reusesUpstreamConnections: true, idleTimeoutSeconds: idle },
      at: alb.idleTimeoutSeconds ?? alb.at,
      label: `the ALB's idle timeout is ${idle} s${alb.idleTimeoutSeconds ? '' : ' (default)'}`,
    };
  }
  return null;
}

export default defineAuditRule(
  {
    code: 'keepalive-race',
    level: 'error',
    title: "Gunicorn's keep-alive is shorter than the proxy's idle timeout",
    failure:
      'Now and then the proxy reuses a connection at the moment Gunicorn closes it, and the client gets a 502.',
    fix: "Set Gunicorn's keepalive longer than the proxy's idle timeout (e.g. 65 s behind a 60 s ALB), or make the proxy's idle timeout shorter.",
    sources: [SOURCES.gunicornKeepalive, SOURCES.albIdle, SOURCES.nginxKeepalive],
  },
  ({ facts }) => {
    const workerClass = keepAliveWorkerClass(facts);
    const front = directProxy(facts);
    if (!runsGunicorn(facts) || !workerClass || !front) return [];
    const keepalive = gunicornValue(facts, 'keepalive');
    const verdict = assessKeepAliveRace({
      workerClass,
      gunicornKeepaliveSeconds: keepalive,
      proxy: front.proxy,
    });
    if (!verdict.raceWindow) return [];
    const ka = facts.gunicorn.keepalive;
    return [
      {
        at: ka ?? facts.gunicorn.workerClass ?? facts.gunicorn.threads ?? front.at,
        message: `Gunicorn ${workerClass} workers keep idle connections for keepalive ${keepalive} s${ka ? '' : ' (default)'}, and ${front.label}. ${verdict.reason}`,
        fix: {
          text: `Set keepalive = ${front.proxy.idleTimeoutSeconds + 5} (longer than the proxy's ${front.proxy.idleTimeoutSeconds} s).`,
        },
        ...(ka
          ? { replace: { at: ka, replacement: String(front.proxy.idleTimeoutSeconds + 5) } }
          : {}),
        related: [front.at, facts.gunicorn.workerClass],
      },
    ];
  },
);
