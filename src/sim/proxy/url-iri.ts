/**
 * How Werkzeug 3.1.8 renders `request.root_url`: `sansio/utils.py` `get_current_url`
 * (`quote` of the root path, then `urls.uri_to_iri`), which itself relies on CPython's
 * `urllib.parse.urlsplit` / `urlunsplit` (3.11 semantics, including the 3.11.4+ bracketed
 * host check). Only the parts a root URL can exercise are modelled: scheme, host, port and
 * path; there is never a query, fragment or user info in it.
 */
import { decodeIdnaHost } from './punycode';

/** Python `urllib.parse.quote` always-safe characters. */
const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;
/** The `safe` argument Werkzeug passes when quoting the root path. */
const ROOT_PATH_SAFE = "!$&'()*+,/:;=@%";
const SCHEME_CHARS = /^[A-Za-z0-9+\-.]+$/;
/** CPython `urllib.parse.uses_netloc`. */
const USES_NETLOC = new Set([
  '',
  'ftp',
  'http',
  'gopher',
  'nntp',
  'telnet',
  'imap',
  'wais',
  'file',
  'mms',
  'https',
  'shttp',
  'snews',
  'prospero',
  'rtsp',
  'rtsps',
  'rtspu',
  'rsync',
  'svn',
  'svn+ssh',
  'sftp',
  'nfs',
  'git',
  'git+ssh',
  'ws',
  'wss',
  'itms-services',
]);

const encoder = new TextEncoder();

function hexByte(byte: number): string {
  return `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Python `urllib.parse.quote(value, safe)` (UTF-8). */
export function pyQuote(value: string, safe: string): string {
  let out = '';
  for (const char of value) {
    if (
      char.length === 1 &&
      char.charCodeAt(0) < 0x80 &&
      (ALWAYS_SAFE.test(char) || safe.includes(char))
    ) {
      out += char;
    } else {
      for (const byte of encoder.encode(char)) out += hexByte(byte);
    }
  }
  return out;
}

/**
 * Decodes UTF-8 bytes the way CPython does with an error handler that re-quotes each
 * invalid byte run as `%XX` (Werkzeug's `werkzeug.url_quote` handler).
 */
function decodeUtf8Requoting(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i]!;
    if (b0 < 0x80) {
      out += String.fromCharCode(b0);
      i += 1;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    let codePoint: number;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      need = 1;
      codePoint = b0 & 0x1f;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      need = 2;
      codePoint = b0 & 0x0f;
      if (b0 === 0xe0) lower = 0xa0;
      if (b0 === 0xed) upper = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      need = 3;
      codePoint = b0 & 0x07;
      if (b0 === 0xf0) lower = 0x90;
      if (b0 === 0xf4) upper = 0x8f;
    } else {
      out += hexByte(b0);
      i += 1;
      continue;
    }
    let j = 1;
    for (; j <= need; j += 1) {
      const b = bytes[i + j];
      if (b === undefined || b < lower || b > upper) break;
      codePoint = (codePoint << 6) | (b & 0x3f);
      lower = 0x80;
      upper = 0xbf;
    }
    if (j <= need) {
      // CPython reports the maximal invalid subpart; the handler quotes those bytes.
      for (let k = 0; k < j; k += 1) out += hexByte(bytes[i + k]!);
      i += j;
      continue;
    }
    out += String.fromCodePoint(codePoint);
    i += need + 1;
  }
  return out;
}

/** Python `urllib.parse.unquote(part, 'utf-8', 'werkzeug.url_quote')`. */
function unquoteRequoting(part: string): string {
  let out = '';
  let bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length > 0) out += decodeUtf8Requoting(bytes);
    bytes = [];
  };
  let i = 0;
  while (i < part.length) {
    if (part[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(part.slice(i + 1, i + 3))) {
      bytes.push(parseInt(part.slice(i + 1, i + 3), 16));
      i += 3;
      continue;
    }
    flush();
    out += part[i]!;
    i += 1;
  }
  flush();
  return out;
}

/**
 * Werkzeug `urls._unquote_path`: unquotes everything except controls, space, `%`, DEL,
 * `/`, `?` and `#`, which stay percent-encoded.
 */
function unquotePath(path: string): string {
  const keep = /((?:%(?:0[0-9A-F]|1[0-9A-F]|20|25|7F|2F|3F|23))+)/i;
  const pieces = path.split(keep);
  let out = '';
  pieces.forEach((piece, index) => {
    out += index % 2 === 1 ? piece : unquoteRequoting(piece);
  });
  return out;
}

function isIpv4(text: string): boolean {
  const octets = text.split('.');
  if (octets.length !== 4) return false;
  return octets.every(
    (octet) =>
      /^[0-9]{1,3}$/.test(octet) &&
      !(octet.length > 1 && octet.startsWith('0')) &&
      Number(octet) <= 255,
  );
}

/** CPython `ipaddress.IPv6Address` parsing (no scope id), true if it would succeed. */
export function isPythonIpv6(text: string): boolean {
  if (text === '') return false;
  const parts = text.split(':');
  if (parts.length < 3) return false;
  const last = parts[parts.length - 1]!;
  if (last.includes('.')) {
    if (!isIpv4(last)) return false;
    parts.splice(parts.length - 1, 1, '0', '0');
  }
  if (parts.length > 9) return false;
  let skipIndex: number | null = null;
  for (let i = 1; i < parts.length - 1; i += 1) {
    if (parts[i] === '') {
      if (skipIndex !== null) return false;
      skipIndex = i;
    }
  }
  let hi: number;
  let lo: number;
  if (skipIndex !== null) {
    hi = skipIndex;
    lo = parts.length - skipIndex - 1;
    if (parts[0] === '') {
      hi -= 1;
      if (hi !== 0) return false;
    }
    if (parts[parts.length - 1] === '') {
      lo -= 1;
      if (lo !== 0) return false;
    }
    if (8 - (hi + lo) < 1) return false;
  } else {
    if (parts.length !== 8) return false;
    hi = parts.length;
    lo = 0;
  }
  const hextets = [...parts.slice(0, hi), ...(lo > 0 ? parts.slice(-lo) : [])];
  return hextets.every((h) => /^[0-9A-Fa-f]{1,4}$/.test(h));
}

/** CPython 3.11.4+ `urllib.parse._check_bracketed_host` for the netloc; false = ValueError. */
function isBracketedNetlocValid(netloc: string): boolean {
  const hostAndPort = netloc.slice(netloc.lastIndexOf('@') + 1);
  const open = hostAndPort.indexOf('[');
  let hostname: string;
  if (open !== -1) {
    if (open > 0) return false;
    const bracketed = hostAndPort.slice(open + 1);
    const close = bracketed.indexOf(']');
    hostname = close === -1 ? bracketed : bracketed.slice(0, close);
    const port = close === -1 ? '' : bracketed.slice(close + 1);
    if (port !== '' && !port.startsWith(':')) return false;
  } else {
    const colon = hostAndPort.indexOf(':');
    hostname = colon === -1 ? hostAndPort : hostAndPort.slice(0, colon);
  }
  if (hostname.startsWith('v')) return /^v[a-fA-F0-9]+\..+$/s.test(hostname);
  // ip_address() accepts IPv4 too, but then raises "An IPv4 address cannot be in brackets".
  return isPythonIpv6(hostname);
}

interface SplitUrl {
  readonly scheme: string;
  readonly netloc: string;
  readonly path: string;
  readonly query: string;
  readonly fragment: string;
}

/** CPython `urllib.parse.urlsplit`; null where it raises ValueError. */
function pyUrlsplit(input: string): SplitUrl | null {
  let start = 0;
  while (start < input.length && input.charCodeAt(start) <= 0x20) start += 1;
  let url = input.slice(start).replace(/[\t\r\n]/g, '');
  let scheme = '';
  const colon = url.indexOf(':');
  if (colon > 0 && /^[A-Za-z]/.test(url) && SCHEME_CHARS.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon).toLowerCase();
    url = url.slice(colon + 1);
  }
  let netloc = '';
  if (url.startsWith('//')) {
    let delim = url.length;
    for (const c of '/?#') {
      const at = url.indexOf(c, 2);
      if (at >= 0) delim = Math.min(delim, at);
    }
    netloc = url.slice(2, delim);
    url = url.slice(delim);
    const hasOpen = netloc.includes('[');
    const hasClose = netloc.includes(']');
    if (hasOpen !== hasClose) return null;
    if (hasOpen && !isBracketedNetlocValid(netloc)) return null;
  }
  let fragment = '';
  let query = '';
  const hash = url.indexOf('#');
  if (hash !== -1) {
    fragment = url.slice(hash + 1);
    url = url.slice(0, hash);
  }
  const question = url.indexOf('?');
  if (question !== -1) {
    query = url.slice(question + 1);
    url = url.slice(0, question);
  }
  return { scheme, netloc, path: url, query, fragment };
}

/** CPython `SplitResult._hostinfo` → `(hostname, port)` plus the `hostname`/`port` properties. */
function pyHostPort(netloc: string): { hostname: string | null; port: number | null } | null {
  const hostinfo = netloc.slice(netloc.lastIndexOf('@') + 1);
  let hostname: string;
  let port: string;
  const open = hostinfo.indexOf('[');
  if (open !== -1) {
    const bracketed = hostinfo.slice(open + 1);
    const close = bracketed.indexOf(']');
    hostname = close === -1 ? bracketed : bracketed.slice(0, close);
    const rest = close === -1 ? '' : bracketed.slice(close + 1);
    const portColon = rest.indexOf(':');
    port = portColon === -1 ? '' : rest.slice(portColon + 1);
  } else {
    const colon = hostinfo.indexOf(':');
    hostname = colon === -1 ? hostinfo : hostinfo.slice(0, colon);
    port = colon === -1 ? '' : hostinfo.slice(colon + 1);
  }
  let portNumber: number | null = null;
  if (port !== '') {
    if (!/^[0-9]+$/.test(port)) return null;
    portNumber = Number(port);
    if (portNumber > 65535) return null;
  }
  if (hostname === '') return { hostname: null, port: portNumber };
  const percent = hostname.indexOf('%');
  const lowered =
    percent === -1
      ? hostname.toLowerCase()
      : hostname.slice(0, percent).toLowerCase() + hostname.slice(percent);
  return { hostname: lowered, port: portNumber };
}

/** CPython `urllib.parse.urlunsplit`. */
function pyUrlunsplit(parts: SplitUrl): string {
  let url = parts.path;
  if (
    parts.netloc !== '' ||
    (parts.scheme !== '' && USES_NETLOC.has(parts.scheme) && !url.startsWith('//'))
  ) {
    if (url !== '' && !url.startsWith('/')) url = `/${url}`;
    url = `//${parts.netloc}${url}`;
  }
  if (parts.scheme !== '') url = `${parts.scheme}:${url}`;
  if (parts.query !== '') url = `${url}?${parts.query}`;
  if (parts.fragment !== '') url = `${url}#${parts.fragment}`;
  return url;
}

/**
 * Werkzeug `urls.uri_to_iri` for a URL without user info: lower-cases the scheme and host
 * (urlsplit does), decodes `xn--` labels, unquotes the path except reserved characters.
 * Returns null where Werkzeug raises ValueError (a bracketed host that is not an IPv6
 * address, a port above 65535).
 */
export function uriToIri(uri: string): string | null {
  const parts = pyUrlsplit(uri);
  if (parts === null) return null;
  const hostPort = pyHostPort(parts.netloc);
  if (hostPort === null) return null;
  let netloc = hostPort.hostname === null ? '' : decodeIdnaHost(hostPort.hostname);
  if (netloc.includes(':')) netloc = `[${netloc}]`;
  // `if parts.port:` — a port of 0 is falsy and disappears.
  if (hostPort.port !== null && hostPort.port !== 0) netloc = `${netloc}:${hostPort.port}`;
  return pyUrlunsplit({
    scheme: parts.scheme,
    netloc,
    path: unquotePath(parts.path),
    query: parts.query,
    fragment: parts.fragment,
  });
}

/** Werkzeug `sansio.utils.get_current_url(scheme, host, root_path)` (the `root_url`). */
export function buildRootUrl(scheme: string, host: string, rootPath: string): string | null {
  const rootPathQuoted = pyQuote(rootPath.replace(/\/+$/, ''), ROOT_PATH_SAFE);
  return uriToIri(`${scheme}://${host}${rootPathQuoted}/`);
}
