/**
 * The WSGI environ Gunicorn hands to Flask after a request crossed a chain of proxies, for the
 * proxy exercises. Only the headers the exercises need are modelled; ProxyFix itself is the
 * real model in src/sim/proxy.
 *
 * Behaviour (domain-facts §6 "Which proxies write which headers"):
 * - ALB, CloudFront and nginx (`proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`)
 *   append their TCP peer's address to X-Forwarded-For, or create the header. Separators: ALB
 *   and nginx ", ", CloudFront "," (archived ALB guide `x-forwarded-headers.md`, archived
 *   CloudFront `RequestAndResponseBehaviorCustomOrigin.md`, nginx `ngx_http_proxy_module.c`).
 * - ALB sets X-Forwarded-Proto to its listener's scheme (that it overwrites a client's value is
 *   UNVERIFIED in AWS's docs; widely observed). CloudFront strips a viewer's X-Forwarded-Proto.
 *   nginx with `proxy_set_header X-Forwarded-Proto $scheme` replaces it with its own scheme.
 * - Gunicorn puts the proxy's address in REMOTE_ADDR and headers in HTTP_* keys (facts §2.6).
 */
import type { WsgiEnviron } from '../proxy/proxy-fix';
import type { HopKind } from './types';

export interface ChainRequest {
  readonly clientIp: string;
  /** What the client itself sends in X-Forwarded-For (a forgery), or null. */
  readonly spoofedFor: string | null;
  /** What the client itself sends in X-Forwarded-Proto, or null. */
  readonly spoofedProto: string | null;
}

/** The address each hop has, for display and for the next hop's peer. */
export function hopAddress(kind: HopKind, index: number): string {
  switch (kind) {
    case 'cloudfront':
      return `130.176.${String(10 + index)}.${String(20 + index)}`;
    case 'alb':
      return `10.0.${String(1 + index)}.17`;
    case 'nginx':
      return '127.0.0.1';
  }
}

export function describeHop(kind: HopKind): string {
  switch (kind) {
    case 'cloudfront':
      return 'CloudFront';
    case 'alb':
      return 'ALB (HTTPS listener)';
    case 'nginx':
      return 'nginx on the same host';
  }
}

const SEPARATOR: Record<HopKind, string> = { cloudfront: ',', alb: ', ', nginx: ', ' };

/** The environ at Gunicorn for a request from `request.clientIp` through `chain`. */
export function buildChainEnviron(chain: readonly HopKind[], request: ChainRequest): WsgiEnviron {
  let xff: string | null = request.spoofedFor;
  let proto: string | null = request.spoofedProto;
  // The scheme each leg used: the client speaks HTTPS to the first hop, and each proxy speaks
  // plain HTTP to the next (an ALB's listener here is HTTPS whoever calls it, so it writes
  // https; nginx writes `$scheme`, the scheme of the leg that reached it).
  let legScheme = 'https';
  let peer = request.clientIp;
  chain.forEach((kind, index) => {
    xff = xff === null ? peer : `${xff}${SEPARATOR[kind]}${peer}`;
    if (kind === 'cloudfront') {
      proto = null;
    } else if (kind === 'alb') {
      proto = 'https';
    } else {
      proto = legScheme;
    }
    legScheme = 'http';
    peer = hopAddress(kind, index);
  });
  const environ: Record<string, string> = {
    REMOTE_ADDR: peer,
    'wsgi.url_scheme': 'http',
    HTTP_HOST: 'app.example.com',
    SERVER_NAME: '0.0.0.0',
    SERVER_PORT: '8000',
    SCRIPT_NAME: '',
  };
  if (xff !== null) environ.HTTP_X_FORWARDED_FOR = xff;
  if (proto !== null) environ.HTTP_X_FORWARDED_PROTO = proto;
  return environ;
}

/** How many hops append to X-Forwarded-For: the x_for that is right for this chain. */
export function countAppendingHops(chain: readonly HopKind[]): number {
  return chain.length;
}

/** How many hops set X-Forwarded-Proto after the last one that strips it (0 or 1 here). */
export function countProtoWriters(chain: readonly HopKind[]): number {
  const last = chain.at(-1);
  return last === undefined || last === 'cloudfront' ? 0 : 1;
}
