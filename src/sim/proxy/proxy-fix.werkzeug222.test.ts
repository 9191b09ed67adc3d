/**
 * Differential test of the ≤3.1.6 list-parsing semantics against Debian's real Werkzeug 2.2.2
 * (`/usr/bin/python3`; https://packages.debian.org/bookworm/python3-werkzeug). 2.2.2 has the
 * same ProxyFix logic as 3.1.8 but the old `parse_list_header`
 * (https://github.com/pallets/werkzeug/blob/2.2.2/src/werkzeug/http.py), so it checks
 * `werkzeugVersion: '3.1.6'`. Only the values that
 * do not depend on the later `get_host` changes are compared: the environ ProxyFix writes, the
 * originals, `remote_addr`, `scheme` and `access_route`.
 *
 * Without Debian's python3-werkzeug this test fails on CI (process.env.CI) and is skipped
 * with a printed reason elsewhere.
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proxyFix, requestView, type ProxyFixOptions } from './proxy-fix';

const PYTHON = '/usr/bin/python3';

const PROBE = String.raw`
import json, sys
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Request
out = []
for case in json.load(sys.stdin):
    seen = {}
    def app(environ, start_response):
        seen["environ"] = environ
        return []
    environ = dict(case["environ"])
    ProxyFix(app, **case["kwargs"])(environ, lambda *a: None)
    env = seen["environ"]
    req = Request(env)
    keys = ["HTTP_HOST", "REMOTE_ADDR", "SCRIPT_NAME", "SERVER_NAME", "SERVER_PORT", "wsgi.url_scheme"]
    out.append({
        "environ": {k: env.get(k) for k in keys},
        "orig": env["werkzeug.proxy_fix.orig"],
        "remote_addr": req.remote_addr,
        "scheme": req.scheme,
        "access_route": list(req.access_route),
    })
json.dump(out, sys.stdout)
`;

function probeAvailable(): string | null {
  const result = spawnSync(PYTHON, ['-c', 'import werkzeug'], { encoding: 'utf8' });
  if (result.error) return `${PYTHON} not runnable: ${result.error.message}`;
  if (result.status !== 0)
    return `werkzeug is not importable by ${PYTHON}: ${result.stderr.trim()}`;
  return null;
}

const missing = probeAvailable();
if (missing !== null && process.env['CI']) {
  throw new Error(`CI needs Debian's python3-werkzeug for the differential test: ${missing}`);
}
if (missing !== null) console.log(`skipping the Werkzeug 2.2.2 differential test: ${missing}`);

// Items that stress the old parser: empty items, stray and unclosed quotes, tabs, ports.
const item = fc.constantFrom(
  '203.0.113.7',
  '6.6.6.6',
  '[2001:db8::1]:443',
  '10.0.0.1:51234',
  '',
  ' ',
  '"1.1.1.1"',
  '"a, b"',
  '"unclosed',
  'https',
  'HTTPS',
  'http',
  'example.com:8443',
  '/api/',
  '443',
);
const header = fc
  .tuple(fc.array(item, { maxLength: 5 }), fc.constantFrom(',', ', ', ' , ', ',\t'))
  .map(([items, separator]) => items.join(separator));

const caseArb = fc.record({
  environ: fc.record(
    {
      REMOTE_ADDR: fc.constantFrom('10.0.1.5', '127.0.0.1'),
      'wsgi.url_scheme': fc.constant('http'),
      HTTP_HOST: fc.constantFrom('internal:8000', 'app.example.com'),
      SERVER_NAME: fc.constant('0.0.0.0'),
      SERVER_PORT: fc.constant('8000'),
      SCRIPT_NAME: fc.constant(''),
      HTTP_X_FORWARDED_FOR: header,
      HTTP_X_FORWARDED_PROTO: header,
      HTTP_X_FORWARDED_HOST: header,
      HTTP_X_FORWARDED_PORT: header,
      HTTP_X_FORWARDED_PREFIX: header,
    },
    {
      requiredKeys: ['REMOTE_ADDR', 'wsgi.url_scheme', 'SERVER_NAME', 'SERVER_PORT', 'SCRIPT_NAME'],
    },
  ),
  kwargs: fc.record({
    x_for: fc.nat(4),
    x_proto: fc.nat(3),
    x_host: fc.nat(3),
    x_port: fc.nat(3),
    x_prefix: fc.nat(3),
  }),
});

describe.skipIf(missing !== null)('ProxyFix vs Debian Werkzeug 2.2.2 (3.1.6 semantics)', () => {
  it('agrees on 600 generated environs', () => {
    const cases = fc.sample(caseArb, { numRuns: 600, seed: 20261128 }) as {
      environ: Record<string, string>;
      kwargs: ProxyFixOptions;
    }[];
    const result = spawnSync(PYTHON, ['-c', PROBE], {
      input: JSON.stringify(cases),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(result.stderr).toBe('');
    const expected = JSON.parse(result.stdout) as unknown[];
    const actual = cases.map((testCase) => {
      const { environ, orig } = proxyFix(testCase.environ, {
        ...testCase.kwargs,
        werkzeugVersion: '3.1.6',
      });
      const view = requestView(environ, { werkzeugVersion: '3.1.6' });
      const keys = [
        'HTTP_HOST',
        'REMOTE_ADDR',
        'SCRIPT_NAME',
        'SERVER_NAME',
        'SERVER_PORT',
        'wsgi.url_scheme',
      ];
      return {
        environ: Object.fromEntries(keys.map((key) => [key, environ[key] ?? null])),
        orig,
        remote_addr: view.remote_addr,
        scheme: view.scheme,
        access_route: view.access_route,
      };
    });
    expect(actual).toEqual(expected);
  });
});
