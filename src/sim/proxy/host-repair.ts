/**
 * When a proxy replaces the Host header and no proxy writes an X-Forwarded-Host with the public
 * name, no ProxyFix argument can give Flask the right `request.host`: the fix is in a hop.
 * `findHostRepair` tries the hop settings the model knows and keeps the smallest change that
 * makes the app receive the browser's Host again (checked by running the chain).
 *
 * Sources:
 * - CloudFront sets Host to the origin's domain name unless the origin request policy forwards
 *   the viewer's Host (the managed `AllViewer` policy forwards every viewer header, Host
 *   included): https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html
 *   and https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html
 * - nginx sends `Host: $proxy_host` unless told otherwise (`proxy_set_header Host $host;`):
 *   https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_set_header
 */
import { hopLabel } from './hop-presets';
import type { ChainScenario, HopConfig } from './hop-types';
import { simulateChain } from './hops';

export interface HopChange {
  /** 1-based hop index (0 is the client), as in `ChainResult.hops`. */
  readonly hopIndex: number;
  readonly hopLabel: string;
  /** The setting to change, in the vendor's words. */
  readonly text: string;
  readonly docUrl: string;
}

export interface HopRepair {
  readonly changes: readonly HopChange[];
  /** The chain with the changes applied. */
  readonly hops: readonly HopConfig[];
}

const CLOUDFRONT_POLICY_DOC =
  'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html';
const NGINX_HOST_DOC = 'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_set_header';

/** The Host-preserving variant of one hop, or null when the model knows none. */
function preserveHost(hop: HopConfig): { hop: HopConfig; text: string; docUrl: string } | null {
  switch (hop.kind) {
    case 'cloudfront':
      return hop.forwardHost
        ? null
        : {
            hop: { ...hop, forwardHost: true },
            text: "Forward the viewer's Host header: attach an origin request policy that includes Host (the managed AllViewer policy does). By default CloudFront sends the origin's domain name as Host.",
            docUrl: CLOUDFRONT_POLICY_DOC,
          };
    case 'nginx':
      return hop.host === 'host'
        ? null
        : {
            hop: { ...hop, host: 'host' },
            text: 'proxy_set_header Host $host; (nginx sends $proxy_host, the upstream name, by default).',
            docUrl: NGINX_HOST_DOC,
          };
    case 'custom':
      return hop.host === 'pass'
        ? null
        : {
            hop: { ...hop, host: 'pass' },
            text: 'Pass the incoming Host header through instead of rewriting it.',
            docUrl: NGINX_HOST_DOC,
          };
    case 'alb':
    case 'api-gateway':
      // The ALB passes Host through; API Gateway's integration Host is not modelled as settable.
      return null;
  }
}

function hostArrives(scenario: ChainScenario, hops: readonly HopConfig[]): boolean {
  const run = simulateChain({ ...scenario, client: { ...scenario.client, mode: 'honest' }, hops });
  const host = run.environ?.['HTTP_HOST'] ?? '';
  return host.split(':')[0] === scenario.client.host;
}

/** The hop changes that make the app receive the browser's Host, or null if none known does. */
export function findHostRepair(scenario: ChainScenario): HopRepair | null {
  const candidates = scenario.hops.map((hop) => preserveHost(hop));
  const change = (i: number): HopChange => ({
    hopIndex: i + 1,
    hopLabel: hopLabel(scenario.hops[i]!),
    text: candidates[i]!.text,
    docUrl: candidates[i]!.docUrl,
  });
  // One hop first (the smallest change), then every known change together.
  for (let i = 0; i < candidates.length; i += 1) {
    const candidate = candidates[i];
    if (!candidate) continue;
    const hops = scenario.hops.map((hop, j) => (j === i ? candidate.hop : hop));
    if (hostArrives(scenario, hops)) return { changes: [change(i)], hops };
  }
  const all = scenario.hops.map((hop, i) => candidates[i]?.hop ?? hop);
  const changed = candidates.flatMap((c, i) => (c ? [i] : []));
  if (changed.length > 1 && hostArrives(scenario, all)) {
    return { changes: changed.map(change), hops: all };
  }
  return null;
}
