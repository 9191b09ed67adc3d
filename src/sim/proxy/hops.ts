/**
 * The proxy-chain model: a client, zero or more proxies, Gunicorn and Werkzeug's ProxyFix.
 *
 * ## API (pure; reused by the ProxyHops widget and the WebContainer lab)
 *
 *   simulateChain(scenario: ChainScenario): ChainResult
 *
 * `scenario.client` describes who sends the request (honest, or an attacker choosing which
 * X-Forwarded-* / Host / underscore headers to forge), `scenario.hops` the proxies in order
 * from the client towards the app, `scenario.gunicorn` how Gunicorn turns the last TCP
 * connection into a WSGI environ, and `scenario.proxyFix` the `ProxyFix(...)` arguments.
 * The result holds:
 *   - `hops`: one snapshot per sender (index 0 is the client), the request *as it leaves*
 *     that sender: source address, scheme of the connection, every header line, and each
 *     piece of each header value tagged with the hop that wrote it (`writer`) and whether its
 *     content is client-controlled; plus plain-words notes and UNVERIFIED flags;
 *   - `environ`: the WSGI environ Gunicorn builds (or a 400 `gunicornError`);
 *   - `forwardedFor`: the X-Forwarded-For list ProxyFix parses, every entry attributed;
 *   - `proxyFix`: `{ environ, orig }` from `proxyFix()`; `request`: `requestView()` of it;
 *   - `picked`: which entry ProxyFix took for each x_* argument, and who wrote it.
 * Nothing is random and nothing is mutated; the same scenario always gives the same result.
 * Build scenarios with `createScenario(preset)` and the `create*Hop()` helpers.
 *
 * Sources:
 * - Werkzeug ProxyFix: https://github.com/pallets/werkzeug/blob/3.1.8/src/werkzeug/middleware/proxy_fix.py
 * - Gunicorn environ: https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/http/wsgi.py;
 *   `forwarded_allow_ips` defaults to `127.0.0.1,::1` from Gunicorn 23.0 on, `127.0.0.1` in
 *   20.1–22.0
 *   (https://github.com/benoitc/gunicorn/blob/22.0.0/gunicorn/config.py)
 * - ALB: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html
 * - CloudFront: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html
 * - API Gateway: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
 * - nginx: https://nginx.org/en/docs/http/ngx_http_proxy_module.html,
 *   https://nginx.org/en/docs/http/ngx_http_realip_module.html
 * - Flask 3.1: https://flask.palletsprojects.com/en/stable/config/#TRUSTED_HOSTS
 */
import {
  proxyFix,
  requestViewWithTrust,
  resolveProxyFixCounts,
  type ProxyFixArg,
  type ProxyFixResult,
  type RequestViewWithTrust,
  type WerkzeugVersion,
  type WsgiEnviron,
} from './proxy-fix';

export * from './hop-types';
export * from './hop-presets';
export { addressMatches, attributeEntries } from './hop-transforms';
export { buildGunicornEnviron, type GunicornOutcome } from './gunicorn-environ';

import {
  applyAlb,
  applyCloudFront,
  applyConfigurable,
  applyNginx,
  attributeEntries,
  clientHeaders,
  type Incoming,
  type Outgoing,
} from './hop-transforms';
import { buildGunicornEnviron } from './gunicorn-environ';
import { hopLabel } from './hop-presets';
import type {
  ChainResult,
  ChainScenario,
  HeaderPiece,
  HopConfig,
  HopSnapshot,
  PickedValue,
  ProxyFixSettings,
} from './hop-types';

// ---------- attribution of the parsed list ----------

const ARG_HEADERS: Readonly<Record<ProxyFixArg, string>> = {
  x_for: 'HTTP_X_FORWARDED_FOR',
  x_proto: 'HTTP_X_FORWARDED_PROTO',
  x_host: 'HTTP_X_FORWARDED_HOST',
  x_port: 'HTTP_X_FORWARDED_PORT',
  x_prefix: 'HTTP_X_FORWARDED_PREFIX',
};

function pickValue(
  arg: ProxyFixArg,
  trusted: number,
  pieces: readonly HeaderPiece[] | undefined,
  version: WerkzeugVersion,
  enabled: boolean,
): PickedValue {
  const header = ARG_HEADERS[arg];
  const entries = pieces ? attributeEntries(pieces, version) : [];
  const base = { arg, header, entries };
  if (!enabled) return { ...base, index: null, reason: 'ProxyFix is not used.' };
  if (trusted === 0) return { ...base, index: null, reason: `${arg}=0: this header is ignored.` };
  if (!pieces || pieces.map((p) => p.text).join('') === '') {
    return { ...base, index: null, reason: 'The header did not reach the app.' };
  }
  if (entries.length < trusted) {
    return {
      ...base,
      index: null,
      reason: `Only ${entries.length} value(s), fewer than ${arg}=${trusted}: nothing changes.`,
    };
  }
  const index = entries.length - trusted;
  if (entries[index]!.value === '') {
    return { ...base, index: null, reason: 'The chosen value is empty, so it is ignored.' };
  }
  return { ...base, index, reason: null };
}

// ---------- the whole chain ----------

function applyHop(hop: HopConfig, index: number, incoming: Incoming): Outgoing {
  switch (hop.kind) {
    case 'nginx':
      return applyNginx(hop, index, incoming);
    case 'alb':
      return applyAlb(hop, index, incoming);
    case 'cloudfront':
      return applyCloudFront(hop, index, incoming);
    case 'api-gateway':
    case 'custom':
      return applyConfigurable(hop, index, incoming);
  }
}

/** Runs a request through the chain, Gunicorn, ProxyFix and Werkzeug's Request. */
export function simulateChain(scenario: ChainScenario): ChainResult {
  const clientLines = clientHeaders(scenario.client);
  const snapshots: HopSnapshot[] = [
    {
      index: 0,
      kind: 'client',
      label: scenario.client.mode === 'attacker' ? 'Client (attacker)' : 'Client',
      sourceAddress: scenario.client.ip,
      scheme: scenario.client.scheme,
      headers: clientLines,
      notes:
        scenario.client.mode === 'attacker'
          ? ['Sends forged X-Forwarded-* headers; everything it writes is untrusted.']
          : ['A browser sends only Host (no X-Forwarded-* headers).'],
      unverified: [],
    },
  ];
  let incoming: Incoming = {
    peer: scenario.client.ip,
    peerPort: scenario.client.port,
    scheme: scenario.client.scheme,
    headers: clientLines,
  };
  scenario.hops.forEach((hop, i) => {
    const index = i + 1;
    const out = applyHop(hop, index, incoming);
    snapshots.push({
      index,
      kind: hop.kind,
      label: hopLabel(hop),
      sourceAddress: hop.address,
      scheme: out.scheme,
      headers: out.headers,
      notes: out.notes,
      unverified: out.unverified,
    });
    // Proxies connect from an ephemeral port; a fixed one keeps the model deterministic.
    incoming = {
      peer: hop.address,
      peerPort: 40000 + index,
      scheme: out.scheme,
      headers: out.headers,
    };
  });

  const gunicorn = buildGunicornEnviron(
    scenario.gunicorn,
    incoming.peer,
    incoming.headers,
    incoming.scheme,
  );
  const settings = scenario.proxyFix;
  const counts = resolveProxyFixCounts(settings);
  const version = settings.werkzeugVersion;
  let fixed: ProxyFixResult | null = null;
  let request: RequestViewWithTrust | null = null;
  if (gunicorn.environ) {
    fixed = settings.enabled
      ? proxyFix(gunicorn.environ, { ...counts, werkzeugVersion: version })
      : { environ: gunicorn.environ, orig: origOf(gunicorn.environ) };
    request = requestViewWithTrust(fixed.environ, {
      werkzeugVersion: version,
      trusted_hosts: scenario.app.trustedHosts,
    });
  }
  const picked = (Object.keys(ARG_HEADERS) as ProxyFixArg[]).map((arg) =>
    pickValue(arg, counts[arg], gunicorn.pieces[ARG_HEADERS[arg]], version, settings.enabled),
  );
  return {
    hops: snapshots,
    received: incoming.headers,
    peerAddress: incoming.peer,
    environ: gunicorn.environ,
    gunicornError: gunicorn.error,
    gunicornNotes: gunicorn.notes,
    environPieces: gunicorn.pieces,
    proxyFix: fixed,
    request,
    picked,
    proxyAddresses: scenario.hops.map((hop) => hop.address),
  };
}

function origOf(environ: WsgiEnviron): ProxyFixResult['orig'] {
  const get = (key: string): string | null => environ[key] ?? null;
  return {
    REMOTE_ADDR: get('REMOTE_ADDR'),
    'wsgi.url_scheme': get('wsgi.url_scheme'),
    HTTP_HOST: get('HTTP_HOST'),
    SERVER_NAME: get('SERVER_NAME'),
    SERVER_PORT: get('SERVER_PORT'),
    SCRIPT_NAME: get('SCRIPT_NAME'),
  };
}

/** The `ProxyFix(...)` line for the settings, as Python source. */
export function formatProxyFixLine(settings: ProxyFixSettings): string {
  if (!settings.enabled) return '# no ProxyFix: app.wsgi_app is used as is';
  const args = (Object.keys(ARG_HEADERS) as ProxyFixArg[]).map((arg) => `${arg}=${settings[arg]}`);
  return `app.wsgi_app = ProxyFix(app.wsgi_app, ${args.join(', ')})`;
}
