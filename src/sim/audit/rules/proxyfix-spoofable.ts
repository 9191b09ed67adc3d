/** ProxyFix (or Gunicorn's forwarded_allow_ips) trusts a header value the client wrote. */
import { defineAuditRule, SOURCES } from './rule';
import { classificationFindings } from './trust';

export default defineAuditRule(
  {
    code: 'proxyfix-spoofable',
    level: 'error',
    title: 'A client can forge its address, scheme or host',
    failure:
      'Any client can set X-Forwarded-For / -Proto / -Host and the app believes it: rate limits, audit logs and allow-lists see whatever the attacker chose.',
    fix: 'Set each ProxyFix x_* to the number of proxies in front of the app that write that header, and keep forwarded_allow_ips at the default unless a proxy connects from elsewhere.',
    sources: [SOURCES.proxyFix, SOURCES.flaskProxy, SOURCES.gunicornForwarded],
  },
  ({ facts }) => classificationFindings(facts, 'spoofable', [facts.gunicorn.forwardedAllowIps]),
);
