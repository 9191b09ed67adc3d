/**
 * How Gunicorn turns the last hop's request into a WSGI environ (used by `hops.ts`).
 */
import {
  type GunicornConfig,
  type HeaderLine,
  type HeaderPiece,
  headerValue,
  piece,
  type Scheme,
  separator,
} from './hop-types';
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
 * Gunicorn `http/message.py` `parse_headers` + `http/wsgi.py` `create` @23.0.0
 * (https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/http/wsgi.py,
 * https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/http/message.py),
 * which 20.1.0 matches here: REMOTE_ADDR is the TCP peer; SERVER_NAME/PORT come from
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
