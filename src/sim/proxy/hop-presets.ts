/**
 * Defaults, hop constructors, labels, documentation links and the preset chains of the
 * proxy-chain model (`hops.ts`).
 */
import {
  type AlbHop,
  type AppConfig,
  type ChainScenario,
  type ClientConfig,
  type ClientSpoof,
  type CloudFrontHop,
  type ConfigurableHop,
  type GunicornConfig,
  type HopConfig,
  type HopKind,
  type NginxHop,
} from './hop-types';
// ---------- defaults and constructors ----------

export const ATTACKER_SPOOF: ClientSpoof = {
  xff: '6.6.6.6',
  xfp: 'https',
  xfh: 'evil.test',
  host: '',
  underscoreXff: '',
};

export const DEFAULT_CLIENT: ClientConfig = {
  ip: '203.0.113.7',
  port: 51234,
  scheme: 'https',
  host: 'app.example.com',
  mode: 'honest',
  spoof: ATTACKER_SPOOF,
};

export const DEFAULT_GUNICORN: GunicornConfig = {
  version: '23.0',
  // forwarded_allow_ips default from Gunicorn 23.0 on; 20.1–22.0 default to '127.0.0.1' only
  // (https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/config.py).
  forwardedAllowIps: ['127.0.0.1', '::1'],
  bindHost: '0.0.0.0',
  bindPort: 8000,
};

export const DEFAULT_APP: AppConfig = { trustedHosts: null, sessionCookieSecure: true };

export function createNginxHop(overrides: Partial<NginxHop> = {}): NginxHop {
  return {
    kind: 'nginx',
    address: '10.0.2.30',
    xff: 'proxy_add',
    xfp: 'scheme',
    xfh: 'host',
    // Flask's documented nginx block (docs/deploying/nginx.rst): X-Forwarded-For, -Proto,
    // -Host and -Prefix set, Host left at nginx's default $proxy_host.
    host: 'proxy_host',
    prefix: '/',
    upstream: '127.0.0.1:8000',
    upstreamScheme: 'http',
    setRealIpFrom: [],
    realIpRecursive: false,
    underscoresInHeaders: false,
    ...overrides,
  };
}

export function createAlbHop(overrides: Partial<AlbHop> = {}): AlbHop {
  return {
    kind: 'alb',
    address: '10.0.1.17',
    xffMode: 'append',
    clientPort: false,
    preserveHost: false,
    listenerPort: 443,
    targetScheme: 'http',
    ...overrides,
  };
}

export function createCloudFrontHop(overrides: Partial<CloudFrontHop> = {}): CloudFrontHop {
  return {
    kind: 'cloudfront',
    address: '198.51.100.20',
    originDomain: 'origin.example.com',
    forwardHost: false,
    addForwardedProto: true,
    originScheme: 'https',
    ...overrides,
  };
}

export function createConfigurableHop(
  kind: 'api-gateway' | 'custom',
  overrides: Partial<Omit<ConfigurableHop, 'kind'>> = {},
): ConfigurableHop {
  const base: ConfigurableHop =
    kind === 'api-gateway'
      ? {
          kind,
          label: 'API Gateway',
          address: '52.94.1.10',
          xff: 'append',
          xfp: 'set',
          xfh: 'strip',
          host: 'rewrite',
          rewriteHost: 'internal-alb.example.com',
          appendSeparator: ', ',
          upstreamScheme: 'https',
        }
      : {
          kind,
          label: 'Custom proxy',
          address: '192.0.2.50',
          xff: 'append',
          xfp: 'set',
          xfh: 'pass',
          host: 'pass',
          rewriteHost: 'backend.internal',
          appendSeparator: ', ',
          upstreamScheme: 'http',
        };
  return { ...base, ...overrides };
}

export function createHop(kind: HopKind): HopConfig {
  switch (kind) {
    case 'nginx':
      return createNginxHop();
    case 'alb':
      return createAlbHop();
    case 'cloudfront':
      return createCloudFrontHop();
    case 'api-gateway':
    case 'custom':
      return createConfigurableHop(kind);
  }
}

export const HOP_KIND_LABELS: Readonly<Record<HopKind, string>> = {
  nginx: 'nginx',
  alb: 'AWS ALB',
  cloudfront: 'CloudFront',
  'api-gateway': 'API Gateway',
  custom: 'Custom proxy',
};

/** The official documentation of each hop's behaviour (linked from the UI). */
export const HOP_DOCS: Readonly<
  Record<HopKind | 'gunicorn', readonly (readonly [string, string])[]>
> = {
  nginx: [
    [
      'nginx proxy_set_header',
      'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_set_header',
    ],
    ['nginx real_ip', 'https://nginx.org/en/docs/http/ngx_http_realip_module.html'],
    [
      'nginx underscores_in_headers',
      'https://nginx.org/en/docs/http/ngx_http_core_module.html#underscores_in_headers',
    ],
  ],
  alb: [
    [
      'ALB X-Forwarded headers',
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html',
    ],
  ],
  cloudfront: [
    [
      'CloudFront request behaviour for custom origins',
      'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html',
    ],
  ],
  'api-gateway': [
    [
      'API Gateway HTTP API parameter mapping (reserved headers)',
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html',
    ],
  ],
  custom: [],
  gunicorn: [
    [
      'Gunicorn forwarded_allow_ips',
      'https://gunicorn.org/reference/settings/#forwarded_allow_ips',
    ],
    [
      'Gunicorn secure_scheme_headers',
      'https://gunicorn.org/reference/settings/#secure_scheme_headers',
    ],
    ['Gunicorn header_map', 'https://gunicorn.org/reference/settings/#header_map'],
  ],
};

export function hopLabel(hop: HopConfig): string {
  return hop.kind === 'api-gateway' || hop.kind === 'custom'
    ? hop.label
    : HOP_KIND_LABELS[hop.kind];
}

export const PRESET_NAMES = [
  'no-proxy',
  'nginx-same-host',
  'alb',
  'cloudfront-alb',
  'api-gateway-alb',
  'alb-nginx',
] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const PRESET_LABELS: Readonly<Record<PresetName, string>> = {
  'no-proxy': 'No proxy',
  'nginx-same-host': 'nginx on the same host',
  alb: 'AWS ALB',
  'cloudfront-alb': 'CloudFront → ALB',
  'api-gateway-alb': 'API Gateway → ALB',
  'alb-nginx': 'ALB → nginx',
};

/** The chain of a preset, without touching the ProxyFix settings. */
export function presetHops(preset: PresetName): HopConfig[] {
  switch (preset) {
    case 'no-proxy':
      return [];
    case 'nginx-same-host':
      // nginx in front of Gunicorn on one machine: Gunicorn sees 127.0.0.1.
      return [createNginxHop({ address: '127.0.0.1' })];
    case 'alb':
      return [createAlbHop()];
    case 'cloudfront-alb':
      return [createCloudFrontHop(), createAlbHop()];
    case 'api-gateway-alb':
      return [createConfigurableHop('api-gateway'), createAlbHop()];
    case 'alb-nginx':
      // The ALB terminates TLS, so nginx must pass the ALB's X-Forwarded-Proto through.
      return [
        createAlbHop(),
        createNginxHop({ xfp: 'http_xfp', upstream: 'app:8000', address: '10.0.2.30' }),
      ];
  }
}

/** A complete scenario for a preset, with ProxyFix at Werkzeug's defaults. */
export function createScenario(preset: PresetName = 'alb'): ChainScenario {
  const hops = presetHops(preset);
  return {
    client: DEFAULT_CLIENT,
    hops,
    gunicorn:
      preset === 'nginx-same-host'
        ? { ...DEFAULT_GUNICORN, bindHost: '127.0.0.1' }
        : DEFAULT_GUNICORN,
    proxyFix: {
      enabled: hops.length > 0,
      x_for: 1,
      x_proto: 1,
      x_host: 0,
      x_port: 0,
      x_prefix: 0,
      werkzeugVersion: '3.1.8',
    },
    app: DEFAULT_APP,
  };
}
