/**
 * The proxy-chain model: a client, zero or more proxies, Gunicorn and Werkzeug's ProxyFix.
 *
 * ## API (pure; reused by the ProxyHops widget and the WebContainer lab)
 *
 *   simulateChain(scenario: ChainScenario): ChainResult
 *
 * `scenario.client` describes who sends the request (honest, or an attacker choosing which
 * X-Forwarded-* / Host / underscore headers to forge), `scenario.hops` the proxies in order
 * from the client towards the app, `scenario.gunicorn` how Gunicorn turns the last TCP
 * connection into a WSGI environ, and `scenario.proxyFix` the `ProxyFix(...)` arguments.
 * The result holds:
 *   - `hops`: one snapshot per sender (index 0 is the client), the request *as it leaves*
 *     that sender: source address, scheme of the connection, every header line, and each
 *     piece of each header value tagged with the hop that wrote it (`writer`) and whether its
 *     content is client-controlled; plus plain-words notes and UNVERIFIED flags;
 *   - `environ`: the WSGI environ Gunicorn builds (or a 400 `gunicornError`);
 *   - `forwardedFor`: the X-Forwarded-For list ProxyFix parses, every entry attributed;
 *   - `proxyFix`: `{ environ, orig }` from `proxyFix()`; `request`: `requestView()` of it;
 *   - `picked`: which entry ProxyFix took for each x_* argument, and who wrote it.
 * Nothing is random and nothing is mutated; the same scenario always gives the same result.
 * Build scenarios with `createScenario(preset)` and the `create*Hop()` helpers.
 *
 * Sources: /work/shared/domain-facts.md §1 (Werkzeug ProxyFix), §2.6 (Gunicorn environ), §6
 * (ALB `x-forwarded-headers.md`, CloudFront `RequestAndResponseBehaviorCustomOrigin.md`, API
 * Gateway, nginx `ngx_http_proxy_module.c` / `ngx_http_realip_module.c`), §8 (Flask 3.1).
 */
import {
  proxyFix,
  requestViewWithTrust,
  resolveProxyFixCounts,
  splitListHeader,
  type ProxyFixArg,
  type ProxyFixCounts,
  type ProxyFixResult,
  type RequestViewWithTrust,
  type WerkzeugVersion,
  type WsgiEnviron,
} from './proxy-fix';

// ---------- headers with provenance ----------

/** Who wrote a piece of a header value. Hop 0 is the client. */
export interface HeaderPiece {
  readonly text: string;
  /** Index of the sender that wrote these bytes (0 = client). */
  readonly writer: number;
  /**
   * True when the content came from the client, even if a proxy wrote the bytes (for
   * example nginx's `$host` copied from the client's Host header, or a `real_ip` address
   * taken from a client-written X-Forwarded-For entry).
   */
  readonly clientControlled: boolean;
  /** True for separators (`", "`) that carry no value. */
  readonly separator?: boolean;
}

export interface HeaderLine {
  /** The header name exactly as sent (case and underscores preserved). */
  readonly name: string;
  readonly pieces: readonly HeaderPiece[];
}

/** The raw value of a header line. */
export function headerValue(line: HeaderLine): string {
  return line.pieces.map((piece) => piece.text).join('');
}

/** Header name as HTTP compares it (case-insensitive). */
function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function piece(text: string, writer: number, clientControlled: boolean): HeaderPiece {
  return { text, writer, clientControlled };
}

function separator(text: string, writer: number): HeaderPiece {
  return { text, writer, clientControlled: false, separator: true };
}

// ---------- scenario types ----------

export type Scheme = 'http' | 'https';

/** What an attacking client forges. Each header is sent only when its value is non-empty. */
export interface ClientSpoof {
  /** `X-Forwarded-For` value, e.g. `6.6.6.6`. */
  readonly xff: string;
  /** `X-Forwarded-Proto` value. */
  readonly xfp: string;
  /** `X-Forwarded-Host` value. */
  readonly xfh: string;
  /** Replacement `Host` header. */
  readonly host: string;
  /** `X_Forwarded_For` (underscore variant, merged by Gunicorn < 22, domain-facts §2.6). */
  readonly underscoreXff: string;
}

export interface ClientConfig {
  /** The client's real public address (the TCP source the first hop sees). */
  readonly ip: string;
  /** The client's source port (the ALB client-port option appends it). */
  readonly port: number;
  /** The scheme the user typed: `https://app.example.com/`. */
  readonly scheme: Scheme;
  /** The public host name the user typed. */
  readonly host: string;
  readonly mode: 'honest' | 'attacker';
  readonly spoof: ClientSpoof;
}

/** Per-header behaviour for hops whose behaviour AWS does not fully document. */
export type HeaderAction = 'pass' | 'append' | 'set' | 'strip';

export interface NginxHop {
  readonly kind: 'nginx';
  /** The address nginx connects from (what the next hop sees as its peer). */
  readonly address: string;
  /** `proxy_set_header X-Forwarded-For …`: `$proxy_add_x_forwarded_for`, `$remote_addr`, or not set (pass through). */
  readonly xff: 'proxy_add' | 'remote_addr' | 'none';
  /** `proxy_set_header X-Forwarded-Proto …`: `$scheme`, `$http_x_forwarded_proto`, or not set. */
  readonly xfp: 'scheme' | 'http_xfp' | 'none';
  /** `proxy_set_header X-Forwarded-Host $host;` or not set. */
  readonly xfh: 'host' | 'none';
  /** `proxy_set_header Host …`: `$host`, `$http_host`, or the default `$proxy_host`. */
  readonly host: 'host' | 'http_host' | 'proxy_host';
  /** `proxy_set_header X-Forwarded-Prefix <value>;` or '' for not set. */
  readonly prefix: string;
  /** The upstream in `proxy_pass http://<upstream>;` (becomes `$proxy_host`). */
  readonly upstream: string;
  /** Scheme of `proxy_pass` (the connection to the next hop). */
  readonly upstreamScheme: Scheme;
  /** `set_real_ip_from` entries (addresses or CIDRs); empty = real_ip not used. */
  readonly setRealIpFrom: readonly string[];
  readonly realIpRecursive: boolean;
  /** `underscores_in_headers` (default off: underscore headers are ignored). */
  readonly underscoresInHeaders: boolean;
}

export interface AlbHop {
  readonly kind: 'alb';
  readonly address: string;
  /** `routing.http.xff_header_processing.mode` (default append). */
  readonly xffMode: 'append' | 'preserve' | 'remove';
  /** `routing.http.xff_client_port.enabled` (default false). */
  readonly clientPort: boolean;
  /** `routing.http.preserve_host_header.enabled` (default false). */
  readonly preserveHost: boolean;
  /** The listener port (443 for https, 80 for http usually). */
  readonly listenerPort: number;
  /** Target group protocol (the connection to the next hop). */
  readonly targetScheme: Scheme;
}

export interface CloudFrontHop {
  readonly kind: 'cloudfront';
  /** The edge server's address (what the origin sees as its peer). */
  readonly address: string;
  /** The origin's domain name; CloudFront sets Host to it unless Host is forwarded. */
  readonly originDomain: string;
  /** Host forwarded to the origin by the origin request policy. */
  readonly forwardHost: boolean;
  /** The `CloudFront-Forwarded-Proto` header is included by the policy. */
  readonly addForwardedProto: boolean;
  /** Origin protocol policy (the connection to the next hop). */
  readonly originScheme: Scheme;
}

export interface ConfigurableHop {
  /** `api-gateway` or a user-described `custom` proxy; both UNVERIFIED by design. */
  readonly kind: 'api-gateway' | 'custom';
  readonly label: string;
  readonly address: string;
  readonly xff: HeaderAction;
  readonly xfp: HeaderAction;
  readonly xfh: HeaderAction;
  /** Host: pass the incoming one through, or rewrite it to `rewriteHost`. */
  readonly host: 'pass' | 'rewrite';
  readonly rewriteHost: string;
  /** Separator used when appending (`", "` or `","`). */
  readonly appendSeparator: ', ' | ',';
  readonly upstreamScheme: Scheme;
}

export type HopConfig = NginxHop | AlbHop | CloudFrontHop | ConfigurableHop;
export type HopKind = HopConfig['kind'];

export interface GunicornConfig {
  /** `'20.1'`/`'21.2'` merge underscore headers; `'22.0'`+ drop them (`header_map="drop"`). */
  readonly version: '20.1' | '21.2' | '22.0' | '23.0';
  /** `forwarded_allow_ips` (default `127.0.0.1,::1`); `*` trusts every peer. */
  readonly forwardedAllowIps: readonly string[];
  /** The bind address and port (`SERVER_NAME`/`SERVER_PORT` come from the socket). */
  readonly bindHost: string;
  readonly bindPort: number;
}

export interface AppConfig {
  /** Flask `TRUSTED_HOSTS` (null = not set). */
  readonly trustedHosts: readonly string[] | null;
  /** Flask `SESSION_COOKIE_SECURE`. */
  readonly sessionCookieSecure: boolean;
}

export interface ProxyFixSettings extends ProxyFixCounts {
  /** False = the app is not wrapped in ProxyFix at all. */
  readonly enabled: boolean;
  readonly werkzeugVersion: WerkzeugVersion;
}

export interface ChainScenario {
  readonly client: ClientConfig;
  readonly hops: readonly HopConfig[];
  readonly gunicorn: GunicornConfig;
  readonly proxyFix: ProxyFixSettings;
  readonly app: AppConfig;
}

// ---------- results ----------

export interface HopSnapshot {
  /** 0 = the client, 1… = the proxies in order. */
  readonly index: number;
  readonly kind: 'client' | HopKind;
  readonly label: string;
  /** The source address of the connection this sender opens to the next hop. */
  readonly sourceAddress: string;
  /** The scheme of that connection. */
  readonly scheme: Scheme;
  readonly headers: readonly HeaderLine[];
  /** What this hop did, in plain words, each with its source. */
  readonly notes: readonly string[];
  /** Behaviours applied here that the facts file marks UNVERIFIED. */
  readonly unverified: readonly string[];
}

export interface ForwardedEntry {
  readonly value: string;
  /** Writers of the bytes of this entry (several if the entry spans pieces). */
  readonly writers: readonly number[];
  /** True when any byte, or the content, came from the client. */
  readonly clientControlled: boolean;
}

export interface PickedValue {
  readonly arg: ProxyFixArg;
  /** The header ProxyFix read. */
  readonly header: string;
  /** Parsed entries of that header in the environ, each attributed. */
  readonly entries: readonly ForwardedEntry[];
  /** Index into `entries` ProxyFix used, or null when it changed nothing. */
  readonly index: number | null;
  /** Why nothing was used, when `index` is null. */
  readonly reason: string | null;
}

export interface ChainResult {
  readonly hops: readonly HopSnapshot[];
  /** The header lines Gunicorn received, in order (= the last snapshot's headers). */
  readonly received: readonly HeaderLine[];
  /** TCP peer address Gunicorn sees. */
  readonly peerAddress: string;
  /** The WSGI environ Gunicorn builds, or null when it answered 400. */
  readonly environ: WsgiEnviron | null;
  /** Gunicorn's 400 reason (contradictory scheme headers), or null. */
  readonly gunicornError: string | null;
  /** Which header lines Gunicorn dropped or merged, in plain words. */
  readonly gunicornNotes: readonly string[];
  /** Environ keys with the pieces that formed them (for colouring the environ view). */
  readonly environPieces: Readonly<Record<string, readonly HeaderPiece[]>>;
  readonly proxyFix: ProxyFixResult | null;
  readonly request: RequestViewWithTrust | null;
  readonly picked: readonly PickedValue[];
  /** The proxy addresses in the chain (for spotting a leaked proxy address). */
  readonly proxyAddresses: readonly string[];
}

// ---------- defaults and constructors ----------

export const ATTACKER_SPOOF: ClientSpoof = {
  xff: '6.6.6.6',
  xfp: 'https',
  xfh: 'evil.test',
  host: '',
  underscoreXff: '',
};

export const DEFAULT_CLIENT: ClientConfig = {
  ip: '203.0.113.7',
  port: 51234,
  scheme: 'https',
  host: 'app.example.com',
  mode: 'honest',
  spoof: ATTACKER_SPOOF,
};

export const DEFAULT_GUNICORN: GunicornConfig = {
  version: '23.0',
  forwardedAllowIps: ['127.0.0.1', '::1'],
  bindHost: '0.0.0.0',
  bindPort: 8000,
};

export const DEFAULT_APP: AppConfig = { trustedHosts: null, sessionCookieSecure: true };

export function createNginxHop(overrides: Partial<NginxHop> = {}): NginxHop {
  return {
    kind: 'nginx',
    address: '10.0.2.30',
    xff: 'proxy_add',
    xfp: 'scheme',
    xfh: 'host',
    // Flask's documented nginx block (docs/deploying/nginx.rst): X-Forwarded-For, -Proto,
    // -Host and -Prefix set, Host left at nginx's default $proxy_host.
    host: 'proxy_host',
    prefix: '/',
    upstream: '127.0.0.1:8000',
    upstreamScheme: 'http',
    setRealIpFrom: [],
    realIpRecursive: false,
    underscoresInHeaders: false,
    ...overrides,
  };
}

export function createAlbHop(overrides: Partial<AlbHop> = {}): AlbHop {
  return {
    kind: 'alb',
    address: '10.0.1.17',
    xffMode: 'append',
    clientPort: false,
    preserveHost: false,
    listenerPort: 443,
    targetScheme: 'http',
    ...overrides,
  };
}

export function createCloudFrontHop(overrides: Partial<CloudFrontHop> = {}): CloudFrontHop {
  return {
    kind: 'cloudfront',
    address: '198.51.100.20',
    originDomain: 'origin.example.com',
    forwardHost: false,
    addForwardedProto: true,
    originScheme: 'https',
    ...overrides,
  };
}

export function createConfigurableHop(
  kind: 'api-gateway' | 'custom',
  overrides: Partial<Omit<ConfigurableHop, 'kind'>> = {},
): ConfigurableHop {
  const base: ConfigurableHop =
    kind === 'api-gateway'
      ? {
          kind,
          label: 'API Gateway',
          address: '52.94.1.10',
          xff: 'append',
          xfp: 'set',
          xfh: 'strip',
          host: 'rewrite',
          rewriteHost: 'internal-alb.example.com',
          appendSeparator: ', ',
          upstreamScheme: 'https',
        }
      : {
          kind,
          label: 'Custom proxy',
          address: '192.0.2.50',
          xff: 'append',
          xfp: 'set',
          xfh: 'pass',
          host: 'pass',
          rewriteHost: 'backend.internal',
          appendSeparator: ', ',
          upstreamScheme: 'http',
        };
  return { ...base, ...overrides };
}

export function createHop(kind: HopKind): HopConfig {
  switch (kind) {
    case 'nginx':
      return createNginxHop();
    case 'alb':
      return createAlbHop();
    case 'cloudfront':
      return createCloudFrontHop();
    case 'api-gateway':
    case 'custom':
      return createConfigurableHop(kind);
  }
}

export const HOP_KIND_LABELS: Readonly<Record<HopKind, string>> = {
  nginx: 'nginx',
  alb: 'AWS ALB',
  cloudfront: 'CloudFront',
  'api-gateway': 'API Gateway',
  custom: 'Custom proxy',
};

/** The official documentation of each hop's behaviour (linked from the UI). */
export const HOP_DOCS: Readonly<
  Record<HopKind | 'gunicorn', readonly (readonly [string, string])[]>
> = {
  nginx: [
    [
      'nginx proxy_set_header',
      'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_set_header',
    ],
    ['nginx real_ip', 'https://nginx.org/en/docs/http/ngx_http_realip_module.html'],
    [
      'nginx underscores_in_headers',
      'https://nginx.org/en/docs/http/ngx_http_core_module.html#underscores_in_headers',
    ],
  ],
  alb: [
    [
      'ALB X-Forwarded headers',
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html',
    ],
  ],
  cloudfront: [
    [
      'CloudFront request behaviour for custom origins',
      'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html',
    ],
  ],
  'api-gateway': [
    [
      'API Gateway HTTP API parameter mapping (reserved headers)',
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html',
    ],
  ],
  custom: [],
  gunicorn: [
    [
      'Gunicorn forwarded_allow_ips',
      'https://gunicorn.org/reference/settings/#forwarded_allow_ips',
    ],
    [
      'Gunicorn secure_scheme_headers',
      'https://gunicorn.org/reference/settings/#secure_scheme_headers',
    ],
    ['Gunicorn header_map', 'https://gunicorn.org/reference/settings/#header_map'],
  ],
};

export function hopLabel(hop: HopConfig): string {
  return hop.kind === 'api-gateway' || hop.kind === 'custom'
    ? hop.label
    : HOP_KIND_LABELS[hop.kind];
}

export const PRESET_NAMES = [
  'no-proxy',
  'nginx-same-host',
  'alb',
  'cloudfront-alb',
  'api-gateway-alb',
  'alb-nginx',
] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const PRESET_LABELS: Readonly<Record<PresetName, string>> = {
  'no-proxy': 'No proxy',
  'nginx-same-host': 'nginx on the same host',
  alb: 'AWS ALB',
  'cloudfront-alb': 'CloudFront → ALB',
  'api-gateway-alb': 'API Gateway → ALB',
  'alb-nginx': 'ALB → nginx',
};

/** The chain of a preset, without touching the ProxyFix settings. */
export function presetHops(preset: PresetName): HopConfig[] {
  switch (preset) {
    case 'no-proxy':
      return [];
    case 'nginx-same-host':
      // nginx in front of Gunicorn on one machine: Gunicorn sees 127.0.0.1.
      return [createNginxHop({ address: '127.0.0.1' })];
    case 'alb':
      return [createAlbHop()];
    case 'cloudfront-alb':
      return [createCloudFrontHop(), createAlbHop()];
    case 'api-gateway-alb':
      return [createConfigurableHop('api-gateway'), createAlbHop()];
    case 'alb-nginx':
      // The ALB terminates TLS, so nginx must pass the ALB's X-Forwarded-Proto through.
      return [
        createAlbHop(),
        createNginxHop({ xfp: 'http_xfp', upstream: 'app:8000', address: '10.0.2.30' }),
      ];
  }
}

/** A complete scenario for a preset, with ProxyFix at Werkzeug's defaults. */
export function createScenario(preset: PresetName = 'alb'): ChainScenario {
  const hops = presetHops(preset);
  return {
    client: DEFAULT_CLIENT,
    hops,
    gunicorn:
      preset === 'nginx-same-host'
        ? { ...DEFAULT_GUNICORN, bindHost: '127.0.0.1' }
        : DEFAULT_GUNICORN,
    proxyFix: {
      enabled: hops.length > 0,
      x_for: 1,
      x_proto: 1,
      x_host: 0,
      x_port: 0,
      x_prefix: 0,
      werkzeugVersion: '3.1.8',
    },
    app: DEFAULT_APP,
  };
}

// ---------- address helpers ----------

function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** Strips a port from `ip:port` or `[ipv6]:port` the way nginx's realip accepts it. */
function stripAddressPort(text: string): string {
  const bracketed = /^\[([^\]]+)\](?::[0-9]+)?$/.exec(text);
  if (bracketed) return bracketed[1]!;
  const v4 = /^([0-9.]+):[0-9]+$/.exec(text);
  return v4 ? v4[1]! : text;
}

/**
 * True if `address` matches one `set_real_ip_from` entry: an exact address, an IPv4 CIDR,
 * or `unix:`. (IPv6 CIDRs are compared as exact strings in this model.)
 */
export function addressMatches(address: string, entries: readonly string[]): boolean {
  const ip = stripAddressPort(address);
  const ipValue = parseIpv4(ip);
  for (const entry of entries) {
    const trimmed = entry.trim();
    if (trimmed === ip) return true;
    const cidr = /^([0-9.]+)\/([0-9]{1,2})$/.exec(trimmed);
    if (cidr && ipValue !== null) {
      const base = parseIpv4(cidr[1]!);
      const bits = Number(cidr[2]);
      if (base === null || bits > 32) continue;
      const size = 2 ** (32 - bits);
      if (Math.floor(ipValue / size) === Math.floor(base / size)) return true;
    }
  }
  return false;
}

function formatIpWithPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

// ---------- the per-hop transformations ----------

interface Incoming {
  /** Address of the TCP peer this hop sees. */
  readonly peer: string;
  /** Source port of that connection (the client's port, or a fixed ephemeral port). */
  readonly peerPort: number;
  /** Scheme of the connection into this hop. */
  readonly scheme: Scheme;
  readonly headers: readonly HeaderLine[];
}

interface Outgoing {
  readonly headers: HeaderLine[];
  readonly scheme: Scheme;
  readonly notes: string[];
  readonly unverified: string[];
}

function findLines(headers: readonly HeaderLine[], name: string): HeaderLine[] {
  return headers.filter((line) => sameName(line.name, name));
}

function withoutHeader(headers: readonly HeaderLine[], name: string): HeaderLine[] {
  return headers.filter((line) => !sameName(line.name, name));
}

/** Replaces all lines of `name` with one line, keeping the position of the first one. */
function setHeader(headers: readonly HeaderLine[], line: HeaderLine): HeaderLine[] {
  const at = headers.findIndex((existing) => sameName(existing.name, line.name));
  const rest = withoutHeader(headers, line.name);
  if (at === -1) return [...rest, line];
  const before = headers.slice(0, at).filter((existing) => !sameName(existing.name, line.name));
  return [...before, line, ...rest.slice(before.length)];
}

/** Joins several lines' pieces with a separator written by `writer`. */
function joinPieces(lines: readonly HeaderLine[], sep: string, writer: number): HeaderPiece[] {
  const out: HeaderPiece[] = [];
  lines.forEach((line, i) => {
    if (i > 0) out.push(separator(sep, writer));
    out.push(...line.pieces);
  });
  return out;
}

/** Appends `value` to the (joined) existing header, or creates it. */
function appendHeader(
  headers: readonly HeaderLine[],
  name: string,
  value: HeaderPiece,
  sep: string,
  writer: number,
): HeaderLine[] {
  const existing = findLines(headers, name);
  const joined = joinPieces(existing, sep, writer);
  const pieces = joined.length > 0 ? [...joined, separator(sep, writer), value] : [value];
  const canonicalName = existing[0]?.name ?? name;
  return setHeader(headers, { name: canonicalName, pieces });
}

function hostPieces(headers: readonly HeaderLine[]): HeaderPiece[] {
  const line = findLines(headers, 'Host')[0];
  return line ? [...line.pieces] : [];
}

/** Host header value without a port, lower-cased (nginx `$host`). */
function nginxHostVariable(headers: readonly HeaderLine[], writer: number): HeaderPiece[] {
  const pieces = hostPieces(headers);
  const raw = pieces.map((p) => p.text).join('');
  const clientControlled = pieces.some((p) => p.clientControlled);
  const name = raw.startsWith('[') ? raw.slice(0, raw.indexOf(']') + 1) : (raw.split(':')[0] ?? '');
  return [piece(name.toLowerCase(), writer, clientControlled)];
}

const HAS_UNDERSCORE = /_/;

function applyNginx(hop: NginxHop, index: number, incoming: Incoming): Outgoing {
  const notes: string[] = [];
  let headers = [...incoming.headers];
  // nginx ignores request headers with underscores unless `underscores_in_headers on`
  // (nginx docs, ngx_http_core_module `underscores_in_headers` / `ignore_invalid_headers`).
  if (!hop.underscoresInHeaders) {
    const dropped = headers.filter((line) => HAS_UNDERSCORE.test(line.name));
    if (dropped.length > 0) {
      headers = headers.filter((line) => !HAS_UNDERSCORE.test(line.name));
      notes.push(
        `Ignored ${dropped.map((l) => l.name).join(', ')}: underscores_in_headers is off (nginx default).`,
      );
    }
  }

  // real_ip: trust is by IP; take the rightmost X-Forwarded-For element if the TCP peer is
  // trusted, and with real_ip_recursive keep walking left while the address is trusted
  // (ngx_http_realip_module.c, ngx_http_core_module.c ngx_http_get_forwarded_addr_internal).
  let remoteAddr: HeaderPiece = piece(incoming.peer, index, false);
  if (hop.setRealIpFrom.length > 0 && addressMatches(incoming.peer, hop.setRealIpFrom)) {
    const lines = findLines(headers, 'X-Forwarded-For');
    // Lines are walked from the last to the first; items of one line from right to left.
    const candidates: ForwardedEntry[] = [];
    for (let l = lines.length - 1; l >= 0; l -= 1) {
      const entries = attributeEntries(lines[l]!.pieces, '3.1.8');
      for (let e = entries.length - 1; e >= 0; e -= 1) candidates.push(entries[e]!);
    }
    let chosen: ForwardedEntry | null = null;
    for (const candidate of candidates) {
      chosen = candidate;
      if (
        !hop.realIpRecursive ||
        !addressMatches(stripAddressPort(candidate.value), hop.setRealIpFrom)
      )
        break;
    }
    if (chosen) {
      remoteAddr = piece(stripAddressPort(chosen.value), index, chosen.clientControlled);
      notes.push(
        `real_ip: peer ${incoming.peer} is in set_real_ip_from, so $remote_addr becomes ${remoteAddr.text}` +
          (chosen.clientControlled ? ' — a value the client wrote!' : '.'),
      );
    }
  } else if (hop.setRealIpFrom.length > 0) {
    notes.push(
      `real_ip: peer ${incoming.peer} is not in set_real_ip_from; $remote_addr stays the peer.`,
    );
  }

  // $proxy_add_x_forwarded_for: incoming lines joined with ", ", then ", " and $remote_addr
  // (ngx_http_proxy_module.c ngx_http_proxy_add_x_forwarded_for_variable).
  if (hop.xff === 'proxy_add') {
    headers = appendHeader(headers, 'X-Forwarded-For', remoteAddr, ', ', index);
    notes.push(`X-Forwarded-For: appended $remote_addr (${remoteAddr.text}).`);
  } else if (hop.xff === 'remote_addr') {
    headers = setHeader(headers, { name: 'X-Forwarded-For', pieces: [remoteAddr] });
    notes.push(`X-Forwarded-For: replaced with $remote_addr (${remoteAddr.text}).`);
  } else {
    notes.push('X-Forwarded-For: not configured, so whatever arrived is passed through.');
  }

  if (hop.xfp === 'scheme') {
    headers = setHeader(headers, {
      name: 'X-Forwarded-Proto',
      pieces: [piece(incoming.scheme, index, false)],
    });
    notes.push(
      `X-Forwarded-Proto: set to $scheme (${incoming.scheme}, the scheme of the connection into nginx).`,
    );
  } else if (hop.xfp === 'http_xfp') {
    const lines = findLines(headers, 'X-Forwarded-Proto');
    const pieces = joinPieces(lines, ', ', index).map((p) => ({
      ...p,
      writer: p.separator ? index : p.writer,
    }));
    headers = withoutHeader(headers, 'X-Forwarded-Proto');
    if (pieces.length > 0) headers = [...headers, { name: 'X-Forwarded-Proto', pieces }];
    notes.push('X-Forwarded-Proto: set to $http_x_forwarded_proto (the incoming value passed on).');
  }

  if (hop.xfh === 'host') {
    headers = setHeader(headers, {
      name: 'X-Forwarded-Host',
      pieces: nginxHostVariable(headers, index),
    });
    notes.push('X-Forwarded-Host: set to $host (from the Host header the request arrived with).');
  }

  if (hop.prefix !== '') {
    headers = setHeader(headers, {
      name: 'X-Forwarded-Prefix',
      pieces: [piece(hop.prefix, index, false)],
    });
    notes.push(`X-Forwarded-Prefix: set to ${hop.prefix}.`);
  }

  // Default `proxy_set_header Host $proxy_host` (ngx_http_proxy_headers[] @release-1.26.0).
  if (hop.host === 'proxy_host') {
    headers = setHeader(headers, { name: 'Host', pieces: [piece(hop.upstream, index, false)] });
    notes.push(`Host: $proxy_host (${hop.upstream}), nginx's default.`);
  } else if (hop.host === 'host') {
    headers = setHeader(headers, { name: 'Host', pieces: nginxHostVariable(headers, index) });
    notes.push('Host: $host (the incoming host name, port dropped).');
  } else {
    notes.push('Host: $http_host (the incoming Host header unchanged).');
  }
  return { headers, scheme: hop.upstreamScheme, notes, unverified: [] };
}

function applyAlb(hop: AlbHop, index: number, incoming: Incoming): Outgoing {
  const notes: string[] = [];
  const unverified: string[] = [];
  let headers = [...incoming.headers];
  const listenerScheme = incoming.scheme;
  // The "client IP" the ALB appends is its TCP peer (domain-facts §6 ALB).
  const peerText =
    hop.clientPort && hop.xffMode === 'append'
      ? formatIpWithPort(incoming.peer, incoming.peerPort)
      : incoming.peer;
  if (findLines(headers, 'X-Forwarded-For').length > 1) {
    unverified.push(
      'How the ALB combines several incoming X-Forwarded-For lines (modelled as joined with ", ").',
    );
  }
  if (hop.xffMode === 'append') {
    headers = appendHeader(headers, 'X-Forwarded-For', piece(peerText, index, false), ', ', index);
    notes.push(`X-Forwarded-For (append mode, the default): appended its TCP peer ${peerText}.`);
  } else if (hop.xffMode === 'remove') {
    headers = withoutHeader(headers, 'X-Forwarded-For');
    notes.push('X-Forwarded-For (remove mode): removed.');
  } else {
    notes.push('X-Forwarded-For (preserve mode): passed through unchanged.');
  }
  // X-Forwarded-Proto / X-Forwarded-Port: modelled as overwrite, not in the docs.
  headers = setHeader(headers, {
    name: 'X-Forwarded-Proto',
    pieces: [piece(listenerScheme, index, false)],
  });
  headers = setHeader(headers, {
    name: 'X-Forwarded-Port',
    pieces: [piece(String(hop.listenerPort), index, false)],
  });
  notes.push(
    `X-Forwarded-Proto: ${listenerScheme}, X-Forwarded-Port: ${hop.listenerPort} (the listener).`,
  );
  unverified.push(
    'That the ALB overwrites a client-supplied X-Forwarded-Proto / X-Forwarded-Port (widely observed, not in the AWS docs).',
  );
  if (headers.some((line) => HAS_UNDERSCORE.test(line.name))) {
    unverified.push(
      'Whether the ALB forwards headers with underscores, and in which order relative to its own X-Forwarded-For.',
    );
  }
  // Host: on 80/443 a port is removed; on other listener ports `:port` is added if missing,
  // unless routing.http.preserve_host_header.enabled.
  if (!hop.preserveHost) {
    const pieces = hostPieces(headers);
    if (pieces.length > 0) {
      const raw = pieces.map((p) => p.text).join('');
      const clientControlled = pieces.some((p) => p.clientControlled);
      const hasPort = /:[0-9]+$/.test(raw) && !raw.endsWith(']');
      const name = hasPort ? raw.slice(0, raw.lastIndexOf(':')) : raw;
      const value =
        hop.listenerPort === 80 || hop.listenerPort === 443
          ? name
          : hasPort
            ? raw
            : `${raw}:${hop.listenerPort}`;
      if (value !== raw) {
        headers = setHeader(headers, {
          name: 'Host',
          pieces: [piece(value, index, clientControlled)],
        });
        notes.push(`Host: rewritten to ${value} for listener port ${hop.listenerPort}.`);
      } else {
        notes.push('Host: passed through.');
      }
    }
  } else {
    notes.push('Host: preserved unchanged (preserve_host_header).');
  }
  return { headers, scheme: hop.targetScheme, notes, unverified };
}

function applyCloudFront(hop: CloudFrontHop, index: number, incoming: Incoming): Outgoing {
  const notes: string[] = [];
  const unverified: string[] = [];
  let headers = [...incoming.headers];
  // Appends the viewer address with "," and no space (RequestAndResponseBehaviorCustomOrigin.md).
  if (findLines(headers, 'X-Forwarded-For').length > 1) {
    unverified.push(
      'How CloudFront combines several incoming X-Forwarded-For lines (modelled as joined with ",").',
    );
  }
  headers = appendHeader(
    headers,
    'X-Forwarded-For',
    piece(incoming.peer, index, false),
    ',',
    index,
  );
  notes.push(`X-Forwarded-For: appended the viewer address ${incoming.peer} with "," (no space).`);
  // Removes viewer X-Forwarded-Proto and X-Real-IP.
  if (findLines(headers, 'X-Forwarded-Proto').length > 0) notes.push('X-Forwarded-Proto: removed.');
  headers = withoutHeader(withoutHeader(headers, 'X-Forwarded-Proto'), 'X-Real-IP');
  if (hop.addForwardedProto) {
    headers = setHeader(headers, {
      name: 'CloudFront-Forwarded-Proto',
      pieces: [piece(incoming.scheme, index, false)],
    });
    notes.push(
      `CloudFront-Forwarded-Proto: ${incoming.scheme} (the viewer protocol; Werkzeug does not read it).`,
    );
  }
  if (!hop.forwardHost) {
    headers = setHeader(headers, { name: 'Host', pieces: [piece(hop.originDomain, index, false)] });
    notes.push(`Host: set to the origin domain ${hop.originDomain}.`);
  } else {
    notes.push('Host: forwarded by the origin request policy.');
  }
  headers = setHeader(headers, {
    name: 'X-Amz-Cf-Id',
    pieces: [piece(`cf-${index}-request-id`, index, false)],
  });
  unverified.push(
    'Whether CloudFront adds its own Via entry (the AWS table says it forwards Via).',
  );
  unverified.push(
    'Which other viewer headers reach the origin depends on the origin request policy (modelled: all).',
  );
  return { headers, scheme: hop.originScheme, notes, unverified };
}

function applyConfigurable(hop: ConfigurableHop, index: number, incoming: Incoming): Outgoing {
  const notes: string[] = [];
  let headers = [...incoming.headers];
  const apply = (name: string, action: HeaderAction, value: HeaderPiece): void => {
    if (action === 'append') {
      headers = appendHeader(headers, name, value, hop.appendSeparator, index);
      notes.push(`${name}: appended ${value.text}.`);
    } else if (action === 'set') {
      headers = setHeader(headers, { name, pieces: [value] });
      notes.push(`${name}: set to ${value.text}.`);
    } else if (action === 'strip') {
      headers = withoutHeader(headers, name);
      notes.push(`${name}: removed.`);
    } else {
      notes.push(`${name}: passed through.`);
    }
  };
  const incomingHost = hostPieces(headers);
  apply('X-Forwarded-For', hop.xff, piece(incoming.peer, index, false));
  apply('X-Forwarded-Proto', hop.xfp, piece(incoming.scheme, index, false));
  apply('X-Forwarded-Host', hop.xfh, {
    text: incomingHost.map((p) => p.text).join(''),
    writer: index,
    clientControlled: incomingHost.some((p) => p.clientControlled),
  });
  if (hop.host === 'rewrite') {
    headers = setHeader(headers, { name: 'Host', pieces: [piece(hop.rewriteHost, index, false)] });
    notes.push(`Host: rewritten to ${hop.rewriteHost}.`);
  } else {
    notes.push('Host: passed through.');
  }
  const what =
    hop.kind === 'api-gateway'
      ? 'API Gateway: AWS does not document exactly which X-Forwarded-* headers it sends to HTTP backends; these per-header choices are yours.'
      : 'Custom proxy: the per-header behaviour is what you configured, not a documented product.';
  return { headers, scheme: hop.upstreamScheme, notes, unverified: [what] };
}

// ---------- the client ----------

function clientHeaders(client: ClientConfig): HeaderLine[] {
  const headers: HeaderLine[] = [];
  const attacking = client.mode === 'attacker';
  const hostValue = attacking && client.spoof.host !== '' ? client.spoof.host : client.host;
  headers.push({ name: 'Host', pieces: [piece(hostValue, 0, true)] });
  if (attacking) {
    const add = (name: string, value: string): void => {
      if (value !== '') headers.push({ name, pieces: [piece(value, 0, true)] });
    };
    add('X-Forwarded-For', client.spoof.xff);
    add('X-Forwarded-Proto', client.spoof.xfp);
    add('X-Forwarded-Host', client.spoof.xfh);
    add('X_Forwarded_For', client.spoof.underscoreXff);
  }
  headers.push({
    name: 'User-Agent',
    pieces: [piece(attacking ? 'curl/8.5.0' : 'Mozilla/5.0', 0, true)],
  });
  return headers;
}

// ---------- Gunicorn ----------

/** Gunicorn < 22.0 merges underscore headers; 22.0+ drops them (`header_map="drop"`). */
function gunicornDropsUnderscores(version: GunicornConfig['version']): boolean {
  return version === '22.0' || version === '23.0';
}

/** `secure_scheme_headers` default (gunicorn/config.py). */
const SECURE_SCHEME_HEADERS: Readonly<Record<string, string>> = {
  'X-FORWARDED-PROTOCOL': 'ssl',
  'X-FORWARDED-PROTO': 'https',
  'X-FORWARDED-SSL': 'on',
};

export interface GunicornOutcome {
  readonly environ: Record<string, string> | null;
  readonly error: string | null;
  readonly notes: string[];
  readonly pieces: Record<string, HeaderPiece[]>;
}

/**
 * Gunicorn `http/message.py` `parse_headers` + `http/wsgi.py` `create` (@23.0.0), as verified
 * with 20.1.0 (domain-facts §2.6): REMOTE_ADDR is the TCP peer; SERVER_NAME/PORT come from
 * the listening socket; repeated lines are joined with ","; `wsgi.url_scheme` is https only
 * when the peer is in forwarded_allow_ips and a secure scheme header matches exactly;
 * contradictory secure headers give 400.
 */
export function buildGunicornEnviron(
  config: GunicornConfig,
  peer: string,
  lines: readonly HeaderLine[],
  connectionScheme: Scheme = 'http',
): GunicornOutcome {
  const notes: string[] = [];
  const trustedPeer =
    config.forwardedAllowIps.includes('*') || config.forwardedAllowIps.includes(peer);
  // `self.scheme = "https" if is_ssl else "http"`: https only if Gunicorn has a certfile.
  let scheme: Scheme = connectionScheme;
  let schemeFromHeader = false;
  const environ: Record<string, string> = {
    REMOTE_ADDR: peer,
    SERVER_NAME: config.bindHost,
    SERVER_PORT: String(config.bindPort),
    SCRIPT_NAME: '',
    PATH_INFO: '/',
  };
  const pieces: Record<string, HeaderPiece[]> = { REMOTE_ADDR: [piece(peer, -1, false)] };
  for (const line of lines) {
    const upper = line.name.toUpperCase();
    if (upper.includes('_')) {
      if (gunicornDropsUnderscores(config.version)) {
        notes.push(
          `Dropped ${line.name}: Gunicorn ≥ 22.0 drops header names with "_" (header_map="drop").`,
        );
        continue;
      }
      notes.push(
        `Merged ${line.name} into HTTP_${upper.replace(/-/g, '_')}: Gunicorn < 22.0 treats "_" like "-".`,
      );
    }
    const value = headerValue(line).trim();
    const secureValue = SECURE_SCHEME_HEADERS[upper];
    if (trustedPeer && secureValue !== undefined) {
      const lineScheme: Scheme = value === secureValue ? 'https' : 'http';
      if (schemeFromHeader && lineScheme !== scheme) {
        return {
          environ: null,
          error: '400 Bad Request: Contradictory scheme headers',
          notes,
          pieces,
        };
      }
      schemeFromHeader = true;
      scheme = lineScheme;
    }
    const key = `HTTP_${upper.replace(/-/g, '_')}`;
    const existing = environ[key];
    if (existing === undefined) {
      environ[key] = value;
      pieces[key] = [...line.pieces];
    } else {
      environ[key] = `${existing},${value}`;
      pieces[key] = [...(pieces[key] ?? []), separator(',', -1), ...line.pieces];
    }
  }
  environ['wsgi.url_scheme'] = scheme;
  if (connectionScheme === 'https' && !schemeFromHeader) {
    notes.push(
      'The connection into Gunicorn is https: Gunicorn terminates TLS itself (certfile), so wsgi.url_scheme is https.',
    );
  }
  if (schemeFromHeader) {
    notes.push(
      `wsgi.url_scheme = ${scheme}: the peer ${peer} is in forwarded_allow_ips, so Gunicorn applied secure_scheme_headers.`,
    );
  } else if (
    !trustedPeer &&
    lines.some((l) => SECURE_SCHEME_HEADERS[l.name.toUpperCase()] !== undefined)
  ) {
    notes.push(
      `Ignored X-Forwarded-Proto for wsgi.url_scheme: the peer ${peer} is not in forwarded_allow_ips (${config.forwardedAllowIps.join(',')}).`,
    );
  }
  return { environ, error: null, notes, pieces };
}

// ---------- attribution of the parsed list ----------

/** Splits a header made of pieces like Werkzeug does, attributing each item to its writers. */
export function attributeEntries(
  pieces: readonly HeaderPiece[],
  version: WerkzeugVersion,
): ForwardedEntry[] {
  const text = pieces.map((p) => p.text).join('');
  const owner: HeaderPiece[] = [];
  for (const p of pieces) for (let i = 0; i < p.text.length; i += 1) owner.push(p);
  return splitListHeader(text, version).map((item) => {
    const writers = new Set<number>();
    let clientControlled = false;
    for (let i = item.start; i < item.end; i += 1) {
      const p = owner[i];
      if (!p || p.separator) continue;
      writers.add(p.writer);
      if (p.clientControlled || p.writer === 0) clientControlled = true;
    }
    return { value: item.value, writers: [...writers].sort((a, b) => a - b), clientControlled };
  });
}

const ARG_HEADERS: Readonly<Record<ProxyFixArg, string>> = {
  x_for: 'HTTP_X_FORWARDED_FOR',
  x_proto: 'HTTP_X_FORWARDED_PROTO',
  x_host: 'HTTP_X_FORWARDED_HOST',
  x_port: 'HTTP_X_FORWARDED_PORT',
  x_prefix: 'HTTP_X_FORWARDED_PREFIX',
};

function pickValue(
  arg: ProxyFixArg,
  trusted: number,
  pieces: readonly HeaderPiece[] | undefined,
  version: WerkzeugVersion,
  enabled: boolean,
): PickedValue {
  const header = ARG_HEADERS[arg];
  const entries = pieces ? attributeEntries(pieces, version) : [];
  const base = { arg, header, entries };
  if (!enabled) return { ...base, index: null, reason: 'ProxyFix is not used.' };
  if (trusted === 0) return { ...base, index: null, reason: `${arg}=0: this header is ignored.` };
  if (!pieces || pieces.map((p) => p.text).join('') === '') {
    return { ...base, index: null, reason: 'The header did not reach the app.' };
  }
  if (entries.length < trusted) {
    return {
      ...base,
      index: null,
      reason: `Only ${entries.length} value(s), fewer than ${arg}=${trusted}: nothing changes.`,
    };
  }
  const index = entries.length - trusted;
  if (entries[index]!.value === '') {
    return { ...base, index: null, reason: 'The chosen value is empty, so it is ignored.' };
  }
  return { ...base, index, reason: null };
}

// ---------- the whole chain ----------

function applyHop(hop: HopConfig, index: number, incoming: Incoming): Outgoing {
  switch (hop.kind) {
    case 'nginx':
      return applyNginx(hop, index, incoming);
    case 'alb':
      return applyAlb(hop, index, incoming);
    case 'cloudfront':
      return applyCloudFront(hop, index, incoming);
    case 'api-gateway':
    case 'custom':
      return applyConfigurable(hop, index, incoming);
  }
}

/** Runs a request through the chain, Gunicorn, ProxyFix and Werkzeug's Request. */
export function simulateChain(scenario: ChainScenario): ChainResult {
  const clientLines = clientHeaders(scenario.client);
  const snapshots: HopSnapshot[] = [
    {
      index: 0,
      kind: 'client',
      label: scenario.client.mode === 'attacker' ? 'Client (attacker)' : 'Client',
      sourceAddress: scenario.client.ip,
      scheme: scenario.client.scheme,
      headers: clientLines,
      notes:
        scenario.client.mode === 'attacker'
          ? ['Sends forged X-Forwarded-* headers; everything it writes is untrusted.']
          : ['A browser sends only Host (no X-Forwarded-* headers).'],
      unverified: [],
    },
  ];
  let incoming: Incoming = {
    peer: scenario.client.ip,
    peerPort: scenario.client.port,
    scheme: scenario.client.scheme,
    headers: clientLines,
  };
  scenario.hops.forEach((hop, i) => {
    const index = i + 1;
    const out = applyHop(hop, index, incoming);
    snapshots.push({
      index,
      kind: hop.kind,
      label: hopLabel(hop),
      sourceAddress: hop.address,
      scheme: out.scheme,
      headers: out.headers,
      notes: out.notes,
      unverified: out.unverified,
    });
    // Proxies connect from an ephemeral port; a fixed one keeps the model deterministic.
    incoming = {
      peer: hop.address,
      peerPort: 40000 + index,
      scheme: out.scheme,
      headers: out.headers,
    };
  });

  const gunicorn = buildGunicornEnviron(
    scenario.gunicorn,
    incoming.peer,
    incoming.headers,
    incoming.scheme,
  );
  const settings = scenario.proxyFix;
  const counts = resolveProxyFixCounts(settings);
  const version = settings.werkzeugVersion;
  let fixed: ProxyFixResult | null = null;
  let request: RequestViewWithTrust | null = null;
  if (gunicorn.environ) {
    fixed = settings.enabled
      ? proxyFix(gunicorn.environ, { ...counts, werkzeugVersion: version })
      : { environ: gunicorn.environ, orig: origOf(gunicorn.environ) };
    request = requestViewWithTrust(fixed.environ, {
      werkzeugVersion: version,
      trusted_hosts: scenario.app.trustedHosts,
    });
  }
  const picked = (Object.keys(ARG_HEADERS) as ProxyFixArg[]).map((arg) =>
    pickValue(arg, counts[arg], gunicorn.pieces[ARG_HEADERS[arg]], version, settings.enabled),
  );
  return {
    hops: snapshots,
    received: incoming.headers,
    peerAddress: incoming.peer,
    environ: gunicorn.environ,
    gunicornError: gunicorn.error,
    gunicornNotes: gunicorn.notes,
    environPieces: gunicorn.pieces,
    proxyFix: fixed,
    request,
    picked,
    proxyAddresses: scenario.hops.map((hop) => hop.address),
  };
}

function origOf(environ: WsgiEnviron): ProxyFixResult['orig'] {
  const get = (key: string): string | null => environ[key] ?? null;
  return {
    REMOTE_ADDR: get('REMOTE_ADDR'),
    'wsgi.url_scheme': get('wsgi.url_scheme'),
    HTTP_HOST: get('HTTP_HOST'),
    SERVER_NAME: get('SERVER_NAME'),
    SERVER_PORT: get('SERVER_PORT'),
    SCRIPT_NAME: get('SCRIPT_NAME'),
  };
}

/** The `ProxyFix(...)` line for the settings, as Python source. */
export function formatProxyFixLine(settings: ProxyFixSettings): string {
  if (!settings.enabled) return '# no ProxyFix: app.wsgi_app is used as is';
  const args = (Object.keys(ARG_HEADERS) as ProxyFixArg[]).map((arg) => `${arg}=${settings[arg]}`);
  return `app.wsgi_app = ProxyFix(app.wsgi_app, ${args.join(', ')})`;
}
