/**
 * Werkzeug's `ProxyFix` middleware and the request attributes Werkzeug derives from the
 * environ afterwards, reproduced exactly (Werkzeug 3.1.8 by default).
 *
 * Public API, named after Werkzeug so anyone can check it against the Python:
 *   - `proxyFix(environ, options)` → `{ environ, orig }`: what `ProxyFix.__call__` does to a
 *     WSGI environ (`middleware/proxy_fix.py`, lines 126–183 @3.1.8). The input is not mutated.
 *   - `requestView(environ, options?)` → `{ remote_addr, scheme, is_secure, host, root_url,
 *     script_root, access_route }`: `werkzeug.wrappers.Request(environ)` attributes.
 *   - `parseListHeader(value, version)`: `werkzeug.http.parse_list_header`.
 *
 * Version switch (`werkzeugVersion`):
 *   - `'3.1.8'` (default, same as every release since 3.1.7 and `main`): the hand-written
 *     `parse_list_header` that drops empty items, unquotes fully quoted items with backslash
 *     escapes, and returns `[]` for an unclosed quote; `get_host` checks the host characters
 *     and yields `''` for an invalid host.
 *   - `'3.1.6'` (everything from 2.1 to 3.1.6, Debian's 2.2.2 included): the list parser is
 *     CPython's `urllib.request.parse_http_list` plus removal of surrounding quotes, which
 *     keeps empty items and turns an unclosed quote into one item; `get_host` has no
 *     character check. (`root_url` is still rendered with the 3.1.8 code; 3.1.6 raised
 *     ValueError for some invalid hosts instead.)
 * The ProxyFix logic itself is identical in both: `git diff 2.2.2 3.1.6` of
 * `middleware/proxy_fix.py` changes only annotations and docstrings.
 *
 * Sources: Werkzeug 3.1.8 `middleware/proxy_fix.py`
 * (https://github.com/pallets/werkzeug/blob/3.1.8/src/werkzeug/middleware/proxy_fix.py),
 * `http.py` `parse_list_header` (line 303) and `unquote_header_value` (line 177)
 * (https://github.com/pallets/werkzeug/blob/3.1.8/src/werkzeug/http.py),
 * `sansio/utils.py` `host_is_trusted`/`get_host`/`get_current_url`, `wsgi.py` `_get_server`,
 * `sansio/request.py` `access_route` (line 180), `is_secure`, `root_url`, `host`;
 * Werkzeug 3.1.6 `http.py` `parse_list_header` (line 300,
 * https://github.com/pallets/werkzeug/blob/3.1.6/src/werkzeug/http.py); CPython
 * `urllib/request.py` `parse_http_list` (https://github.com/python/cpython/blob/3.11/Lib/urllib/request.py).
 */
import { encodeIdnaHost } from './punycode';
import { pyIntString, pyRstrip, pyStrip } from './python-text';
import { buildRootUrl } from './url-iri';

export type WerkzeugVersion = '3.1.8' | '3.1.6';
export const WERKZEUG_VERSIONS: readonly WerkzeugVersion[] = ['3.1.8', '3.1.6'];

/** A WSGI environ: only string values matter to ProxyFix; a missing key is absent. */
export type WsgiEnviron = Readonly<Record<string, string>>;

export interface ProxyFixOptions {
  /** Number of X-Forwarded-For values to trust (default 1). */
  readonly x_for?: number;
  /** Number of X-Forwarded-Proto values to trust (default 1). */
  readonly x_proto?: number;
  /** Number of X-Forwarded-Host values to trust (default 0). */
  readonly x_host?: number;
  /** Number of X-Forwarded-Port values to trust (default 0). */
  readonly x_port?: number;
  /** Number of X-Forwarded-Prefix values to trust (default 0). */
  readonly x_prefix?: number;
  /** Which Werkzeug list-parsing semantics to use (default '3.1.8'). */
  readonly werkzeugVersion?: WerkzeugVersion;
}

export interface ProxyFixCounts {
  readonly x_for: number;
  readonly x_proto: number;
  readonly x_host: number;
  readonly x_port: number;
  readonly x_prefix: number;
}

/** `ProxyFix.__init__` defaults (proxy_fix.py lines 89–104 @3.1.8). */
export const PROXY_FIX_DEFAULTS: ProxyFixCounts = {
  x_for: 1,
  x_proto: 1,
  x_host: 0,
  x_port: 0,
  x_prefix: 0,
};

export const PROXY_FIX_ARGS = ['x_for', 'x_proto', 'x_host', 'x_port', 'x_prefix'] as const;
export type ProxyFixArg = (typeof PROXY_FIX_ARGS)[number];

/** `environ["werkzeug.proxy_fix.orig"]`: the six values before any change; missing = null. */
export interface ProxyFixOrig {
  readonly REMOTE_ADDR: string | null;
  readonly 'wsgi.url_scheme': string | null;
  readonly HTTP_HOST: string | null;
  readonly SERVER_NAME: string | null;
  readonly SERVER_PORT: string | null;
  readonly SCRIPT_NAME: string | null;
}

export interface ProxyFixResult {
  /** The environ the wrapped app sees (a new object; the input is left untouched). */
  readonly environ: WsgiEnviron;
  readonly orig: ProxyFixOrig;
}

export interface RequestView {
  readonly remote_addr: string | null;
  readonly scheme: string;
  readonly is_secure: boolean;
  readonly host: string;
  /** `request.root_url`, or null where Werkzeug raises ValueError while building it. */
  readonly root_url: string | null;
  readonly script_root: string;
  /** The raw X-Forwarded-For list (untrusted!), or `[remote_addr]` without the header. */
  readonly access_route: readonly string[];
}

export interface RequestViewOptions {
  readonly werkzeugVersion?: WerkzeugVersion;
  /**
   * `request.trusted_hosts` (Flask sets it from TRUSTED_HOSTS). When it is a non-empty list
   * and the host does not match, Werkzeug raises SecurityError; the view then reports
   * `host_error` and an empty host.
   */
  readonly trusted_hosts?: readonly string[] | null;
}

export interface RequestViewWithTrust extends RequestView {
  /** Set when `request.host` raised SecurityError (Flask answers 400). */
  readonly host_error: string | null;
}

/** Werkzeug 3.1.8 `http.unquote_header_value`: fully quoted → strip quotes, `\\x` → `x`. */
function unquoteHeaderValue318(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    // `_unslash_re = re.compile(r"\\(.)", re.A)`: `.` matches any code point except "\n".
    const inner = Array.from(value.slice(1, -1));
    let out = '';
    for (let i = 0; i < inner.length; i += 1) {
      const char = inner[i]!;
      const next = inner[i + 1];
      if (char === '\\' && next !== undefined && next !== '\n') {
        out += next;
        i += 1;
      } else {
        out += char;
      }
    }
    return out;
  }
  return value;
}

/**
 * One item of a parsed list header: its value as Werkzeug returns it, and where its raw text
 * sits in the header (`start` inclusive, `end` exclusive, UTF-16 offsets, surrounding
 * whitespace excluded), so callers can tell who wrote which bytes.
 */
export interface ListItem {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

interface RawItem {
  text: string;
  start: number;
}

/** Strips Python whitespace from a raw item and records the new span. */
function stripItem(raw: RawItem): { text: string; start: number; end: number } {
  const text = pyStrip(raw.text);
  if (text === '') return { text, start: raw.start, end: raw.start };
  const lead = raw.text.indexOf(text);
  return { text, start: raw.start + lead, end: raw.start + lead + text.length };
}

/** Werkzeug ≥3.1.7 `http.parse_list_header` (3.1.8 line 303), with spans. */
function splitListHeader318(value: string): ListItem[] {
  const items: RawItem[] = [];
  let item: RawItem = { text: '', start: 0 };
  let escape = false;
  let quote = false;
  let offset = 0;
  for (const char of value) {
    const at = offset;
    offset += char.length;
    if (escape) {
      escape = false;
      item.text += char;
      continue;
    }
    if (quote) {
      if (char === '\\') escape = true;
      else if (char === '"') quote = false;
      item.text += char;
      continue;
    }
    if (char === ',') {
      items.push(item);
      item = { text: '', start: at + 1 };
      continue;
    }
    if (char === '"') quote = true;
    item.text += char;
  }
  // An unclosed quoted string makes the whole header invalid.
  if (quote) return [];
  items.push(item);
  return items
    .map(stripItem)
    .filter((part) => part.text !== '')
    .map((part) => ({ value: unquoteHeaderValue318(part.text), start: part.start, end: part.end }));
}

/**
 * CPython `urllib.request.parse_http_list` (used by Werkzeug ≤3.1.6), with spans. Inside
 * quotes a backslash is dropped and escapes the next character.
 */
function splitHttpList(value: string): { text: string; start: number; end: number }[] {
  const result: { text: string; start: number; end: number }[] = [];
  // `raw` is the source text of the part (for spans), `text` what Python builds.
  let part = { text: '', raw: '', start: 0 };
  let escape = false;
  let quote = false;
  let offset = 0;
  const finish = (p: { text: string; raw: string; start: number }): void => {
    const stripped = pyStrip(p.text);
    const rawStripped = stripItem({ text: p.raw, start: p.start });
    result.push({ text: stripped, start: rawStripped.start, end: rawStripped.end });
  };
  for (const char of value) {
    const at = offset;
    offset += char.length;
    if (escape) {
      part.text += char;
      part.raw += char;
      escape = false;
      continue;
    }
    if (quote) {
      part.raw += char;
      if (char === '\\') {
        escape = true;
        continue;
      } else if (char === '"') {
        quote = false;
      }
      part.text += char;
      continue;
    }
    if (char === ',') {
      finish(part);
      part = { text: '', raw: '', start: at + 1 };
      continue;
    }
    if (char === '"') quote = true;
    part.text += char;
    part.raw += char;
  }
  // `if part: res.append(part)` — a trailing empty part (no whitespace) is dropped.
  if (part.text !== '') finish(part);
  return result;
}

/** Werkzeug ≤3.1.6 `http.parse_list_header` (3.1.6 line 300), with spans. */
function splitListHeader316(value: string): ListItem[] {
  return splitHttpList(value).map((item) => ({
    value:
      item.text.length >= 2 && item.text.startsWith('"') && item.text.endsWith('"')
        ? item.text.slice(1, -1)
        : item.text,
    start: item.start,
    end: item.end,
  }));
}

/** `werkzeug.http.parse_list_header` for the chosen version, with each item's source span. */
export function splitListHeader(value: string, version: WerkzeugVersion = '3.1.8'): ListItem[] {
  return version === '3.1.8' ? splitListHeader318(value) : splitListHeader316(value);
}

/** `werkzeug.http.parse_list_header` for the chosen version. */
export function parseListHeader(value: string, version: WerkzeugVersion = '3.1.8'): string[] {
  return splitListHeader(value, version).map((item) => item.value);
}

/**
 * `ProxyFix._get_real_value`: `values[-trusted]`, or null when trusted is 0, the header is
 * missing or empty, or there are fewer values than trusted.
 */
export function getRealValue(
  trusted: number,
  value: string | undefined,
  version: WerkzeugVersion = '3.1.8',
): string | null {
  if (trusted === 0 || value === undefined || value === '') return null;
  const values = parseListHeader(value, version);
  if (values.length >= trusted) return values[values.length - trusted] ?? null;
  return null;
}

function checkCount(name: ProxyFixArg, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
  }
  return value;
}

/** The five counts with Werkzeug's defaults filled in (throws on negative or fractional). */
export function resolveProxyFixCounts(options: ProxyFixOptions = {}): ProxyFixCounts {
  return {
    x_for: checkCount('x_for', options.x_for ?? PROXY_FIX_DEFAULTS.x_for),
    x_proto: checkCount('x_proto', options.x_proto ?? PROXY_FIX_DEFAULTS.x_proto),
    x_host: checkCount('x_host', options.x_host ?? PROXY_FIX_DEFAULTS.x_host),
    x_port: checkCount('x_port', options.x_port ?? PROXY_FIX_DEFAULTS.x_port),
    x_prefix: checkCount('x_prefix', options.x_prefix ?? PROXY_FIX_DEFAULTS.x_prefix),
  };
}

/** `host.rsplit(":", 1)` unless the value ends with "]" (a bracketed IPv6 without port). */
function splitHostPort(host: string): [string, string] | null {
  if (!host.includes(':') || host.endsWith(']')) return null;
  const at = host.lastIndexOf(':');
  return [host.slice(0, at), host.slice(at + 1)];
}

/** `ProxyFix(app, **options).__call__(environ, …)`: the environ the app receives. */
export function proxyFix(environ: WsgiEnviron, options: ProxyFixOptions = {}): ProxyFixResult {
  const counts = resolveProxyFixCounts(options);
  const version = options.werkzeugVersion ?? '3.1.8';
  const get = (key: string): string | null => environ[key] ?? null;
  const orig: ProxyFixOrig = {
    REMOTE_ADDR: get('REMOTE_ADDR'),
    'wsgi.url_scheme': get('wsgi.url_scheme'),
    HTTP_HOST: get('HTTP_HOST'),
    SERVER_NAME: get('SERVER_NAME'),
    SERVER_PORT: get('SERVER_PORT'),
    SCRIPT_NAME: get('SCRIPT_NAME'),
  };
  const out: Record<string, string> = { ...environ };

  // Every setter is guarded by a truthy check, so a selected '' changes nothing.
  const xFor = getRealValue(counts.x_for, environ['HTTP_X_FORWARDED_FOR'], version);
  if (xFor) out['REMOTE_ADDR'] = xFor;

  const xProto = getRealValue(counts.x_proto, environ['HTTP_X_FORWARDED_PROTO'], version);
  if (xProto) out['wsgi.url_scheme'] = xProto;

  const xHost = getRealValue(counts.x_host, environ['HTTP_X_FORWARDED_HOST'], version);
  if (xHost) {
    out['HTTP_HOST'] = xHost;
    out['SERVER_NAME'] = xHost;
    const split = splitHostPort(xHost);
    if (split) [out['SERVER_NAME'], out['SERVER_PORT']] = split;
  }

  const xPort = getRealValue(counts.x_port, environ['HTTP_X_FORWARDED_PORT'], version);
  if (xPort) {
    const host = out['HTTP_HOST'];
    if (host) {
      const split = splitHostPort(host);
      out['HTTP_HOST'] = `${split ? split[0] : host}:${xPort}`;
    }
    out['SERVER_PORT'] = xPort;
  }

  const xPrefix = getRealValue(counts.x_prefix, environ['HTTP_X_FORWARDED_PREFIX'], version);
  if (xPrefix) out['SCRIPT_NAME'] = xPrefix;

  return { environ: out, orig };
}

/** Werkzeug `sansio.utils._host_re` (3.1.7+), full match, ASCII, case-insensitive. */
const HOST_RE = /^(?:[a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::[0-9]+)?$/i;

/**
 * Werkzeug 3.1.8 `sansio.utils.host_is_trusted`: the characters must be valid; then, if a
 * list is given, the host (port dropped) must equal an entry, or end with `.entry` for an
 * entry written with a leading dot. Entries are IDNA-encoded (ASCII entries unchanged, so
 * the comparison is case-sensitive); an entry that cannot be encoded makes it return false.
 */
export function hostIsTrusted(
  hostname: string | null,
  trustedList: readonly string[] | null | undefined,
): boolean {
  if (!hostname) return false;
  if (!HOST_RE.test(hostname)) return false;
  const name = hostname.split(':')[0] ?? '';
  if (!trustedList || trustedList.length === 0) return true;
  for (const entry of trustedList) {
    const suffixMatch = entry.startsWith('.');
    const bare = suffixMatch ? entry.slice(1) : entry;
    const ref = encodeIdnaHost(bare.split(':')[0] ?? '');
    if (ref === null) return false;
    if (ref === name || (suffixMatch && name.endsWith(`.${ref}`))) return true;
  }
  return false;
}

/** `wsgi._get_server`: `(SERVER_NAME, int(SERVER_PORT) or None)`, or null without a name. */
function getServer(environ: WsgiEnviron): { name: string; port: string | null } | null {
  const name = environ['SERVER_NAME'];
  if (name === undefined) return null;
  const port = environ['SERVER_PORT'];
  return { name, port: port === undefined ? null : pyIntString(port) };
}

class SecurityError extends Error {}

/** Werkzeug `get_host` for the chosen version (3.1.8 `sansio/utils.py` line 79). */
function getHost(
  scheme: string,
  hostHeader: string | undefined,
  server: { name: string; port: string | null } | null,
  trustedHosts: readonly string[] | null,
  version: WerkzeugVersion,
): string {
  if (version === '3.1.6') {
    let host = '';
    if (hostHeader !== undefined) host = hostHeader;
    else if (server !== null) {
      host = server.name;
      if (host.includes(':') && !host.startsWith('[')) host = `[${host}]`;
      if (server.port !== null) host = `${host}:${server.port}`;
    }
    if ((scheme === 'http' || scheme === 'ws') && host.endsWith(':80')) host = host.slice(0, -3);
    else if ((scheme === 'https' || scheme === 'wss') && host.endsWith(':443'))
      host = host.slice(0, -4);
    if (trustedHosts !== null && !hostIsTrustedLegacy(host, trustedHosts)) {
      throw new SecurityError(`Host '${host}' is not trusted.`);
    }
    return host;
  }
  let host: string;
  if (hostHeader !== undefined) host = hostHeader;
  else if (server !== null && server.port !== null) {
    host = server.name;
    if (host.includes(':') && !host.startsWith('[')) host = `[${host}]`;
    host = `${host}:${server.port}`;
  } else {
    return '';
  }
  if (scheme === 'http' || scheme === 'ws') host = host.endsWith(':80') ? host.slice(0, -3) : host;
  else if (scheme === 'https' || scheme === 'wss')
    host = host.endsWith(':443') ? host.slice(0, -4) : host;
  if (!hostIsTrusted(host, trustedHosts)) {
    if (trustedHosts !== null && trustedHosts.length > 0) {
      throw new SecurityError(`Host '${host}' is not trusted.`);
    }
    return '';
  }
  return host;
}

/** Werkzeug ≤3.1.6 `host_is_trusted`: no character check, both sides IDNA-encoded. */
function hostIsTrustedLegacy(hostname: string, trustedList: readonly string[]): boolean {
  if (!hostname) return false;
  const name = encodeIdnaHost(hostname.split(':')[0] ?? '');
  if (name === null) return false;
  for (const entry of trustedList) {
    const suffixMatch = entry.startsWith('.');
    const ref = encodeIdnaHost((suffixMatch ? entry.slice(1) : entry).split(':')[0] ?? '');
    if (ref === null) return false;
    if (ref === name || (suffixMatch && name.endsWith(`.${ref}`))) return true;
  }
  return false;
}

const latin1Decoder = new TextDecoder('utf-8');

/** `wsgi._wsgi_decoding_dance`: `s.encode("latin1").decode("utf-8", "replace")`. */
function wsgiDecodingDance(value: string): string {
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    // Python would raise UnicodeEncodeError; WSGI environ strings never hold such code points.
    if (code > 0xff) return value;
    bytes[i] = code;
  }
  return latin1Decoder.decode(bytes);
}

/**
 * The attributes `werkzeug.Request(environ)` exposes, with Flask's TRUSTED_HOSTS check when
 * `trusted_hosts` is given. Never throws: a SecurityError becomes `host_error`.
 */
export function requestViewWithTrust(
  environ: WsgiEnviron,
  options: RequestViewOptions = {},
): RequestViewWithTrust {
  const version = options.werkzeugVersion ?? '3.1.8';
  const scheme = environ['wsgi.url_scheme'] ?? 'http';
  const remoteAddr = environ['REMOTE_ADDR'] ?? null;
  let host: string;
  let hostError: string | null = null;
  try {
    host = getHost(
      scheme,
      environ['HTTP_HOST'],
      getServer(environ),
      options.trusted_hosts ?? null,
      version,
    );
  } catch (error) {
    if (!(error instanceof SecurityError)) throw error;
    host = '';
    hostError = error.message;
  }
  const rootPath = pyRstrip(wsgiDecodingDance(environ['SCRIPT_NAME'] ?? ''), '/');
  const xff = environ['HTTP_X_FORWARDED_FOR'];
  let accessRoute: string[];
  if (xff !== undefined) accessRoute = parseListHeader(xff, version);
  else if (remoteAddr !== null) accessRoute = [remoteAddr];
  else accessRoute = [];
  return {
    remote_addr: remoteAddr,
    scheme,
    is_secure: scheme === 'https' || scheme === 'wss',
    host,
    root_url: hostError === null ? buildRootUrl(scheme, host, rootPath) : null,
    script_root: rootPath,
    access_route: accessRoute,
    host_error: hostError,
  };
}

/** The seven attributes `werkzeug.Request(environ)` derives (without TRUSTED_HOSTS). */
export function requestView(
  environ: WsgiEnviron,
  options: Omit<RequestViewOptions, 'trusted_hosts'> = {},
): RequestView {
  const view = requestViewWithTrust(environ, options);
  return {
    remote_addr: view.remote_addr,
    scheme: view.scheme,
    is_secure: view.is_secure,
    host: view.host,
    root_url: view.root_url,
    script_root: view.script_root,
    access_route: view.access_route,
  };
}

/**
 * The environ keys ProxyFix reads or writes, in the order the site shows them (the widget's
 * environ view, the live lab's report).
 */
export const PROXY_ENVIRON_KEYS = [
  'REMOTE_ADDR',
  'wsgi.url_scheme',
  'HTTP_HOST',
  'SERVER_NAME',
  'SERVER_PORT',
  'SCRIPT_NAME',
  'HTTP_X_FORWARDED_FOR',
  'HTTP_X_FORWARDED_PROTO',
  'HTTP_X_FORWARDED_HOST',
  'HTTP_X_FORWARDED_PORT',
  'HTTP_X_FORWARDED_PREFIX',
] as const;
