/**
 * A sync worker may run a request for up to Gunicorn's `timeout` (then the master kills it).
 * A proxy that waits less for the response gives up first: nginx `proxy_read_timeout`
 * (default 60 s, time between two reads of the response), the ingress-nginx
 * `proxy-read-timeout` annotation, the ALB idle timeout (default 60 s, no data sent or
 * received) answer 504 while Gunicorn keeps working. No site model covers this comparison;
 * it rests on the three documented timeouts.
 */
import { gunicornValue, keepAliveWorkerClass, runsGunicorn } from '../derive';
import type { Val } from '../facts';
import { defineAuditRule, SOURCES, type RawAuditFinding } from './rule';

export default defineAuditRule(
  {
    code: 'timeout-exceeds-proxy-timeout',
    level: 'warning',
    title: "Gunicorn's timeout is longer than the proxy waits for a response",
    failure:
      'Slow requests get a 504 from the proxy while the worker keeps running them, so the work is done and thrown away.',
    fix: "Keep Gunicorn's timeout below the proxy's read/idle timeout, or raise the proxy's timeout for the slow routes.",
    sources: [
      SOURCES.gunicornTimeout,
      SOURCES.nginxReadTimeout,
      SOURCES.albIdle,
      SOURCES.ingressNginxTimeouts,
    ],
  },
  ({ facts }) => {
    if (!runsGunicorn(facts) || keepAliveWorkerClass(facts) !== 'sync') return [];
    const timeout = gunicornValue(facts, 'timeout');
    if (timeout <= 0) return [];
    const proxies: { name: string; seconds: number; at: Val<unknown>; given: boolean }[] = [];
    if (facts.nginx) {
      proxies.push({
        name: 'nginx proxy_read_timeout',
        seconds: facts.nginx.proxyReadTimeout?.value ?? 60,
        at: facts.nginx.proxyReadTimeout ?? facts.nginx.at,
        given: facts.nginx.proxyReadTimeout !== undefined,
      });
    }
    if (facts.kubernetes?.nginxProxyReadTimeout) {
      proxies.push({
        name: 'ingress-nginx proxy-read-timeout',
        seconds: facts.kubernetes.nginxProxyReadTimeout.value,
        at: facts.kubernetes.nginxProxyReadTimeout,
        given: true,
      });
    }
    if (facts.alb) {
      proxies.push({
        name: 'ALB idle timeout',
        seconds: facts.alb.idleTimeoutSeconds?.value ?? 60,
        at: facts.alb.idleTimeoutSeconds ?? facts.alb.at,
        given: facts.alb.idleTimeoutSeconds !== undefined,
      });
    }
    const out: RawAuditFinding[] = [];
    for (const p of proxies) {
      if (p.seconds >= timeout) continue;
      out.push({
        at: facts.gunicorn.timeout ?? p.at,
        message: `Gunicorn timeout is ${timeout} s${facts.gunicorn.timeout ? '' : ' (default)'} but the ${p.name} is ${p.seconds} s${p.given ? '' : ' (default)'}: a request silent for longer gets a 504 from the proxy while the worker keeps running it.`,
        fix: {
          text: `Lower Gunicorn's timeout below ${p.seconds} s, or raise the ${p.name} above ${timeout} s.`,
        },
        related: [p.at],
      });
    }
    return out;
  },
);
