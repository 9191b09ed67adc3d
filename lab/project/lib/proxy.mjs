// The lab's reverse proxies. Each one is a real HTTP server on its own port that forwards to
// the next hop and rewrites the X-Forwarded-* headers the way the named product does.
// Sources: /work/shared/domain-facts.md §6 ("Which proxies write which headers").
//   nginx      — Flask's documented block (Flask docs/deploying/nginx.rst):
//                X-Forwarded-For $proxy_add_x_forwarded_for, X-Forwarded-Proto $scheme;
//                `$proxy_add_x_forwarded_for` joins every incoming XFF line with ", ", then
//                appends ", $remote_addr" (nginx src/http/modules/ngx_http_proxy_module.c);
//                nginx sends `Host $proxy_host` and `Connection close` by default.
//   alb        — AWS ALB, XFF processing mode "append" (the default): appends ", <client-ip>"
//                where the client is its TCP peer, or creates the header; sets
//                X-Forwarded-Proto (the listener's protocol) and X-Forwarded-Port (the
//                listener's port), overwriting client values (UNVERIFIED in the AWS docs,
//                widely observed); passes Host through (archived ALB guide x-forwarded-headers.md).
//   cloudfront — appends the viewer IP with no space (`a,b`), removes the viewer's
//                X-Forwarded-Proto and X-Real-IP, sets Host to the origin's domain and adds
//                X-Amz-Cf-Id (archived CloudFront guide RequestAndResponseBehaviorCustomOrigin.md).
import http from 'node:http';
import {
  peerAddress,
  readBody,
  readHeaderLines,
  setHeader,
  toRequestHeaders,
  valuesOf,
  withoutHeader,
} from './headers.mjs';

export const PROXY_KINDS = ['nginx', 'alb', 'cloudfront'];

/** What a proxy of `kind` sends upstream, given what it received. Pure; exported for tests. */
export function rewriteHeaders(kind, lines, context) {
  const { peer, listenPort, upstreamHost, requestNumber } = context;
  const incomingXff = valuesOf(lines, 'x-forwarded-for');
  let out = lines.filter(([name]) => name !== 'connection' && name !== 'keep-alive');
  if (kind === 'nginx') {
    const joined = incomingXff.join(', ');
    out = setHeader(out, 'x-forwarded-for', joined ? `${joined}, ${peer}` : peer);
    out = setHeader(out, 'x-forwarded-proto', 'http');
    out = setHeader(out, 'host', upstreamHost);
    out = setHeader(out, 'connection', 'close');
  } else if (kind === 'alb') {
    const joined = incomingXff.join(', ');
    out = setHeader(out, 'x-forwarded-for', joined ? `${joined}, ${peer}` : peer);
    out = setHeader(out, 'x-forwarded-proto', 'http');
    out = setHeader(out, 'x-forwarded-port', String(listenPort));
  } else if (kind === 'cloudfront') {
    const joined = incomingXff.join(',');
    out = setHeader(out, 'x-forwarded-for', joined ? `${joined},${peer}` : peer);
    out = withoutHeader(out, 'x-forwarded-proto');
    out = withoutHeader(out, 'x-real-ip');
    out = setHeader(out, 'host', upstreamHost);
    out = setHeader(out, 'x-amz-cf-id', `lab-${requestNumber}`);
  } else {
    throw new Error(`unknown proxy kind: ${kind}`);
  }
  return out;
}

/**
 * Start one proxy. `upstream` is `{ host, port }`; `localAddress` (optional) is the address
 * it connects from, so the next hop sees a distinct peer on loopback.
 */
export function startProxy({ kind, name, host, port, upstream, localAddress }) {
  let requestNumber = 0;
  const server = http.createServer(async (req, res) => {
    requestNumber += 1;
    const received = readHeaderLines(req.rawHeaders);
    const peer = peerAddress(req.socket);
    const listenPort = server.address().port;
    const sent = rewriteHeaders(kind, received, {
      peer,
      listenPort,
      upstreamHost: `${upstream.host}:${upstream.port}`,
      requestNumber,
    });
    const record = { name, kind, port: listenPort, peer, received, sent };
    try {
      const body = await readBody(req);
      const upstreamResponse = await new Promise((resolve, reject) => {
        const request = http.request(
          {
            host: upstream.host,
            port: upstream.port,
            method: req.method,
            path: req.url,
            headers: toRequestHeaders(sent),
            ...(localAddress ? { localAddress } : {}),
            agent: false,
          },
          resolve,
        );
        request.on('error', reject);
        request.end(body);
      });
      const text = await readBody(upstreamResponse);
      let payload;
      try {
        payload = JSON.parse(text);
      } catch {
        payload = {
          upstreamStatus: upstreamResponse.statusCode,
          upstreamBody: text.slice(0, 2000),
        };
      }
      payload.hops = [record, ...(Array.isArray(payload.hops) ? payload.hops : [])];
      res.writeHead(upstreamResponse.statusCode ?? 502, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    } catch (error) {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: `${name}: ${String(error?.message ?? error)}`, hops: [record] }),
      );
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
