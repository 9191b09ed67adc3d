import { describe, expect, it } from 'vitest';
import {
  describeCookieEffects,
  evaluateTrustedHosts,
  parseTrustedHostsText,
} from './trusted-hosts';

const base = {
  hostHeader: 'app.example.com',
  forwardedHost: '',
  xHost: 0,
  trustedHosts: null,
  scheme: 'https',
} as const;

// https://flask.palletsprojects.com/en/stable/config/#TRUSTED_HOSTS
describe('TRUSTED_HOSTS (Flask 3.1 config)', () => {
  it('accepts everything when not set', () => {
    expect(evaluateTrustedHosts({ ...base, hostHeader: 'evil.test' }).status).toBe(200);
  });

  it('matches exactly, ignoring the port', () => {
    expect(
      evaluateTrustedHosts({
        ...base,
        hostHeader: 'app.example.com:8443',
        trustedHosts: ['app.example.com'],
      }).status,
    ).toBe(200);
    expect(
      evaluateTrustedHosts({
        ...base,
        hostHeader: 'www.example.com',
        trustedHosts: ['example.com'],
      }).status,
    ).toBe(400);
  });

  it('a leading dot matches the domain and every subdomain, not a look-alike', () => {
    const trustedHosts = ['.example.org'];
    expect(evaluateTrustedHosts({ ...base, hostHeader: 'example.org', trustedHosts }).status).toBe(
      200,
    );
    expect(
      evaluateTrustedHosts({ ...base, hostHeader: 'a.b.example.org', trustedHosts }).status,
    ).toBe(200);
    expect(
      evaluateTrustedHosts({ ...base, hostHeader: 'evilexample.org', trustedHosts }).status,
    ).toBe(400);
  });

  it('checks the host after ProxyFix: a trusted X-Forwarded-Host rescues an internal Host, an evil one gives 400', () => {
    const trustedHosts = ['app.example.com'];
    expect(
      evaluateTrustedHosts({ ...base, hostHeader: '10.0.1.5:8000', trustedHosts }).status,
    ).toBe(400);
    expect(
      evaluateTrustedHosts({
        ...base,
        hostHeader: '10.0.1.5:8000',
        forwardedHost: 'app.example.com',
        xHost: 1,
        trustedHosts,
      }).status,
    ).toBe(200);
    const evil = evaluateTrustedHosts({
      ...base,
      forwardedHost: 'evil.test',
      xHost: 1,
      trustedHosts,
    });
    expect(evil.status).toBe(400);
    expect(evil.explanation).toMatch(/X-Forwarded-Host/);
  });

  it('encodes unicode entries with IDNA', () => {
    expect(
      evaluateTrustedHosts({
        ...base,
        hostHeader: 'xn--bcher-kva.example',
        trustedHosts: ['bücher.example'],
      }).status,
    ).toBe(200);
  });

  it('rejects what a browser sends for straße.de: IDNA 2003 turns the entry into strasse.de', () => {
    // Chromium 156 turns http://straße.de/ into the host xn--strae-oqa.de (IDNA 2008).
    const result = evaluateTrustedHosts({
      ...base,
      hostHeader: 'xn--strae-oqa.de',
      trustedHosts: ['straße.de', '.bücher.example'],
    });
    expect(result.status).toBe(400);
    expect(result.entries[0]?.why).toMatch(/IDNA form, strasse\.de\. IDNA 2003 maps ß to ss/);
    expect(result.entries[1]?.why).toBe(
      '.bücher.example is compared in its IDNA form, .xn--bcher-kva.example.',
    );
    const written = evaluateTrustedHosts({
      ...base,
      hostHeader: 'xn--strae-oqa.de',
      trustedHosts: ['xn--strae-oqa.de'],
    });
    expect(written.status).toBe(200);
  });

  it('stops at an entry Python cannot encode: later entries are never tried', () => {
    for (const bad of ['app..example.com', 'bad\u0080.test']) {
      const result = evaluateTrustedHosts({
        ...base,
        hostHeader: 'app.example.com',
        trustedHosts: ['other.example', bad, 'app.example.com'],
      });
      expect(result.status, bad).toBe(400);
      expect(result.entries.map((e) => e.matches)).toEqual([false, false, false]);
      expect(result.entries[1]?.why).toMatch(/cannot IDNA-encode .*3\.12 and earlier .* 500/);
      expect(result.entries[2]?.why).toBe(`never tried: Werkzeug stopped at ${bad}`);
      expect(result.explanation).toMatch(/^400 on Python 3\.13\+, 500 on 3\.12 and earlier/);
      expect(result.statusText).toBe('400 Bad Request (Python 3.13+) or 500 (3.12 and earlier)');
    }
    // A malformed host is refused before the list is read: the bad entry does no harm.
    const invalid = evaluateTrustedHosts({
      ...base,
      hostHeader: 'exa mple.com',
      trustedHosts: ['app..example.com'],
    });
    expect(invalid.statusText).toBe('400 Bad Request');
    expect(invalid.entries[0]?.why).toBe('never tried: the host itself is not valid');
    // An earlier match wins before the bad entry is reached.
    const first = evaluateTrustedHosts({
      ...base,
      trustedHosts: ['app.example.com', 'app..example.com'],
    });
    expect(first.status).toBe(200);
    expect(first.entries[1]?.why).toBe('never tried: Werkzeug stopped at app.example.com');
  });

  it('explains a missing leading dot', () => {
    const result = evaluateTrustedHosts({
      ...base,
      hostHeader: 'www.example.com',
      trustedHosts: ['example.com'],
    });
    expect(result.entries[0]?.why).toMatch(/leading dot/);
  });

  it('parses a typed list', () => {
    expect(parseTrustedHostsText(" 'app.example.com', .example.org\n\n")).toEqual([
      'app.example.com',
      '.example.org',
    ]);
    expect(parseTrustedHostsText('')).toEqual([]);
  });
});

describe('SESSION_COOKIE_SECURE', () => {
  it('sets Secure regardless of the scheme Flask sees; lost https breaks external URLs', () => {
    const lost = describeCookieEffects({
      browserScheme: 'https',
      flaskScheme: 'http',
      sessionCookieSecure: true,
    });
    expect(lost.secureAttribute).toBe(true);
    expect(lost.browserSendsIt).toBe(true);
    expect(lost.externalUrlScheme).toBe('http');
    const plain = describeCookieEffects({
      browserScheme: 'http',
      flaskScheme: 'http',
      sessionCookieSecure: true,
    });
    expect(plain.browserSendsIt).toBe(false);
    expect(
      describeCookieEffects({
        browserScheme: 'http',
        flaskScheme: 'http',
        sessionCookieSecure: false,
      }).browserSendsIt,
    ).toBe(true);
  });
});
