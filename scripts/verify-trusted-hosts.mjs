// `npm run verify:trusted-hosts -- --python PYTHON --pythonpath WERKZEUG_SRC:FLASK_SRC`
//
// Diffs the TRUSTED_HOSTS model (src/sim/proxy/trusted-hosts.ts) against a real Flask and
// Werkzeug: generated Host / X-Forwarded-Host / x_host / TRUSTED_HOSTS cases go through
// ProxyFix and a Flask app in PYTHON, and each status (200, 400, or 500 for an uncaught error,
// which is what a WSGI server answers) must match the model's. Not part of `npm test`: CI has
// only Debian's Werkzeug 2.2.2, and the model is for Flask 3.1 / Werkzeug 3.1. Point
// --pythonpath at checkouts of their release tags (src/ folders); the Python must also find
// Flask's other dependencies (Debian's /usr/lib/python3/dist-packages has them).
// Exit status: 0 all agree, 1 a disagreement, 2 usage or setup error.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const python = option('--python', '/usr/bin/python3');
const pythonPath = option('--pythonpath', '');
const runs = Number(option('--runs', '3000'));
if (!pythonPath || !Number.isInteger(runs) || runs < 1) {
  console.error(
    'Usage: npm run verify:trusted-hosts -- --python PYTHON --pythonpath WERKZEUG_SRC:FLASK_SRC[:MORE] [--runs N]',
  );
  process.exit(2);
}

const PROBE = String.raw`
import io, json, sys
import flask, werkzeug
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
out = []
for c in json.load(sys.stdin):
    app = Flask(__name__)
    app.config["TRUSTED_HOSTS"] = c["trustedHosts"]
    app.add_url_rule("/", "index", lambda: "ok")
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=0, x_proto=0, x_host=c["xHost"])
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "SCRIPT_NAME": "", "SERVER_NAME": "0.0.0.0",
        "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "https",
        "HTTP_HOST": c["hostHeader"], "REMOTE_ADDR": "10.0.1.17", "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(), "wsgi.version": (1, 0), "wsgi.multithread": False,
        "wsgi.multiprocess": False, "wsgi.run_once": False}
    if c["forwardedHost"] != "":
        environ["HTTP_X_FORWARDED_HOST"] = c["forwardedHost"]
    status = []
    try:
        b"".join(app(environ, lambda s, h, e=None: status.append(s)))
        out.append(int(status[0].split()[0]))
    except Exception:
        out.append(500)
# Module paths, not __version__: Flask 3.1 reads that from installed metadata, which may
# belong to another copy.
print(json.dumps({"python": sys.version.split()[0], "flask": flask.__file__,
    "werkzeug": werkzeug.__file__, "statuses": out}))
`;

const host = fc.constantFrom(
  'app.example.com',
  'APP.example.com',
  'app.example.com:8443',
  'a.b.example.com',
  'evilexample.com',
  'xn--strae-oqa.de',
  'strasse.de',
  '10.0.1.5:8000',
  '[2001:db8::1]:443',
  'bücher.de',
  'xn--bcher-kva.de',
  'exa mple.com',
  '',
  'example.com.',
  'a_b.example.com',
);
const entry = fc.constantFrom(
  'app.example.com',
  '.example.com',
  'example.com',
  'Example.com',
  'straße.de',
  'xn--strae-oqa.de',
  'bücher.de',
  '.bücher.de',
  'app..example.com',
  '10.0.1.5',
  'example.com:443',
  '[2001:db8::1]',
  'APP.EXAMPLE.COM',
  'example.com.',
);
const cases = fc.sample(
  fc.record({
    hostHeader: host,
    forwardedHost: fc.oneof(fc.constant(''), host),
    xHost: fc.nat(2),
    trustedHosts: fc.option(fc.array(entry, { maxLength: 4 }), { nil: null }),
  }),
  { numRuns: runs, seed: 20261128 },
);

const bundled = await build({
  stdin: {
    contents: `import './src/sim/proxy/with-nameprep-data';
export { evaluateTrustedHosts } from './src/sim/proxy/trusted-hosts';`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  logLevel: 'error',
});
const { evaluateTrustedHosts } = await import(
  `data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`
);

const result = spawnSync(python, ['-c', PROBE], {
  input: JSON.stringify(cases),
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
  env: { ...process.env, PYTHONPATH: pythonPath },
});
if (result.status !== 0) {
  console.error(
    `verify-trusted-hosts: ${python} failed:\n${result.stderr || result.error?.message}`,
  );
  process.exit(2);
}
const real = JSON.parse(result.stdout);
// The model names both outcomes where the Python version decides (an entry Python cannot
// IDNA-encode): 500 up to 3.12, 400 from 3.13.
const [major, minor] = real.python.split('.').map(Number);
const newCodec = major > 3 || (major === 3 && minor >= 13);
let mismatches = 0;
cases.forEach((testCase, k) => {
  const model = evaluateTrustedHosts({ ...testCase, scheme: 'https' });
  const expected = model.statusText.includes('or 500') ? (newCodec ? 400 : 500) : model.status;
  if (expected === real.statuses[k]) return;
  mismatches += 1;
  if (mismatches <= 10)
    console.log(
      `✘ ${JSON.stringify(testCase)}: model ${expected} (${model.statusText}), real ${real.statuses[k]}`,
    );
});
const counts = {};
for (const status of real.statuses) counts[status] = (counts[status] ?? 0) + 1;
console.log(
  `verify-trusted-hosts: Python ${real.python}, Flask ${real.flask}, Werkzeug ${real.werkzeug}: ` +
    `${cases.length} cases (${Object.entries(counts)
      .map(([s, n]) => `${n}× ${s}`)
      .join(', ')}), ${mismatches} disagreements`,
);
process.exit(mismatches === 0 ? 0 : 1);
