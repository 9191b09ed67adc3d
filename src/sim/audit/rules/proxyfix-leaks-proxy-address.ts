/** remote_addr ends up as a proxy's address instead of the client's. */
import { defineAuditRule, SOURCES } from './rule';
import { classificationFindings } from './trust';

export default defineAuditRule(
  {
    code: 'proxyfix-leaks-proxy-address',
    level: 'warning',
    title: 'remote_addr is a proxy, not the client',
    failure:
      "Logs, rate limits and per-IP rules see the proxy's address for every request, so one noisy client throttles everyone.",
    fix: 'Set ProxyFix x_for to the number of proxies that append to X-Forwarded-For.',
    sources: [SOURCES.proxyFix, SOURCES.flaskProxy],
  },
  ({ facts }) => classificationFindings(facts, 'leaks-proxy-address'),
);
