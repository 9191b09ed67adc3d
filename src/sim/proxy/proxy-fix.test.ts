import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  getRealValue,
  hostIsTrusted,
  parseListHeader,
  PROXY_FIX_ARGS,
  proxyFix,
  requestView,
  requestViewWithTrust,
  type WsgiEnviron,
} from './proxy-fix';
import { decodeIdnaHost, decodePunycode, encodePunycode } from './punycode';
import { isPythonIpv6 } from './url-iri';

/**
 * The environ Gunicorn would build behind one proxy
 * (https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/http/wsgi.py).
 */
function gunicornEnviron(extra: Record<string, string> = {}): WsgiEnviron {
  return {
    REMOTE_ADDR: '10.0.1.5',
    'wsgi.url_scheme': 'http',
    HTTP_HOST: 'internal:8000',
    SERVER_NAME: '0.0.0.0',
    SERVER_PORT: '8000',
    SCRIPT_NAME: '',
    ...extra,
  };
}

function withoutKey(environ: WsgiEnviron, key: string): WsgiEnviron {
  return Object.fromEntries(Object.entries(environ).filter(([name]) => name !== key));
}

// https://github.com/pallets/werkzeug/blob/3.1.8/src/werkzeug/http.py
// https://github.com/pallets/werkzeug/blob/3.1.6/src/werkzeug/http.py
describe('parseListHeader: the 3.1.6 and 3.1.8 parsers (Werkzeug http.py parse_list_header)', () => {
  const cases: [string, string[], string[]][] = [
    ['1.1.1.1, , 2.2.2.2', ['1.1.1.1', '', '2.2.2.2'], ['1.1.1.1', '2.2.2.2']],
    ['1.1.1.1, ', ['1.1.1.1', ''], ['1.1.1.1']],
    ['1.1.1.1,', ['1.1.1.1'], ['1.1.1.1']],
    [', 2.2.2.2', ['', '2.2.2.2'], ['2.2.2.2']],
    ['"1.1.1.1, 2.2.2.2', ['"1.1.1.1, 2.2.2.2'], []],
    ['1.1.1.1, "2.2.2.2"', ['1.1.1.1', '2.2.2.2'], ['1.1.1.1', '2.2.2.2']],
  ];
  it.each(cases)('%j', (header, old, current) => {
    expect(parseListHeader(header, '3.1.6')).toEqual(old);
    expect(parseListHeader(header, '3.1.8')).toEqual(current);
  });

  it('keeps quotes and escapes when only part of an item is quoted (3.1.8)', () => {
    expect(parseListHeader('a"b,c"d, e', '3.1.8')).toEqual(['a"b,c"d', 'e']);
    expect(parseListHeader('"a\\"b"', '3.1.8')).toEqual(['a"b']);
  });

  it('gives REMOTE_ADDR as in the §1.2 comparison table (REMOTE_ADDR starts as 10.0.1.5)', () => {
    const table: [string, number, string, string][] = [
      ['1.1.1.1, , 2.2.2.2', 2, '10.0.1.5', '1.1.1.1'],
      ['1.1.1.1, ', 1, '10.0.1.5', '1.1.1.1'],
      ['1.1.1.1,', 1, '1.1.1.1', '1.1.1.1'],
      [', 2.2.2.2', 2, '10.0.1.5', '10.0.1.5'],
      ['"1.1.1.1, 2.2.2.2', 1, '"1.1.1.1, 2.2.2.2', '10.0.1.5'],
      ['1.1.1.1, "2.2.2.2"', 1, '2.2.2.2', '2.2.2.2'],
    ];
    for (const [xff, xFor, old, current] of table) {
      const environ = gunicornEnviron({ HTTP_X_FORWARDED_FOR: xff });
      expect(
        proxyFix(environ, { x_for: xFor, werkzeugVersion: '3.1.6' }).environ['REMOTE_ADDR'],
      ).toBe(old);
      expect(proxyFix(environ, { x_for: xFor }).environ['REMOTE_ADDR']).toBe(current);
    }
  });
});

// https://github.com/pallets/werkzeug/blob/3.1.8/src/werkzeug/middleware/proxy_fix.py
describe('proxyFix (Werkzeug 3.1.8 proxy_fix.py __call__)', () => {
  it('uses the documented defaults x_for=1, x_proto=1 and ignores X-Forwarded-Host by default', () => {
    const { environ } = proxyFix(
      gunicornEnviron({
        HTTP_X_FORWARDED_FOR: '6.6.6.6, 203.0.113.7',
        HTTP_X_FORWARDED_PROTO: 'https',
        HTTP_X_FORWARDED_HOST: 'evil.test',
      }),
    );
    expect(environ['REMOTE_ADDR']).toBe('203.0.113.7');
    expect(environ['wsgi.url_scheme']).toBe('https');
    expect(environ['HTTP_HOST']).toBe('internal:8000');
  });

  it('trusts a spoofed entry when x_for is larger than the number of proxies', () => {
    const environ = gunicornEnviron({ HTTP_X_FORWARDED_FOR: '6.6.6.6, 198.51.100.7, 130.176.0.1' });
    expect(proxyFix(environ, { x_for: 3 }).environ['REMOTE_ADDR']).toBe('6.6.6.6');
    expect(proxyFix(environ, { x_for: 2 }).environ['REMOTE_ADDR']).toBe('198.51.100.7');
    expect(proxyFix(environ, { x_for: 4 }).environ['REMOTE_ADDR']).toBe('10.0.1.5');
  });

  it('keeps a port in X-Forwarded-For (ALB client-port option)', () => {
    const environ = gunicornEnviron({ HTTP_X_FORWARDED_FOR: '203.0.113.7:51234' });
    expect(proxyFix(environ).environ['REMOTE_ADDR']).toBe('203.0.113.7:51234');
  });

  it('splits X-Forwarded-Host on the last colon except for a bare bracketed IPv6', () => {
    const run = (xfh: string): WsgiEnviron =>
      proxyFix(gunicornEnviron({ HTTP_X_FORWARDED_HOST: xfh }), { x_host: 1 }).environ;
    expect(run('example.com:8443')).toMatchObject({
      SERVER_NAME: 'example.com',
      SERVER_PORT: '8443',
      HTTP_HOST: 'example.com:8443',
    });
    expect(run('[2001:db8::a]')).toMatchObject({
      SERVER_NAME: '[2001:db8::a]',
      SERVER_PORT: '8000',
    });
    expect(run('[2001:db8::a]:8443')).toMatchObject({
      SERVER_NAME: '[2001:db8::a]',
      SERVER_PORT: '8443',
    });
    expect(run('2001:db8::a')).toMatchObject({ SERVER_NAME: '2001:db8:', SERVER_PORT: 'a' });
    expect(run('example.com')).toMatchObject({ SERVER_NAME: 'example.com', SERVER_PORT: '8000' });
  });

  it('lets x_port replace the Host port without touching SERVER_NAME', () => {
    const { environ } = proxyFix(gunicornEnviron({ HTTP_X_FORWARDED_PORT: '8443' }), { x_port: 1 });
    expect(environ).toMatchObject({
      HTTP_HOST: 'internal:8443',
      SERVER_PORT: '8443',
      SERVER_NAME: '0.0.0.0',
    });
    const junk = proxyFix(gunicornEnviron({ HTTP_HOST: 'spam', HTTP_X_FORWARDED_PORT: 'abc' }), {
      x_port: 1,
    });
    expect(junk.environ['HTTP_HOST']).toBe('spam:abc');
    expect(requestView(junk.environ).host).toBe('');
  });

  it('records the originals, with null for a missing Host', () => {
    const input = gunicornEnviron({ HTTP_X_FORWARDED_FOR: '1.2.3.4' });
    const withoutHost = withoutKey(input, 'HTTP_HOST');
    const { orig } = proxyFix(withoutHost);
    expect(orig).toEqual({
      REMOTE_ADDR: '10.0.1.5',
      'wsgi.url_scheme': 'http',
      HTTP_HOST: null,
      SERVER_NAME: '0.0.0.0',
      SERVER_PORT: '8000',
      SCRIPT_NAME: '',
    });
  });

  it('rejects negative or fractional counts', () => {
    expect(() => proxyFix(gunicornEnviron(), { x_for: -1 })).toThrow(RangeError);
    expect(() => proxyFix(gunicornEnviron(), { x_host: 1.5 })).toThrow(RangeError);
  });
});

// https://github.com/pallets/werkzeug/blob/3.1.8/src/werkzeug/sansio/utils.py
// https://github.com/pallets/werkzeug/blob/3.1.8/src/werkzeug/sansio/request.py
describe('requestView (Werkzeug 3.1.8 sansio get_host and Request)', () => {
  it('treats an upper-case HTTPS as not secure but renders the root URL in lower case', () => {
    const view = requestView(
      gunicornEnviron({ 'wsgi.url_scheme': 'HTTPS', HTTP_HOST: 'App.Example.com:443' }),
    );
    expect(view.scheme).toBe('HTTPS');
    expect(view.is_secure).toBe(false);
    expect(view.host).toBe('App.Example.com:443');
    expect(view.root_url).toBe('https://app.example.com:443/');
  });

  it('strips the default port for the scheme only', () => {
    expect(
      requestView(gunicornEnviron({ 'wsgi.url_scheme': 'https', HTTP_HOST: 'example.com:443' }))
        .host,
    ).toBe('example.com');
    expect(
      requestView(gunicornEnviron({ 'wsgi.url_scheme': 'http', HTTP_HOST: 'example.com:443' }))
        .host,
    ).toBe('example.com:443');
  });

  it('returns an empty host for an underscore host in 3.1.8 but not in 3.1.6', () => {
    const environ = gunicornEnviron({ HTTP_HOST: 'my_host.example' });
    expect(requestView(environ)).toMatchObject({ host: '', root_url: 'http:///' });
    expect(requestView(environ, { werkzeugVersion: '3.1.6' }).host).toBe('my_host.example');
  });

  it('decodes an IDNA host for root_url only', () => {
    const view = requestView(gunicornEnviron({ HTTP_HOST: 'xn--bcher-kva.example' }));
    expect(view.host).toBe('xn--bcher-kva.example');
    expect(view.root_url).toBe('http://bücher.example/');
  });

  it('strips trailing slashes from SCRIPT_NAME for script_root', () => {
    expect(requestView(gunicornEnviron({ SCRIPT_NAME: '/api/' }))).toMatchObject({
      script_root: '/api',
      root_url: 'http://internal:8000/api/',
    });
    expect(requestView(gunicornEnviron({ SCRIPT_NAME: '/' })).script_root).toBe('');
  });

  it('keeps the raw X-Forwarded-For list in access_route, whatever x_for trusted', () => {
    const environ = gunicornEnviron({ HTTP_X_FORWARDED_FOR: '6.6.6.6, 198.51.100.7' });
    const fixed = proxyFix(environ, { x_for: 1 }).environ;
    expect(requestView(fixed)).toMatchObject({
      remote_addr: '198.51.100.7',
      access_route: ['6.6.6.6', '198.51.100.7'],
    });
    expect(requestView(gunicornEnviron()).access_route).toEqual(['10.0.1.5']);
  });

  it('uses SERVER_NAME:SERVER_PORT without a Host header, bracketing an IPv6 name', () => {
    const noHost = withoutKey(gunicornEnviron({ SERVER_NAME: '2001:db8::1' }), 'HTTP_HOST');
    expect(requestView(noHost).host).toBe('[2001:db8::1]:8000');
    expect(requestView({ ...noHost, SERVER_PORT: 'unix' }).host).toBe('');
  });

  it('reports null root_url where Python rejects the URL (port above 65535, bad IPv6)', () => {
    expect(requestView(gunicornEnviron({ HTTP_HOST: 'example.com:70000' })).root_url).toBeNull();
    expect(requestView(gunicornEnviron({ HTTP_HOST: '[1:2]' })).root_url).toBeNull();
    expect(requestView(gunicornEnviron({ HTTP_HOST: 'example.com:0' })).root_url).toBe(
      'http://example.com/',
    );
  });
});

// https://github.com/pallets/werkzeug/blob/3.1.8/src/werkzeug/sansio/utils.py
describe('hostIsTrusted (Werkzeug 3.1.8 sansio/utils.py)', () => {
  it('matches exactly or, with a leading dot, the domain and its subdomains; ignores ports', () => {
    expect(hostIsTrusted('example.org:8443', ['.example.org'])).toBe(true);
    expect(hostIsTrusted('a.b.example.org', ['.example.org'])).toBe(true);
    expect(hostIsTrusted('evilexample.org', ['.example.org'])).toBe(false);
    expect(hostIsTrusted('www.example.com', ['example.com'])).toBe(false);
    expect(hostIsTrusted('xn--bcher-kva.example', ['bücher.example'])).toBe(true);
  });
  it('raises SecurityError (400) for an untrusted host after ProxyFix', () => {
    const fixed = proxyFix(gunicornEnviron({ HTTP_X_FORWARDED_HOST: 'evil.test' }), {
      x_host: 1,
    }).environ;
    expect(requestViewWithTrust(fixed, { trusted_hosts: ['app.example.com'] }).host_error).toMatch(
      /not trusted/,
    );
    const ok = requestViewWithTrust(
      gunicornEnviron({ HTTP_HOST: '10.0.1.5:8000', HTTP_X_FORWARDED_HOST: 'app.example.com' }),
      {},
    );
    expect(ok.host_error).toBeNull();
  });
});

describe('punycode and IPv6 helpers', () => {
  it('decodes and encodes RFC 3492 samples', () => {
    expect(decodePunycode('bcher-kva')).toBe('bücher');
    expect(encodePunycode('bücher')).toBe('bcher-kva');
    expect(decodePunycode('Proprostnemluvesky-uyb24dma41a')).toBe('Pročprostěnemluvíčesky');
    expect(decodePunycode('ihqwcrb4cv8a8dqg056pqjye')).toBe('他们为什么不说中文');
    expect(decodePunycode('bcher-kv!')).toBeNull();
  });
  it('leaves labels that do not round-trip as punycode', () => {
    expect(decodeIdnaHost('xn--bcher-kva.example')).toBe('bücher.example');
    expect(decodeIdnaHost('xn--zz!.example')).toBe('xn--zz!.example');
    expect(decodeIdnaHost('plain.example')).toBe('plain.example');
  });
  it('validates IPv6 like CPython ipaddress', () => {
    for (const ok of ['2001:db8::a', '::1', '::', '1:2:3:4:5:6:7:8', '::ffff:1.2.3.4'])
      expect(isPythonIpv6(ok)).toBe(true);
    for (const bad of [
      '1:2',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '12345::',
      '::1.2.3.04',
      ':1:2:3:4:5:6:7',
    ])
      expect(isPythonIpv6(bad)).toBe(false);
  });
});

// ---------- properties ----------

const token = fc.stringMatching(/^[A-Za-z0-9.:[\]_-]{1,12}$/);
const sep = fc.constantFrom(',', ', ', ' ,', ',\t', ' , ');

describe('properties', () => {
  it('x_for=n picks the n-th entry from the right, or leaves REMOTE_ADDR alone', () => {
    fc.assert(
      fc.property(
        fc.array(token, { minLength: 1, maxLength: 8 }),
        sep,
        fc.integer({ min: 0, max: 10 }),
        (entries, separator, n) => {
          const environ = gunicornEnviron({ HTTP_X_FORWARDED_FOR: entries.join(separator) });
          const remote = proxyFix(environ, { x_for: n }).environ['REMOTE_ADDR'];
          const expected = n >= 1 && n <= entries.length ? entries[entries.length - n] : '10.0.1.5';
          expect(remote).toBe(expected);
        },
      ),
    );
  });

  it('all-zero counts leave the environ exactly as it was', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'HTTP_X_FORWARDED_FOR',
            'HTTP_X_FORWARDED_PROTO',
            'HTTP_X_FORWARDED_HOST',
            'HTTP_X_FORWARDED_PORT',
            'HTTP_X_FORWARDED_PREFIX',
          ),
          fc.string(),
        ),
        (headers) => {
          const environ = gunicornEnviron(headers);
          const zero = Object.fromEntries(PROXY_FIX_ARGS.map((arg) => [arg, 0]));
          expect(proxyFix(environ, zero).environ).toEqual(environ);
        },
      ),
    );
  });

  it('orig always equals the input values and the input is never mutated', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'HTTP_X_FORWARDED_FOR',
            'HTTP_X_FORWARDED_HOST',
            'HTTP_X_FORWARDED_PORT',
            'HTTP_HOST',
          ),
          fc.string(),
        ),
        fc.nat(4),
        fc.nat(4),
        fc.nat(4),
        (headers, a, b, c) => {
          const environ = gunicornEnviron(headers);
          const copy = { ...environ };
          const { orig } = proxyFix(environ, { x_for: a, x_host: b, x_port: c });
          expect(environ).toEqual(copy);
          expect(orig.HTTP_HOST).toBe(environ['HTTP_HOST'] ?? null);
          expect(orig.REMOTE_ADDR).toBe('10.0.1.5');
        },
      ),
    );
  });

  it('quoted items with escapes survive the 3.1.8 parser', () => {
    const item = fc.string({ minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 6 }), (items) => {
        const quoted = items.map(
          (value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
        );
        const parsed = parseListHeader(quoted.join(', '), '3.1.8');
        expect(parsed).toEqual(items);
      }),
      { examples: [[['a\\b']], [['"']], [['\\\n']]] },
    );
  });

  it('3.1.6 and 3.1.8 agree on plain lists without empty items', () => {
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 6 }), sep, (entries, separator) => {
        const header = entries.join(separator);
        expect(parseListHeader(header, '3.1.6')).toEqual(parseListHeader(header, '3.1.8'));
      }),
    );
  });

  it('getRealValue is null exactly when there are fewer parsed values than trusted', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (header, n) => {
        const values = parseListHeader(header);
        const value = getRealValue(n, header);
        if (header === '' || values.length < n) expect(value).toBeNull();
        else expect(value).toBe(values[values.length - n]);
      }),
    );
  });

  it('request host is either empty or made of valid host characters; is_secure only for https/wss', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.constantFrom('http', 'https', 'HTTPS', 'wss', 'ftp'),
        (hostHeader, scheme) => {
          const view = requestView(
            gunicornEnviron({ HTTP_HOST: hostHeader, 'wsgi.url_scheme': scheme }),
          );
          expect(
            view.host === '' ||
              /^(?:[a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::[0-9]+)?$/i.test(view.host),
          ).toBe(true);
          expect(view.is_secure).toBe(scheme === 'https' || scheme === 'wss');
        },
      ),
    );
  });

  it('punycode decode inverts encode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), (text) => {
        expect(decodePunycode(encodePunycode(text))).toBe(text);
      }),
    );
  });
});
