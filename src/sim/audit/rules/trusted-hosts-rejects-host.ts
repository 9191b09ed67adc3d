/**
 * Flask checks TRUSTED_HOSTS against the Host it sees after ProxyFix. When the chain delivers
 * another host (nginx's default `Host: $proxy_host`, CloudFront's origin domain), every
 * request is answered 400. Verdict: the ProxyFix chain model's honest run (`rejected`).
 */
import { defineAuditRule, SOURCES } from './rule';
import { hopNames, readTrust } from './trust';

export default defineAuditRule(
  {
    code: 'trusted-hosts-rejects-host',
    level: 'error',
    title: 'TRUSTED_HOSTS rejects the host the proxies deliver',
    failure:
      'Every request is answered 400 Bad Request because the Host the app sees is not in TRUSTED_HOSTS.',
    fix: 'Make the proxy pass the public Host on (nginx: proxy_set_header Host $host;) or set ProxyFix x_host to the proxies that write X-Forwarded-Host.',
    sources: [SOURCES.flaskTrustedHosts, SOURCES.proxyFix],
  },
  ({ facts }) => {
    const t = readTrust(facts);
    const hosts = facts.flask.trustedHosts;
    if (!t || !hosts) return [];
    return t.classification.findings
      .filter((f) => f.kind === 'rejected' && f.message.includes('TRUSTED_HOSTS'))
      .map((f) => ({
        at: hosts,
        message: `Chain read from the files: ${hopNames(t.chain)} → Gunicorn, browser asking for ${t.chain.client.host}. ${f.message}`,
        related: t.hops,
      }));
  },
);
