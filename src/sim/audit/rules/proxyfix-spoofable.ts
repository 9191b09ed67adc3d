/** ProxyFix (or Gunicorn's forwarded_allow_ips) trusts a header value the client wrote. */
import { defineAuditRule, SOURCES } from './rule';
import { hopNames, readTrust } from './trust';

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
  ({ facts }) => {
    const t = readTrust(facts);
    if (!t) return [];
    return t.classification.findings
      .filter((f) => f.kind === 'spoofable')
      .map((f) => ({
        at: t.at,
        message: `Chain read from the files: ${hopNames(t.chain)} → Gunicorn. ${f.message}`,
        fix: { text: `Use ${t.fixLine}.` },
        related: [...t.hops, facts.gunicorn.forwardedAllowIps],
      }));
  },
);
