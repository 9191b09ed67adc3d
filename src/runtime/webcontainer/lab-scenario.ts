/**
 * The live lab's chain expressed in the site's chain model (src/sim/proxy/hops.ts): the same
 * proxies, addresses, ports and settings. The offline fallback and the fake adapter answer
 * with `modelExchange`, and lab/lab.test.mjs checks the real HTTP chain against `labScenario`,
 * so the simulator shown in the lab's place predicts exactly what the live lab does.
 *
 * The lab's proxies behave as follows (lab/project/lib/proxy.mjs lists the upstream pages):
 * nginx with Flask's documented block (XFF $proxy_add_x_forwarded_for, XFP $scheme, XFH $host,
 * Host $host); an ALB in append mode on its own (non-default) listener port; CloudFront with
 * Host set to the origin and CloudFront-Forwarded-Proto added. Every connection is plain http.
 */
import {
  createAlbHop,
  createCloudFrontHop,
  createNginxHop,
  headerValue,
  simulateChain,
  type ChainScenario,
  type HeaderLine,
  type HopConfig,
} from '../../sim/proxy/hops';
import { PROXY_ENVIRON_KEYS } from '../../sim/proxy/proxy-fix';
import type {
  LabChainConfig,
  LabChainInfo,
  LabExchange,
  LabForged,
  LabHeaderLine,
  LabHopLog,
} from './lab-types';

/** Ports the lab uses inside WebContainer: the app on 5000, hop i on 5000 + i. */
export const LAB_BASE_PORT = 5000;

/** The environ keys the lab reports (the same list lab/project/lib/app.mjs reports). */
export const LAB_ENVIRON_KEYS = PROXY_ENVIRON_KEYS;

/**
 * The chain the lab starts for `config` on a system where every loopback address works
 * (lab/project/lib/chain.mjs: the client connects from 127.0.0.2, proxy i from 127.0.0.(i+2)).
 */
export function predictedChainInfo(config: LabChainConfig): LabChainInfo {
  const hops = config.hops.map((kind, i) => ({
    kind,
    port: LAB_BASE_PORT + i + 1,
    connectsFrom: `127.0.0.${i + 3}`,
  }));
  return {
    entryPort: hops[0]?.port ?? LAB_BASE_PORT,
    appPort: LAB_BASE_PORT,
    hops,
    clientAddress: '127.0.0.2',
    distinctAddresses: true,
  };
}

/** The model scenario for the lab chain `info` running `config`, with the given client. */
export function labScenario(
  config: LabChainConfig,
  forged: LabForged | null,
  info: LabChainInfo = predictedChainInfo(config),
): ChainScenario {
  const hops = info.hops.map((hop, i): HopConfig => {
    const next = info.hops[i + 1]?.port ?? info.appPort;
    const address = hop.connectsFrom;
    switch (hop.kind) {
      case 'nginx':
        return createNginxHop({
          address,
          xff: 'proxy_add',
          xfp: 'scheme',
          xfh: 'host',
          host: 'host',
          prefix: '',
          upstream: `127.0.0.1:${next}`,
          upstreamScheme: 'http',
          setRealIpFrom: [],
          underscoresInHeaders: false,
        });
      case 'alb':
        return createAlbHop({
          address,
          xffMode: 'append',
          clientPort: false,
          preserveHost: false,
          listenerPort: hop.port,
          targetScheme: 'http',
        });
      case 'cloudfront':
        return createCloudFrontHop({
          address,
          originDomain: `127.0.0.1:${next}`,
          forwardHost: false,
          addForwardedProto: true,
          originScheme: 'http',
        });
    }
  });
  return {
    client: {
      ip: info.clientAddress,
      // The lab's client port is ephemeral; it matters only with the ALB client-port option,
      // which the lab does not use. A typical ephemeral port keeps the scenario valid.
      port: 50000,
      scheme: 'http',
      host: `127.0.0.1:${info.entryPort}`,
      mode: forged ? 'attacker' : 'honest',
      spoof: {
        xff: forged?.xff ?? '',
        xfp: forged?.xfp ?? '',
        xfh: forged?.xfh ?? '',
        host: '',
        underscoreXff: '',
      },
    },
    hops,
    gunicorn: {
      version: '23.0',
      forwardedAllowIps: ['127.0.0.1', '::1'],
      bindHost: '127.0.0.1',
      bindPort: info.appPort,
    },
    proxyFix: {
      enabled: true,
      x_for: config.x_for,
      x_proto: 1,
      x_host: 0,
      x_port: 0,
      x_prefix: 0,
      werkzeugVersion: '3.1.8',
    },
    app: { trustedHosts: null, sessionCookieSecure: false },
  };
}

function toLines(headers: readonly HeaderLine[]): LabHeaderLine[] {
  return headers.map((line) => [line.name.toLowerCase(), headerValue(line)] as const);
}

function pickEnviron(environ: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of LAB_ENVIRON_KEYS) {
    const value = environ[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** What the model predicts the lab answers for one request (the fallback's "exchange"). */
export function modelExchange(
  config: LabChainConfig,
  forged: LabForged | null,
  info: LabChainInfo = predictedChainInfo(config),
): LabExchange {
  const result = simulateChain(labScenario(config, forged, info));
  const hops: LabHopLog[] = info.hops.map((hop, i) => ({
    name: `${hop.kind} (hop ${i + 1})`,
    kind: hop.kind,
    port: hop.port,
    peer: result.hops[i]?.sourceAddress ?? '',
    received: toLines(result.hops[i]?.headers ?? []),
    sent: toLines(result.hops[i + 1]?.headers ?? []),
  }));
  const sent = toLines(result.hops[0]?.headers ?? []);
  if (!result.environ || !result.proxyFix || !result.request) {
    return { status: 400, sent, hops, app: null, error: result.gunicornError ?? 'Bad Request' };
  }
  const request = result.request;
  const view = {
    remote_addr: request.remote_addr,
    scheme: request.scheme,
    is_secure: request.is_secure,
    host: request.host,
    root_url: request.root_url,
    script_root: request.script_root,
    access_route: request.access_route,
  };
  return {
    status: 200,
    sent,
    hops,
    app: {
      port: info.appPort,
      peer: result.peerAddress,
      received: toLines(result.received),
      environ: pickEnviron(result.environ),
      fixedEnviron: pickEnviron(result.proxyFix.environ),
      view,
    },
    error: null,
  };
}
