// The lab's reverse proxies. Each one is a real HTTP server on its own port that forwards to
// the next hop and rewrites the X-Forwarded-* headers the way the named product does.
// Sources, per proxy:
//   nginx      — Flask's documented block (Flask docs/deploying/nginx.rst):
//                X-Forwarded-For $proxy_add_x_forwarded_for, X-Forwarded-Proto $scheme,
//                X-Forwarded-Host $host, plus Host $host; `$proxy_add_x_forwarded_for` joins
//                every incoming XFF line with ", ", then appends ", $remote_addr"
//                (https://github.com/nginx/nginx/blob/release-1.26.0/src/http/modules/ngx_http_proxy_module.c);
//                header names with "_" are
//                ignored (underscores_in_headers off, the default).
//   alb        — AWS ALB, XFF processing mode "append" (the default): appends ", <client-ip>"
//                where the client is its TCP peer, or creates the header; sets
//                X-Forwarded-Proto (the listener's protocol) and X-Forwarded-Port (the
//                listener's port), overwriting client values (UNVERIFIED in the AWS docs,
//                widely observed); adds ":port" to Host on a non-default listener port
//                (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html).
//   cloudfront — appends the viewer IP with no space (`a,b`), removes the viewer's
//                X-Forwarded-Proto and X-Real-IP, sets Host to the origin's domain and adds
//                X-Amz-Cf-Id and CloudFront-Forwarded-Proto
//                (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html).
// The same behaviours are modelled in src/sim/proxy/hops.ts; lab/lab.test.mjs checks that this
// real chain and that model agree.
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

/** nginx `$host`: the Host header's name without the port, lower-cased. */
function hostVariable(lines) {
  const raw = valuesOf(lines, 'host')[0] ?? '';
  const name = raw.startsWith('[') ? raw.slice(0, raw.indexOf(']') + 1) : (raw.split(':')[0] ?? '');
  return name.toLowerCase();
}

/**
 * What a proxy of `kind` sends upstream, given the header lines it received. Pure.
 * `context`: { peer, scheme (of the connection into the proxy), listenPort, upstreamHost,
 * requestNumber }.
 */
export function rewriteHeaders(kind, lines, context) {
  const { peer, scheme, listenPort, upstreamHost, requestNumber } = context;
  // Hop-by-hop headers are not forwarded (RFC 9110 §7.6.1); Node adds its own Connection.
  let out = lines.filter(([name]) => name !== 'connection' && name !== 'keep-alive');
  if (kind === 'nginx') {
    // `underscores_in_headers off` (the default) ignores header names with "_".
    out = out.filter(([name]) => !name.includes('_'));
    const xff = valuesOf(out, 'x-forwarded-for').join(', ');
    out = setHeader(out, 'x-forwarded-for', xff ? `${xff}, ${peer}` : peer);
    out = setHeader(out, 'x-forwarded-proto', scheme);
    out = setHeader(out, 'x-forwarded-host', hostVariable(out));
    out = setHeader(out, 'host', hostVariable(out));
  } else if (kind === 'alb') {
    const xff = valuesOf(out, 'x-forwarded-for').join(', ');
    out = setHeader(out, 'x-forwarded-for', xff ? `${xff}, ${peer}` : peer);
    out = setHeader(out, 'x-forwarded-proto', scheme);
    out = setHeader(out, 'x-forwarded-port', String(listenPort));
    // Host: on listener ports 80/443 a port is removed; on other ports ":port" is added when
    // missing (routing.http.preserve_host_header.enabled is false by default).
    const host = valuesOf(out, 'host')[0];
    if (host !== undefined) {
      const hasPort = /:[0-9]+$/.test(host) && !host.endsWith(']');
      const name = hasPort ? host.slice(0, host.lastIndexOf(':')) : host;
      const value =
        listenPort === 80 || listenPort === 443 ? name : hasPort ? host : `${host}:${listenPort}`;
      out = setHeader(out, 'host', value);
    }
  } else if (kind === 'cloudfront') {
    const xff = valuesOf(out, 'x-forwarded-for').join(',');
    out = setHeader(out, 'x-forwarded-for', xff ? `${xff},${peer}` : peer);
    out = withoutHeader(withoutHeader(out, 'x-forwarded-proto'), 'x-real-ip');
    out = setHeader(out, 'cloudfront-forwarded-proto', scheme);
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
      scheme: 'http',
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
