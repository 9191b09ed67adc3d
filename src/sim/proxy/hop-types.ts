/**
 * Types of the proxy-chain model (`hops.ts`): header lines whose pieces remember who wrote
 * them, the scenario (client, hops, Gunicorn, ProxyFix, app) and the result.
 */
import type {
  ProxyFixArg,
  ProxyFixCounts,
  ProxyFixResult,
  RequestViewWithTrust,
  WerkzeugVersion,
  WsgiEnviron,
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
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function piece(text: string, writer: number, clientControlled: boolean): HeaderPiece {
  return { text, writer, clientControlled };
}

export function separator(text: string, writer: number): HeaderPiece {
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
  /**
   * `X_Forwarded_For` (underscore variant): merged by Gunicorn < 22, dropped from 22.0 on
   * (`header_map`, https://github.com/benoitc/gunicorn/blob/22.0.0/gunicorn/config.py).
   */
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
  /**
   * `forwarded_allow_ips`: default `127.0.0.1,::1` from Gunicorn 23.0 on, `127.0.0.1` in
   * 20.1–22.0 (https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/config.py,
   * https://github.com/benoitc/gunicorn/blob/22.0.0/gunicorn/config.py); `*` trusts every peer.
   */
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
