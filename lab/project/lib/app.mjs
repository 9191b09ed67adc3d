// The lab's Flask stand-in: a real HTTP server that builds the WSGI environ the way Gunicorn
// does, runs it through Werkzeug's ProxyFix and reports what the app would see. The ProxyFix
// and request-view code is the site's own model (src/sim/proxy/proxy-fix.ts), bundled into this
// file by lab/build-lab.mjs, so the live lab and the simulator cannot disagree about Werkzeug.
import http from 'node:http';
import { PROXY_ENVIRON_KEYS, proxyFix, requestView } from '../../../src/sim/proxy/proxy-fix.ts';
import { peerAddress, readBody, readHeaderLines } from './headers.mjs';

/**
 * Gunicorn's environ for one request (https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/http/wsgi.py `create`,
 * https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/http/message.py; observed with Debian's Gunicorn 20.1.0):
 * - REMOTE_ADDR is always the TCP peer; Gunicorn never reads X-Forwarded-For itself;
 * - repeated header lines are joined with "," (no space);
 * - header names containing "_" are dropped (header_map="drop", the default since 22.0);
 * - SERVER_NAME / SERVER_PORT come from the listening socket, not from Host;
 * - wsgi.url_scheme is "https" only when the peer is in forwarded_allow_ips (default
 *   "127.0.0.1,::1") and a secure scheme header has its exact secure value
 *   (X-Forwarded-Proto: https, X-Forwarded-Protocol: ssl, X-Forwarded-Ssl: on).
 */
export function buildGunicornEnviron({
  lines,
  peer,
  peerPort,
  serverHost,
  serverPort,
  method,
  target,
  forwardedAllowIps,
}) {
  const environ = {
    REQUEST_METHOD: method,
    SCRIPT_NAME: '',
    SERVER_NAME: serverHost,
    SERVER_PORT: String(serverPort),
    SERVER_PROTOCOL: 'HTTP/1.1',
    REMOTE_ADDR: peer,
    REMOTE_PORT: String(peerPort),
    'wsgi.url_scheme': 'http',
  };
  const query = target.indexOf('?');
  environ.PATH_INFO = query === -1 ? target : target.slice(0, query);
  environ.QUERY_STRING = query === -1 ? '' : target.slice(query + 1);
  const secureValues = {
    'x-forwarded-proto': 'https',
    'x-forwarded-protocol': 'ssl',
    'x-forwarded-ssl': 'on',
  };
  const trusted = forwardedAllowIps.includes('*') || forwardedAllowIps.includes(peer);
  let scheme = null;
  for (const [name, value] of lines) {
    if (name.includes('_')) continue;
    if (trusted && name in secureValues) {
      const next = value === secureValues[name] ? 'https' : 'http';
      if (scheme !== null && scheme !== next) {
        const error = new Error('Contradictory scheme headers');
        error.status = 400;
        throw error;
      }
      scheme = next;
    }
    let key = name.toUpperCase().replace(/-/g, '_');
    if (key !== 'CONTENT_TYPE' && key !== 'CONTENT_LENGTH') key = `HTTP_${key}`;
    environ[key] = environ[key] === undefined ? value : `${environ[key]},${value}`;
  }
  if (scheme !== null) environ['wsgi.url_scheme'] = scheme;
  return environ;
}

/** The environ keys ProxyFix reads or writes, in the order the lab shows them. */
export const SHOWN_KEYS = PROXY_ENVIRON_KEYS;

function pick(environ) {
  const out = {};
  for (const key of SHOWN_KEYS) if (environ[key] !== undefined) out[key] = environ[key];
  return out;
}

/** Start the app. `proxyFixOptions` are ProxyFix's x_* counts. */
export function startApp({
  host,
  port,
  proxyFixOptions,
  forwardedAllowIps = ['127.0.0.1', '::1'],
}) {
  const server = http.createServer(async (req, res) => {
    try {
      await readBody(req);
      const lines = readHeaderLines(req.rawHeaders);
      const address = server.address();
      const environ = buildGunicornEnviron({
        lines,
        peer: peerAddress(req.socket),
        peerPort: req.socket.remotePort ?? 0,
        serverHost: address.address,
        serverPort: address.port,
        method: req.method ?? 'GET',
        target: req.url ?? '/',
        forwardedAllowIps,
      });
      const fixed = proxyFix(environ, proxyFixOptions);
      const view = requestView(fixed.environ);
      const payload = {
        app: {
          port: address.port,
          peer: environ.REMOTE_ADDR,
          received: lines,
          proxyFix: proxyFixOptions,
          environ: pick(environ),
          orig: fixed.orig,
          fixedEnviron: pick(fixed.environ),
          view,
        },
        hops: [],
      };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    } catch (error) {
      const status = typeof error?.status === 'number' ? error.status : 500;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(error?.message ?? error), hops: [] }));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
