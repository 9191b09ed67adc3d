/**
 * The WSGI environ Gunicorn hands to Flask after a request crossed a chain of proxies, for the
 * proxy exercises. Only the headers the exercises need are modelled; ProxyFix itself is the
 * real model in src/sim/proxy.
 *
 * Behaviour (which proxies write which headers):
 * - ALB, CloudFront and nginx (`proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`)
 *   append their TCP peer's address to X-Forwarded-For, or create the header. Separators: ALB
 *   and nginx ", ", CloudFront "," (archived ALB guide `x-forwarded-headers.md`, archived
 *   CloudFront `RequestAndResponseBehaviorCustomOrigin.md`, nginx `ngx_http_proxy_module.c`).
 * - ALB sets X-Forwarded-Proto to its listener's scheme (that it overwrites a client's value is
 *   UNVERIFIED in AWS's docs; widely observed). CloudFront strips a viewer's X-Forwarded-Proto.
 *   nginx with `proxy_set_header X-Forwarded-Proto $scheme` replaces it with its own scheme.
 * - Gunicorn puts the proxy's address in REMOTE_ADDR and headers in HTTP_* keys (`gunicorn/http/wsgi.py`, PEP 3333).
 */
import {
  DEFAULT_APP,
  DEFAULT_CLIENT,
  DEFAULT_GUNICORN,
  createAlbHop,
  createCloudFrontHop,
  createNginxHop,
  simulateChain,
  type HopConfig,
} from '../proxy/hops';
import { PROXY_FIX_DEFAULTS, type WsgiEnviron } from '../proxy/proxy-fix';
import { hopAddress } from './hop-names';
import type { HopKind } from './types';

export { countAppendingHops, countProtoWriters, describeHop, hopAddress } from './hop-names';

export interface ChainRequest {
  readonly clientIp: string;
  /** What the client itself sends in X-Forwarded-For (a forgery), or null. */
  readonly spoofedFor: string | null;
  /** What the client itself sends in X-Forwarded-Proto, or null. */
  readonly spoofedProto: string | null;
}

/**
 * The environ at Gunicorn for a request from `request.clientIp` through `chain`, computed by
 * the same chain model the proxy widget and the live lab use (src/sim/proxy/hops.ts), so an
 * exercise can never teach a different hop behaviour from the widget. The exercises' hops keep
 * the public Host (CloudFront forwards it, nginx sets `Host $host`) and write only
 * X-Forwarded-For and X-Forwarded-Proto.
 */
export function buildChainEnviron(chain: readonly HopKind[], request: ChainRequest): WsgiEnviron {
  const hops: HopConfig[] = chain.map((kind, index) => {
    const address = hopAddress(kind, index);
    switch (kind) {
      case 'cloudfront':
        return createCloudFrontHop({ address, forwardHost: true, originScheme: 'https' });
      case 'alb':
        return createAlbHop({ address });
      case 'nginx':
        return createNginxHop({ address, host: 'host', xfh: 'none', prefix: '' });
    }
  });
  const forged = request.spoofedFor !== null || request.spoofedProto !== null;
  const result = simulateChain({
    client: {
      ...DEFAULT_CLIENT,
      ip: request.clientIp,
      host: 'app.example.com',
      mode: forged ? 'attacker' : 'honest',
      spoof: {
        xff: request.spoofedFor ?? '',
        xfp: request.spoofedProto ?? '',
        xfh: '',
        host: '',
        underscoreXff: '',
      },
    },
    hops,
    gunicorn: { ...DEFAULT_GUNICORN, bindHost: '0.0.0.0', bindPort: 8000 },
    proxyFix: { ...PROXY_FIX_DEFAULTS, enabled: false, werkzeugVersion: '3.1.8' },
    app: DEFAULT_APP,
  });
  if (result.environ === null)
    throw new Error(`Gunicorn rejected the request: ${result.gunicornError ?? ''}`);
  return result.environ;
}
