/** The browser used https, but after the chain and ProxyFix Flask sees http. */
import { defineAuditRule, SOURCES } from './rule';
import { classificationFindings } from './trust';

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
  ({ facts }) => classificationFindings(facts, 'loses-https'),
);
