/**
 * The JSON the lab's Node programs write (state/ready.json, results/<id>.json) is data from
 * another runtime: it is checked here field by field before the page uses it.
 */
import type { RequestView } from '../../sim/proxy/proxy-fix';
import {
  LAB_PROXY_KINDS,
  type LabAppReport,
  type LabChainInfo,
  type LabExchange,
  type LabHeaderLine,
  type LabHopLog,
  type LabProxyKind,
} from './lab-types';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`lab output: ${what} is not text`);
  return value;
}

function whole(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new Error(`lab output: ${what} is not a whole number`);
  }
  return value;
}

function kind(value: unknown): LabProxyKind {
  const found = LAB_PROXY_KINDS.find((k) => k === value);
  if (!found) throw new Error('lab output: unknown proxy kind');
  return found;
}

function lines(value: unknown, what: string): LabHeaderLine[] {
  if (!Array.isArray(value)) throw new Error(`lab output: ${what} is not a list`);
  return value.map((line: unknown) => {
    if (!Array.isArray(line) || line.length !== 2) throw new Error(`lab output: ${what} line`);
    return [text(line[0], what), text(line[1], what)] as const;
  });
}

function stringMap(value: unknown, what: string): Record<string, string> {
  if (!isRecord(value)) throw new Error(`lab output: ${what} is not an object`);
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) out[key] = text(item, `${what}.${key}`);
  return out;
}

function view(value: unknown): RequestView {
  if (!isRecord(value)) throw new Error('lab output: view is not an object');
  const route = value['access_route'];
  if (!Array.isArray(route)) throw new Error('lab output: access_route is not a list');
  const remote = value['remote_addr'];
  const root = value['root_url'];
  return {
    remote_addr: remote === null ? null : text(remote, 'remote_addr'),
    scheme: text(value['scheme'], 'scheme'),
    is_secure: value['is_secure'] === true,
    host: text(value['host'], 'host'),
    root_url: root === null ? null : text(root, 'root_url'),
    script_root: text(value['script_root'], 'script_root'),
    access_route: route.map((item: unknown) => text(item, 'access_route item')),
  };
}

function app(value: unknown): LabAppReport {
  if (!isRecord(value)) throw new Error('lab output: app is not an object');
  return {
    port: whole(value['port'], 'app.port'),
    peer: text(value['peer'], 'app.peer'),
    received: lines(value['received'], 'app.received'),
    environ: stringMap(value['environ'], 'environ'),
    fixedEnviron: stringMap(value['fixedEnviron'], 'fixedEnviron'),
    view: view(value['view']),
  };
}

function hop(value: unknown): LabHopLog {
  if (!isRecord(value)) throw new Error('lab output: hop is not an object');
  return {
    name: text(value['name'], 'hop.name'),
    kind: kind(value['kind']),
    port: whole(value['port'], 'hop.port'),
    peer: text(value['peer'], 'hop.peer'),
    received: lines(value['received'], 'hop.received'),
    sent: lines(value['sent'], 'hop.sent'),
  };
}

/** results/<id>.json → LabExchange (throws on anything malformed). */
export function parseExchange(raw: unknown): LabExchange {
  if (!isRecord(raw)) throw new Error('lab output: the result is not an object');
  const body = raw['body'];
  const error =
    typeof raw['error'] === 'string'
      ? raw['error']
      : isRecord(body) && typeof body['error'] === 'string'
        ? body['error']
        : null;
  return {
    status: whole(raw['status'], 'status'),
    sent: raw['sent'] === undefined ? [] : lines(raw['sent'], 'sent'),
    hops: isRecord(body) && Array.isArray(body['hops']) ? body['hops'].map(hop) : [],
    app: isRecord(body) && body['app'] !== undefined ? app(body['app']) : null,
    error,
  };
}

/** state/ready.json → LabChainInfo (throws with the chain's own message when it failed). */
export function parseChainInfo(raw: unknown): LabChainInfo {
  if (!isRecord(raw)) throw new Error('lab output: the chain state is not an object');
  if (typeof raw['error'] === 'string') throw new Error(`the chain did not start: ${raw['error']}`);
  const entry = raw['entry'];
  if (!isRecord(entry)) throw new Error('lab output: entry is missing');
  const hops = raw['hops'];
  if (!Array.isArray(hops)) throw new Error('lab output: hops is not a list');
  return {
    entryPort: whole(entry['port'], 'entry.port'),
    appPort: whole(raw['appPort'], 'appPort'),
    hops: hops.map((item: unknown) => {
      if (!isRecord(item)) throw new Error('lab output: hop is not an object');
      return {
        kind: kind(item['kind']),
        port: whole(item['port'], 'hop.port'),
        connectsFrom: text(item['connectsFrom'], 'hop.connectsFrom'),
      };
    }),
    clientAddress: text(raw['clientAddress'], 'clientAddress'),
    distinctAddresses: raw['distinctAddresses'] === true,
  };
}
