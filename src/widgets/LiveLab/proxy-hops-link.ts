/**
 * A link that opens the lab's exact chain in chapter 4's hop-by-hop simulator (ProxyHops),
 * through that widget's own URL state: a full page load to a page without cross-origin
 * isolation, like every link out of the lab.
 */
import { encodeState } from '../../runtime/url-state';
import { labScenario } from '../../runtime/webcontainer/lab-scenario';
import { toChainConfig, toForged, type LabControlsState } from './lab-state';

/** The ProxyHops instance in chapter 4 that starts from CloudFront → ALB. */
export const PROXY_HOPS_PAGE = '/reverse-proxies/';
export const PROXY_HOPS_ID = 'proxy-hops-cloudfront-alb';

export function proxyHopsHref(state: LabControlsState): string {
  const scenario = labScenario(toChainConfig(state), toForged(state));
  const query = new URLSearchParams({ [PROXY_HOPS_ID]: encodeState(scenario) });
  return `${PROXY_HOPS_PAGE}?${query.toString()}#${PROXY_HOPS_ID}`;
}
