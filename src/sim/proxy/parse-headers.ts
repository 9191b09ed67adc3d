/**
 * "Count your hops from real headers": parse what a user pastes — a raw HTTP request, the
 * header lines an echo endpoint printed, a JSON object of headers, or a WSGI environ dump —
 * and propose `x_*` values with reasoning.
 *
 * The rule (https://werkzeug.palletsprojects.com/en/stable/middleware/proxy_fix/): for a
 * request made by an honest client that sent no X-Forwarded-* headers itself, every value in
 * such a header was written by a proxy, so the number of values is the number of proxies
 * writing that header: that number is the `x_*` value. When the user gives their own public
 * address, the X-Forwarded-For position of that address (counted from the right) is used
 * instead, which also survives a client that did add headers.
 *
 * Bad input never throws: over 64 KB, binary data, or text without any header gives an
 * `{ ok: false, error }` result with a message for the user.
 */
import { parseListHeader, type ProxyFixArg, type ProxyFixCounts } from './proxy-fix';

export const MAX_PASTE_BYTES = 64 * 1024;

export interface ParsedHeader {
  readonly name: string;
  readonly value: string;
}

export interface PasteProposal {
  readonly ok: true;
  readonly format: 'raw request' | 'header lines' | 'JSON' | 'WSGI environ';
  readonly headers: readonly ParsedHeader[];
  readonly counts: ProxyFixCounts;
  readonly reasons: Readonly<Record<ProxyFixArg, string>>;
  readonly warnings: readonly string[];
}

export interface PasteError {
  readonly ok: false;
  readonly error: string;
}

export type PasteResult = PasteProposal | PasteError;

export interface PasteOptions {
  /** The public address of the machine that made the test request ('' = unknown). */
  readonly yourIp?: string;
  /** The public host name used for the test request ('' = unknown). */
  readonly publicHost?: string;
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const REQUEST_LINE = /^[A-Z]+ \S+ HTTP\/[0-9.]+$/;

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

function looksBinary(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0 || code === 0xfffd) return true;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f)
      control += 1;
  }
  return control > 0 && control / text.length > 0.01;
}

/** `HTTP_X_FORWARDED_FOR` → `X-Forwarded-For`. */
function environKeyToHeader(key: string): string | null {
  if (!key.startsWith('HTTP_')) return key === 'REMOTE_ADDR' ? 'REMOTE_ADDR' : null;
  return key
    .slice(5)
    .split('_')
    .map((word) => word.charAt(0) + word.slice(1).toLowerCase())
    .join('-');
}

function fromRecord(record: Record<string, unknown>): ParsedHeader[] {
  const headers: ParsedHeader[] = [];
  for (const [key, value] of Object.entries(record)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (typeof item !== 'string' && typeof item !== 'number') continue;
      const name = /^HTTP_|^REMOTE_ADDR$/.test(key) ? environKeyToHeader(key) : key;
      if (name !== null && HEADER_NAME.test(name)) headers.push({ name, value: String(item) });
    }
  }
  return headers;
}

function parseJson(text: string): ParsedHeader[] | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const record = data as Record<string, unknown>;
  const nested = record['headers'];
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested)) {
    return fromRecord(nested as Record<string, unknown>);
  }
  return fromRecord(record);
}

function unquoteLiteral(text: string): string {
  const trimmed = text.trim().replace(/,$/, '').trim();
  const quoted = /^(['"])(.*)\1$/.exec(trimmed);
  return quoted ? quoted[2]! : trimmed;
}

function parseLines(
  text: string,
): { headers: ParsedHeader[]; format: PasteProposal['format'] } | null {
  const lines = text.split(/\r?\n/);
  const headers: ParsedHeader[] = [];
  let format: PasteProposal['format'] = 'header lines';
  let environ = false;
  for (const [i, rawLine] of lines.entries()) {
    const line = rawLine.trim().replace(/^\{/, '').replace(/\}$/, '').trim();
    if (line === '') continue;
    if (i === 0 && REQUEST_LINE.test(line)) {
      format = 'raw request';
      continue;
    }
    const env = /^['"]?(HTTP_[A-Z0-9_]+|REMOTE_ADDR)['"]?\s*[:=]\s*(.*)$/.exec(line);
    if (env) {
      const name = environKeyToHeader(env[1]!);
      if (name !== null) headers.push({ name, value: unquoteLiteral(env[2]!) });
      environ = true;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    if (!HEADER_NAME.test(name)) continue;
    headers.push({ name, value: line.slice(colon + 1).trim() });
  }
  if (headers.length === 0) return null;
  return { headers, format: environ ? 'WSGI environ' : format };
}

function valuesOf(headers: readonly ParsedHeader[], name: string): string[] {
  // Repeated lines are joined with "," like Gunicorn does
  // (https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/http/wsgi.py `create`).
  const joined = headers
    .filter((h) => h.name.toLowerCase() === name.toLowerCase())
    .map((h) => h.value)
    .join(',');
  return joined === '' ? [] : parseListHeader(joined);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Parses pasted headers and proposes ProxyFix arguments. Never throws. */
export function proposeFromPaste(text: string, options: PasteOptions = {}): PasteResult {
  if (utf8Length(text) > MAX_PASTE_BYTES) {
    return {
      ok: false,
      error: `That is more than 64 KB. Paste only the request headers (they are usually under 8 KB).`,
    };
  }
  if (looksBinary(text)) {
    return {
      ok: false,
      error: 'That looks like binary data, not text. Paste the headers as text.',
    };
  }
  if (text.trim() === '') {
    return { ok: false, error: 'Paste a request or the headers your echo endpoint printed.' };
  }
  const json = text.trim().startsWith('{') ? parseJson(text) : null;
  const parsed =
    json !== null && json.length > 0
      ? { headers: json, format: 'JSON' as const }
      : parseLines(text);
  if (parsed === null || parsed.headers.length === 0) {
    return {
      ok: false,
      error:
        'No headers found. Expected lines like "X-Forwarded-For: 203.0.113.7", a JSON object, or HTTP_* environ keys.',
    };
  }
  const { headers } = parsed;
  const warnings: string[] = [];
  const reasons: Partial<Record<ProxyFixArg, string>> = {};
  const yourIp = (options.yourIp ?? '').trim();
  const publicHost = (options.publicHost ?? '').trim().toLowerCase();

  const xff = valuesOf(headers, 'X-Forwarded-For');
  let xFor = xff.length;
  if (xff.length === 0) {
    reasons.x_for =
      'No X-Forwarded-For arrived: no proxy appends it, so x_for=0 (REMOTE_ADDR is the peer).';
  } else if (yourIp !== '') {
    const position = xff.lastIndexOf(yourIp);
    if (position === -1) {
      xFor = 0;
      warnings.push(
        `Your address ${yourIp} is not in X-Forwarded-For (${xff.join(', ')}): check the address, or a proxy replaces the header.`,
      );
      reasons.x_for =
        'Your address was not found, so no safe x_for can be derived from this request.';
    } else {
      xFor = xff.length - position;
      reasons.x_for = `X-Forwarded-For has ${plural(xff.length, 'value')} (${xff.join(', ')}); your address ${yourIp} is value ${xFor} from the right, so ${plural(xFor, 'proxy')} append to it.`;
      if (position > 0)
        warnings.push(
          `Values left of your address (${xff.slice(0, position).join(', ')}) were sent by the client; they must never be trusted.`,
        );
    }
  } else {
    reasons.x_for = `X-Forwarded-For has ${plural(xff.length, 'value')} (${xff.join(', ')}). If the test client sent none itself, each was appended by one proxy, so x_for=${xff.length}. Enter your public address to confirm the first value is you.`;
  }

  const xfp = valuesOf(headers, 'X-Forwarded-Proto');
  const xProto = xfp.length;
  reasons.x_proto =
    xfp.length === 0
      ? 'No X-Forwarded-Proto arrived, so x_proto=0: Flask will see the scheme of the last hop (usually http).'
      : `X-Forwarded-Proto has ${plural(xfp.length, 'value')} (${xfp.join(', ')}), so x_proto=${xfp.length}.`;
  if (xfp.length > 0 && xfp[0] !== 'https') {
    warnings.push(
      `The first proxy wrote X-Forwarded-Proto "${xfp[0] ?? ''}": if your users connect with https, a proxy in between rewrote it (for example nginx's $scheme behind a TLS-terminating load balancer). No x_proto fixes that.`,
    );
  }

  const host = headers.find((h) => h.name.toLowerCase() === 'host')?.value ?? '';
  const xfh = valuesOf(headers, 'X-Forwarded-Host');
  let xHost = 0;
  if (xfh.length === 0) {
    reasons.x_host = host
      ? `No X-Forwarded-Host arrived; request.host will be the Host header (${host}).`
      : 'No X-Forwarded-Host arrived.';
  } else if (publicHost !== '' && host.split(':')[0]?.toLowerCase() === publicHost) {
    reasons.x_host = `Host already says ${host}, so X-Forwarded-Host is not needed: x_host=0.`;
  } else {
    xHost = xfh.length;
    reasons.x_host = `X-Forwarded-Host has ${plural(xfh.length, 'value')} (${xfh.join(', ')})${host ? ` while Host is ${host}` : ''}, so x_host=${xfh.length} if you need the public host name.`;
  }

  reasons.x_port =
    valuesOf(headers, 'X-Forwarded-Port').length > 0
      ? 'X-Forwarded-Port arrived, but it is only needed when the public port is non-standard and missing from the host value: x_port=0.'
      : 'No X-Forwarded-Port arrived: x_port=0.';

  const prefix = valuesOf(headers, 'X-Forwarded-Prefix');
  reasons.x_prefix =
    prefix.length === 0
      ? 'No X-Forwarded-Prefix arrived: x_prefix=0.'
      : `X-Forwarded-Prefix has ${plural(prefix.length, 'value')} (${prefix.join(', ')}), so x_prefix=${prefix.length}.`;

  if (headers.some((h) => h.name.includes('_') && h.name !== 'REMOTE_ADDR')) {
    warnings.push(
      'A header name contains "_": Gunicorn before 22.0 merges it into the "-" header of the same name, letting clients inject values.',
    );
  }
  if (headers.some((h) => h.name.toLowerCase() === 'forwarded')) {
    warnings.push(
      'A Forwarded (RFC 7239) header arrived: Werkzeug ignores it entirely; only X-Forwarded-* count.',
    );
  }
  const counts: ProxyFixCounts = {
    x_for: xFor,
    x_proto: xProto,
    x_host: xHost,
    x_port: 0,
    x_prefix: prefix.length,
  };
  return {
    ok: true,
    format: parsed.format,
    headers,
    counts,
    reasons: reasons as Record<ProxyFixArg, string>,
    warnings,
  };
}
