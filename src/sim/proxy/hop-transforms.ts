/**
 * What each proxy kind does to a request on its way to the app (nginx, ALB, CloudFront,
 * API Gateway / custom), and what the client sends. Used by `simulateChain` in `hops.ts`.
 */
import {
  type AlbHop,
  type ClientConfig,
  type CloudFrontHop,
  type ConfigurableHop,
  type ForwardedEntry,
  type HeaderAction,
  type HeaderLine,
  type HeaderPiece,
  type NginxHop,
  piece,
  sameName,
  type Scheme,
  separator,
} from './hop-types';
import { splitListHeader, type WerkzeugVersion } from './proxy-fix';
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

export interface Incoming {
  /** Address of the TCP peer this hop sees. */
  readonly peer: string;
  /** Source port of that connection (the client's port, or a fixed ephemeral port). */
  readonly peerPort: number;
  /** Scheme of the connection into this hop. */
  readonly scheme: Scheme;
  readonly headers: readonly HeaderLine[];
}

export interface Outgoing {
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

export function applyNginx(hop: NginxHop, index: number, incoming: Incoming): Outgoing {
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

export function applyAlb(hop: AlbHop, index: number, incoming: Incoming): Outgoing {
  const notes: string[] = [];
  const unverified: string[] = [];
  let headers = [...incoming.headers];
  const listenerScheme = incoming.scheme;
  // The "client IP" the ALB appends is its TCP peer
  // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html).
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

export function applyCloudFront(hop: CloudFrontHop, index: number, incoming: Incoming): Outgoing {
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

export function applyConfigurable(
  hop: ConfigurableHop,
  index: number,
  incoming: Incoming,
): Outgoing {
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

export function clientHeaders(client: ClientConfig): HeaderLine[] {
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

// ---------- attribution of a parsed list ----------

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
