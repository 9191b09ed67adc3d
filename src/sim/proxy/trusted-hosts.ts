/**
 * Flask 3.1 `TRUSTED_HOSTS`, on top of the ProxyFix model.
 *
 * TRUSTED_HOSTS (Flask 3.1.3 `app.py` `create_url_adapter`,
 * https://github.com/pallets/flask/blob/3.1.3/src/flask/app.py, and
 * https://flask.palletsprojects.com/en/stable/config/#TRUSTED_HOSTS; Werkzeug 3.1.8
 * `sansio/utils.py` `host_is_trusted`/`get_host`,
 * https://github.com/pallets/werkzeug/blob/3.1.8/src/werkzeug/sansio/utils.py):
 *   - default None: every host is accepted;
 *   - an entry matches exactly, or with a leading dot matches the domain and every subdomain
 *     (`.example.org` matches `example.org` and `a.b.example.org`, not `evilexample.org`);
 *   - the port is ignored; entries are IDNA-encoded (an ASCII entry is compared as written,
 *     so case matters);
 *   - the check runs on `request.host` during routing, after ProxyFix has rewritten the
 *     environ; a mismatch raises SecurityError and Flask answers 400 (before/after_request
 *     handlers still run).
 *
 * SESSION_COOKIE_SECURE is in session-cookie.ts (re-exported here).
 */
import { hostIsTrusted, proxyFix, requestViewWithTrust, type WsgiEnviron } from './proxy-fix';
import { encodeIdnaHost } from './punycode';

export {
  describeCookieEffects,
  FLASK_SESSION_COOKIE_SECURE_DOC,
  type CookieEffects,
} from './session-cookie';
export { parseTrustedHostsText } from './trusted-hosts-list';

export const FLASK_TRUSTED_HOSTS_DOC =
  'https://flask.palletsprojects.com/en/stable/config/#TRUSTED_HOSTS';

export interface TrustedHostsInput {
  /** The Host header Gunicorn received. */
  readonly hostHeader: string;
  /** The X-Forwarded-Host header ('' = absent). */
  readonly forwardedHost: string;
  /** ProxyFix `x_host`. */
  readonly xHost: number;
  /** Flask TRUSTED_HOSTS; null = not set. */
  readonly trustedHosts: readonly string[] | null;
  readonly scheme: 'http' | 'https';
}

export interface EntryMatch {
  readonly entry: string;
  readonly matches: boolean;
  readonly why: string;
}

export interface TrustedHostsResult {
  /** The host value Flask checks (`request.host` before the trust check). */
  readonly checkedHost: string;
  readonly status: 200 | 400;
  /** The status as a heading: an entry Python cannot encode makes it depend on the Python version. */
  readonly statusText: string;
  readonly entries: readonly EntryMatch[];
  readonly explanation: string;
}

/**
 * Python's codec refuses the entry (an empty or 64+ character label, a prohibited character).
 * Werkzeug 3.1.8 catches only UnicodeEncodeError there and then returns "not trusted" without
 * trying later entries. Python 3.13 raises UnicodeEncodeError (CPython gh-85287); 3.12 and
 * earlier raise a plain UnicodeError, which escapes Werkzeug and Flask: a 500. Observed with
 * Flask 3.1.3 and Werkzeug 3.1.8 on Python 3.11, 3.12 (uncaught UnicodeError; Gunicorn 20.1
 * answers 500) and 3.13 (400); the codec's output is identical in all three.
 */
const UNENCODABLE = (entry: string): string =>
  `Python cannot IDNA-encode ${entry}. On Python 3.13+ Werkzeug treats that as untrusted and stops: later entries are never tried. On Python 3.12 and earlier the error escapes Werkzeug and the request fails with 500.`;

/**
 * A non-ASCII entry is encoded with Python's IDNA 2003 codec before the comparison. Browsers use
 * IDNA 2008 (UTS #46, non-transitional): they keep ß, ς and the joiners, so `straße.de` arrives
 * as `xn--strae-oqa.de` (checked in Chromium 156), while the entry becomes `strasse.de`.
 */
function idnaWhy(entry: string, encoded: string): string {
  const deviation = /[\u00df\u03c2\u200c\u200d]/.test(entry)
    ? ' IDNA 2003 maps ß to ss (and ς to σ, and drops joiners); browsers keep them, so write the xn-- form the browser sends.'
    : '';
  return `${entry} is compared in its IDNA form, ${entry.startsWith('.') ? '.' : ''}${encoded}.${deviation}`;
}

/** The name Werkzeug compares an entry as: no leading dot, no port, IDNA-encoded; null where Python raises. */
function encodedEntry(entry: string): string | null {
  return encodeIdnaHost(entry.replace(/^\./, '').split(':')[0] ?? '');
}

function explainEntry(host: string, entry: string): EntryMatch & { unencodable: boolean } {
  const name = host.split(':')[0] ?? '';
  const encoded = encodedEntry(entry);
  if (encoded === null)
    return { entry, matches: false, why: UNENCODABLE(entry), unencodable: true };
  const matches = hostIsTrusted(host, [entry]);
  let why: string;
  if (matches) {
    why = entry.startsWith('.')
      ? `${name} is ${entry.slice(1)} or one of its subdomains`
      : `${name} is exactly ${entry}`;
  } else if (!entry.startsWith('.') && name.endsWith(`.${entry}`)) {
    why = `a subdomain needs the leading dot: .${entry}`;
  } else if (name.toLowerCase() === entry.replace(/^\./, '').toLowerCase()) {
    why = 'differs only in letter case, and the comparison is case-sensitive';
  } else if (/[^ -~]/.test(entry)) {
    why = idnaWhy(entry, encoded);
  } else {
    why = `${name || "''"} is not ${entry.startsWith('.') ? `under ${entry.slice(1)}` : entry}`;
  }
  return { entry, matches, why, unencodable: false };
}

/** Runs the Host / X-Forwarded-Host through ProxyFix and Flask's TRUSTED_HOSTS check. */
export function evaluateTrustedHosts(input: TrustedHostsInput): TrustedHostsResult {
  const environ: Record<string, string> = {
    REMOTE_ADDR: '10.0.1.17',
    'wsgi.url_scheme': input.scheme,
    HTTP_HOST: input.hostHeader,
    SERVER_NAME: '0.0.0.0',
    SERVER_PORT: '8000',
    SCRIPT_NAME: '',
  };
  if (input.forwardedHost !== '') environ['HTTP_X_FORWARDED_HOST'] = input.forwardedHost;
  const fixed: WsgiEnviron = proxyFix(environ, {
    x_for: 0,
    x_proto: 0,
    x_host: input.xHost,
  }).environ;
  const plain = requestViewWithTrust(fixed);
  const checked = requestViewWithTrust(fixed, { trusted_hosts: input.trustedHosts });
  const checkedHost = plain.host;
  // Werkzeug tries the entries in order and stops at the first match or the first entry
  // Python cannot encode; entries after that are never tried.
  // An empty or malformed host is refused before the list is read (host_is_trusted checks the
  // value first), so no entry is tried, and one Python cannot encode does no harm.
  const hostValid = hostIsTrusted(fixed['HTTP_HOST'] ?? '', null);
  const entries: EntryMatch[] = [];
  let stoppedAt: string | null = null;
  let unencodable: string | null = null;
  for (const entry of input.trustedHosts ?? []) {
    if (!hostValid) {
      entries.push({ entry, matches: false, why: 'never tried: the host itself is not valid' });
      continue;
    }
    if (stoppedAt !== null) {
      entries.push({ entry, matches: false, why: `never tried: Werkzeug stopped at ${stoppedAt}` });
      continue;
    }
    const { unencodable: refused, ...explained } = explainEntry(fixed['HTTP_HOST'] ?? '', entry);
    entries.push(explained);
    if (refused) unencodable = entry;
    if (explained.matches || refused) stoppedAt = entry;
  }
  const status = checked.host_error === null ? 200 : 400;
  const source =
    input.xHost > 0 && input.forwardedHost !== ''
      ? `X-Forwarded-Host (x_host=${input.xHost}) made the host ${fixed['HTTP_HOST'] ?? ''}`
      : `the Host header is ${input.hostHeader || '(empty)'}`;
  let explanation: string;
  if (input.trustedHosts === null || input.trustedHosts.length === 0) {
    explanation = `TRUSTED_HOSTS is not set, so every host is accepted: ${source}.`;
  } else if (status === 200) {
    const hit = entries.find((e) => e.matches);
    explanation = `200: ${source}, and it matches ${hit?.entry ?? 'an entry'}.`;
  } else if (unencodable !== null) {
    explanation = `400 on Python 3.13+, 500 on 3.12 and earlier: ${source}, and Werkzeug stopped at ${unencodable}, which Python cannot IDNA-encode.`;
  } else if (checkedHost === '' && (fixed['HTTP_HOST'] ?? '') !== '') {
    explanation = `400: ${source}, which has characters Werkzeug does not accept in a host.`;
  } else {
    explanation = `400 Bad Request: ${source}, and no entry matches.`;
  }
  const statusText =
    status === 200
      ? '200 — allowed'
      : unencodable !== null
        ? '400 Bad Request (Python 3.13+) or 500 (3.12 and earlier)'
        : '400 Bad Request';
  return { checkedHost, status, statusText, entries, explanation };
}
