/**
 * SESSION_COOKIE_SECURE is set, TLS ends at a proxy, and Flask believes the scheme is http
 * (no x_proto): the cookie is still marked Secure (Flask does not look at the scheme), but
 * external URLs and redirects use http://, where the browser does not send it. Effects:
 * `describeCookieEffects` (src/sim/proxy/session-cookie.ts) on the chain model's request.
 */
import { simulateChain } from '../../proxy/hops';
import { describeCookieEffects } from '../../proxy/session-cookie';
import { defineAuditRule, SOURCES } from './rule';
import { readTrust } from './trust';

export default defineAuditRule(
  {
    code: 'session-cookie-secure-scheme-http',
    level: 'warning',
    title: 'SESSION_COOKIE_SECURE while Flask sees http',
    failure:
      'After a redirect to an http:// URL the browser withholds the Secure session cookie, so users appear logged out or loop through redirects.',
    fix: 'Keep SESSION_COOKIE_SECURE = True and make Flask see https: ProxyFix x_proto set to the number of proxies that write X-Forwarded-Proto.',
    sources: [SOURCES.flaskCookieSecure, SOURCES.proxyFix],
  },
  ({ facts }) => {
    const t = readTrust(facts);
    const secure = facts.flask.sessionCookieSecure;
    if (!t || secure?.value !== true || t.chain.client.scheme !== 'https') return [];
    const request = simulateChain({
      ...t.chain,
      client: { ...t.chain.client, mode: 'honest' },
    }).request;
    if (!request) return [];
    const effects = describeCookieEffects({
      browserScheme: 'https',
      flaskScheme: request.scheme,
      sessionCookieSecure: true,
    });
    if (effects.externalUrlScheme === 'https') return [];
    return [
      {
        at: t.at,
        message: effects.notes.join(' '),
        fix: { text: `Use ${t.fixLine}.` },
        related: [secure, ...t.hops],
      },
    ];
  },
);
