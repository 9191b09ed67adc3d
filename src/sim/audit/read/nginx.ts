/**
 * The nginx settings the audit uses, with nginx's inheritance: `proxy_set_header` is
 * inherited from the enclosing level only when the current level has none
 * (https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_set_header); other
 * directives take the innermost value. The first `location` with `proxy_pass` is the one
 * read; its upstream block supplies `keepalive` and `keepalive_timeout`
 * (https://nginx.org/en/docs/http/ngx_http_upstream_module.html#keepalive). Real IP:
 * https://nginx.org/en/docs/http/ngx_http_realip_module.html
 */
import type { Facts, NginxFacts, Val } from '../facts';
import type { NginxDirective, NginxWord } from './nginx-parse';
import { parseNginxTimeSeconds } from './values';

function word(w: NginxWord, file: string): Val<string> {
  return { value: w.text, file, line: w.line, column: w.column };
}

interface Level {
  readonly directives: readonly NginxDirective[];
}

function findProxiedLocation(directives: readonly NginxDirective[], path: Level[]): Level[] | null {
  for (const d of directives) {
    if (!d.block) continue;
    const here = [...path, { directives: d.block }];
    if (d.name === 'location' && d.block.some((x) => x.name === 'proxy_pass')) return here;
    const inner = findProxiedLocation(d.block, here);
    if (inner) return inner;
  }
  return null;
}

function last(levels: Level[], name: string): NginxDirective | undefined {
  for (let i = levels.length - 1; i >= 0; i--) {
    const found = levels[i]!.directives.filter((d) => d.name === name);
    if (found.length > 0) return found[found.length - 1];
  }
  return undefined;
}

function allUpstreams(
  directives: readonly NginxDirective[],
  out: NginxDirective[] = [],
): NginxDirective[] {
  for (const d of directives) {
    if (d.name === 'upstream' && d.block) out.push(d);
    else if (d.block) allUpstreams(d.block, out);
  }
  return out;
}

export function readNginx(directives: NginxDirective[], facts: Facts): void {
  const levels = findProxiedLocation(directives, [{ directives }]);
  if (!levels) return;
  const at = last(levels, 'proxy_pass')!;
  const nginx: NginxFacts = {
    at: { value: 'nginx', file: at.file, line: at.line, column: at.column },
    proxySetHeaders: new Map(),
    setRealIpFrom: [],
  };
  facts.nginx = nginx;
  const arg = (d: NginxDirective | undefined, i = 0) =>
    d?.args[i] ? word(d.args[i], d.file) : undefined;
  const proxyPass = arg(at);
  if (proxyPass) nginx.proxyPass = proxyPass;
  // proxy_set_header: the innermost level that has any.
  for (let i = levels.length - 1; i >= 0; i--) {
    const sets = levels[i]!.directives.filter(
      (d) => d.name === 'proxy_set_header' && d.args.length >= 2,
    );
    if (sets.length === 0) continue;
    for (const d of sets)
      nginx.proxySetHeaders.set(d.args[0]!.text.toLowerCase(), word(d.args[1]!, d.file));
    break;
  }
  for (let i = levels.length - 1; i >= 0; i--) {
    const from = levels[i]!.directives.filter((d) => d.name === 'set_real_ip_from' && d.args[0]);
    if (from.length === 0) continue;
    nginx.setRealIpFrom = from.map((d) => word(d.args[0]!, d.file));
    break;
  }
  const realIpHeader = arg(last(levels, 'real_ip_header'));
  if (realIpHeader) nginx.realIpHeader = realIpHeader;
  const recursive = arg(last(levels, 'real_ip_recursive'));
  if (recursive) nginx.realIpRecursive = { ...recursive, value: recursive.value === 'on' };
  const version = arg(last(levels, 'proxy_http_version'));
  if (version) nginx.proxyHttpVersion = version;
  const readTimeout = arg(last(levels, 'proxy_read_timeout'));
  const readSeconds = readTimeout ? parseNginxTimeSeconds(readTimeout.value) : null;
  if (readTimeout && readSeconds !== null)
    nginx.proxyReadTimeout = { ...readTimeout, value: readSeconds };
  const next = last(levels, 'proxy_next_upstream');
  if (next?.args[0])
    nginx.proxyNextUpstream = {
      ...word(next.args[0], next.file),
      value: next.args.map((a) => a.text).join(' '),
    };
  // The server block: TLS and server_name.
  const listens = levels.flatMap((l) => l.directives.filter((d) => d.name === 'listen'));
  const tls = listens.find((d) => d.args.some((a) => a.text === 'ssl' || a.text === 'quic'));
  if (tls) nginx.listensTls = { ...word(tls.args[0]!, tls.file), value: true };
  const serverName = arg(last(levels, 'server_name'));
  if (serverName) nginx.serverName = serverName;
  // The upstream block named by proxy_pass.
  const target = /^https?:\/\/([^/:]+)/.exec(at.args[0]?.text ?? '')?.[1];
  const upstream = allUpstreams(directives).find((u) => u.args[0]?.text === target);
  const keepalive = upstream?.block?.find((d) => d.name === 'keepalive');
  const ka = arg(keepalive);
  if (ka && /^[0-9]+$/.test(ka.value)) nginx.upstreamKeepalive = { ...ka, value: Number(ka.value) };
  const kaTimeout = arg(upstream?.block?.find((d) => d.name === 'keepalive_timeout'));
  const kaSeconds = kaTimeout ? parseNginxTimeSeconds(kaTimeout.value) : null;
  if (kaTimeout && kaSeconds !== null)
    nginx.upstreamKeepaliveTimeout = { ...kaTimeout, value: kaSeconds };
}
