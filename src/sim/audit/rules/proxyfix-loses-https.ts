/** The browser used https, but after the chain and ProxyFix Flask sees http. */
import { defineAuditRule, SOURCES } from './rule';
import { hopNames, readTrust } from './trust';

export default defineAuditRule(
  {
    code: 'proxyfix-loses-https',
    level: 'warning',
    title: 'Flask does not see https',
    failure:
      'url_for(_external=True) and redirects point to http://, so users bounce through redirects or lose their Secure session cookie.',
    fix: "Set ProxyFix x_proto to the number of proxies that write X-Forwarded-Proto (and make nginx pass the ALB's value on rather than $scheme).",
    sources: [SOURCES.proxyFix, SOURCES.flaskProxy],
  },
  ({ facts }) => {
    const t = readTrust(facts);
    if (!t) return [];
    return t.classification.findings
      .filter((f) => f.kind === 'loses-https')
      .map((f) => ({
        at: t.at,
        message: `Chain read from the files: ${hopNames(t.chain)} → Gunicorn. ${f.message}`,
        fix: { text: `Use ${t.fixLine}.` },
        related: t.hops,
      }));
  },
);
