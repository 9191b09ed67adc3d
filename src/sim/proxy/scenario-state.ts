/**
 * Turning untrusted data (a scenario from a shared URL) into a valid `ChainScenario`.
 *
 * `validateScenario(raw)` whitelists every enum, clamps every number, cuts every string and
 * fills missing fields from the defaults; it returns null only when the value is not an
 * object at all or its `hops` is not an array. At most `MAX_HOPS` hops are kept.
 */
import {
  ATTACKER_SPOOF,
  createHop,
  DEFAULT_APP,
  DEFAULT_CLIENT,
  DEFAULT_GUNICORN,
  type AlbHop,
  type ChainScenario,
  type CloudFrontHop,
  type ConfigurableHop,
  type GunicornConfig,
  type HeaderAction,
  type HopConfig,
  type HopKind,
  type NginxHop,
  type Scheme,
} from './hops';
import { WERKZEUG_VERSIONS } from './proxy-fix';

export const MAX_HOPS = 10;
/** Largest x_* value the UI offers (a chain longer than MAX_HOPS makes no sense). */
export const MAX_COUNT = 12;
const MAX_TEXT = 100;

const HOP_KINDS: readonly HopKind[] = ['nginx', 'alb', 'cloudfront', 'api-gateway', 'custom'];
const SCHEMES: readonly Scheme[] = ['http', 'https'];
const ACTIONS: readonly HeaderAction[] = ['pass', 'append', 'set', 'strip'];
const GUNICORN_VERSIONS: readonly GunicornConfig['version'][] = ['20.1', '21.2', '22.0', '23.0'];

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** Printable text only (no control characters), cut to `max`. */
function text(value: unknown, fallback: string, max = MAX_TEXT): string {
  if (typeof value !== 'string') return fallback;
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x20 && code !== 0x7f) out += char;
  }
  return out.slice(0, max);
}

function int(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

function texts(value: unknown, fallback: readonly string[], maxItems = 10): string[] {
  if (!Array.isArray(value)) return [...fallback];
  return value
    .filter((item): item is string => typeof item === 'string')
    .slice(0, maxItems)
    .map((item) => text(item, ''))
    .filter((item) => item !== '');
}

function validateHop(raw: unknown): HopConfig | null {
  if (!isRecord(raw)) return null;
  const kind = pick(raw['kind'], HOP_KINDS, 'custom');
  if (raw['kind'] !== kind) return null;
  const d = createHop(kind);
  const address = text(raw['address'], d.address, 45) || d.address;
  switch (d.kind) {
    case 'nginx': {
      const hop: NginxHop = {
        kind: 'nginx',
        address,
        xff: pick(raw['xff'], ['proxy_add', 'remote_addr', 'none'], d.xff),
        xfp: pick(raw['xfp'], ['scheme', 'http_xfp', 'none'], d.xfp),
        xfh: pick(raw['xfh'], ['host', 'none'], d.xfh),
        host: pick(raw['host'], ['host', 'http_host', 'proxy_host'], d.host),
        prefix: text(raw['prefix'], d.prefix, 60),
        upstream: text(raw['upstream'], d.upstream, 60) || d.upstream,
        upstreamScheme: pick(raw['upstreamScheme'], SCHEMES, d.upstreamScheme),
        setRealIpFrom: texts(raw['setRealIpFrom'], d.setRealIpFrom),
        realIpRecursive: bool(raw['realIpRecursive'], d.realIpRecursive),
        underscoresInHeaders: bool(raw['underscoresInHeaders'], d.underscoresInHeaders),
      };
      return hop;
    }
    case 'alb': {
      const hop: AlbHop = {
        kind: 'alb',
        address,
        xffMode: pick(raw['xffMode'], ['append', 'preserve', 'remove'], d.xffMode),
        clientPort: bool(raw['clientPort'], d.clientPort),
        preserveHost: bool(raw['preserveHost'], d.preserveHost),
        listenerPort: int(raw['listenerPort'], 1, 65535, d.listenerPort),
        targetScheme: pick(raw['targetScheme'], SCHEMES, d.targetScheme),
      };
      return hop;
    }
    case 'cloudfront': {
      const hop: CloudFrontHop = {
        kind: 'cloudfront',
        address,
        originDomain: text(raw['originDomain'], d.originDomain, 80) || d.originDomain,
        forwardHost: bool(raw['forwardHost'], d.forwardHost),
        addForwardedProto: bool(raw['addForwardedProto'], d.addForwardedProto),
        originScheme: pick(raw['originScheme'], SCHEMES, d.originScheme),
      };
      return hop;
    }
    case 'api-gateway':
    case 'custom': {
      const hop: ConfigurableHop = {
        kind: d.kind,
        label: text(raw['label'], d.label, 40) || d.label,
        address,
        xff: pick(raw['xff'], ACTIONS, d.xff),
        xfp: pick(raw['xfp'], ACTIONS, d.xfp),
        xfh: pick(raw['xfh'], ACTIONS, d.xfh),
        host: pick(raw['host'], ['pass', 'rewrite'], d.host),
        rewriteHost: text(raw['rewriteHost'], d.rewriteHost, 80) || d.rewriteHost,
        appendSeparator: pick(raw['appendSeparator'], [', ', ','], d.appendSeparator),
        upstreamScheme: pick(raw['upstreamScheme'], SCHEMES, d.upstreamScheme),
      };
      return hop;
    }
  }
}

/** A safe scenario from untrusted data, or null when it is not a scenario at all. */
export function validateScenario(raw: unknown): ChainScenario | null {
  if (!isRecord(raw) || !Array.isArray(raw['hops'])) return null;
  const hops: HopConfig[] = [];
  for (const item of raw['hops'].slice(0, MAX_HOPS)) {
    const hop = validateHop(item);
    if (hop === null) return null;
    hops.push(hop);
  }
  const client = isRecord(raw['client']) ? raw['client'] : {};
  const spoof = isRecord(client['spoof']) ? client['spoof'] : {};
  const gunicorn = isRecord(raw['gunicorn']) ? raw['gunicorn'] : {};
  const proxyFix = isRecord(raw['proxyFix']) ? raw['proxyFix'] : {};
  const app = isRecord(raw['app']) ? raw['app'] : {};
  const trustedHosts = app['trustedHosts'] === null ? null : texts(app['trustedHosts'], []);
  return {
    client: {
      ip: text(client['ip'], DEFAULT_CLIENT.ip, 45) || DEFAULT_CLIENT.ip,
      port: int(client['port'], 1, 65535, DEFAULT_CLIENT.port),
      scheme: pick(client['scheme'], SCHEMES, DEFAULT_CLIENT.scheme),
      host: text(client['host'], DEFAULT_CLIENT.host, 80) || DEFAULT_CLIENT.host,
      mode: pick(client['mode'], ['honest', 'attacker'], DEFAULT_CLIENT.mode),
      spoof: {
        xff: text(spoof['xff'], ATTACKER_SPOOF.xff),
        xfp: text(spoof['xfp'], ATTACKER_SPOOF.xfp),
        xfh: text(spoof['xfh'], ATTACKER_SPOOF.xfh),
        host: text(spoof['host'], ATTACKER_SPOOF.host),
        underscoreXff: text(spoof['underscoreXff'], ATTACKER_SPOOF.underscoreXff),
      },
    },
    hops,
    gunicorn: {
      version: pick(gunicorn['version'], GUNICORN_VERSIONS, DEFAULT_GUNICORN.version),
      forwardedAllowIps: texts(gunicorn['forwardedAllowIps'], DEFAULT_GUNICORN.forwardedAllowIps),
      bindHost:
        text(gunicorn['bindHost'], DEFAULT_GUNICORN.bindHost, 45) || DEFAULT_GUNICORN.bindHost,
      bindPort: int(gunicorn['bindPort'], 1, 65535, DEFAULT_GUNICORN.bindPort),
    },
    proxyFix: {
      enabled: bool(proxyFix['enabled'], true),
      x_for: int(proxyFix['x_for'], 0, MAX_COUNT, 1),
      x_proto: int(proxyFix['x_proto'], 0, MAX_COUNT, 1),
      x_host: int(proxyFix['x_host'], 0, MAX_COUNT, 0),
      x_port: int(proxyFix['x_port'], 0, MAX_COUNT, 0),
      x_prefix: int(proxyFix['x_prefix'], 0, MAX_COUNT, 0),
      werkzeugVersion: pick(proxyFix['werkzeugVersion'], WERKZEUG_VERSIONS, '3.1.8'),
    },
    app: {
      trustedHosts,
      sessionCookieSecure: bool(app['sessionCookieSecure'], DEFAULT_APP.sessionCookieSecure),
    },
  };
}
