/**
 * The trust rules' shared reading: the proxy chain the files describe, run through the
 * ProxyFix model (`classifyConfiguration` / `recommendSettings` in src/sim/proxy/advice.ts,
 * which run `simulateChain` with an honest browser and with an attacker).
 */
import {
  classifyConfiguration,
  recommendSettings,
  type Classification,
  type Recommendation,
} from '../../proxy/advice';
import { formatProxyFixLine, type ChainScenario } from '../../proxy/hops';
import type { Facts, Val } from '../facts';
import { chainOf } from '../to-scenario';

export interface TrustReading {
  readonly chain: ChainScenario;
  readonly classification: Classification;
  readonly recommendation: Recommendation;
  /** Where a ProxyFix change goes: the ProxyFix call, or where the app is created. */
  readonly at: Val<unknown>;
  /** The hops' locations. */
  readonly hops: (Val<unknown> | undefined)[];
  readonly fixLine: string;
}

const cache = new WeakMap<Facts, TrustReading | null>();

export function readTrust(facts: Facts): TrustReading | null {
  if (cache.has(facts)) return cache.get(facts)!;
  let reading: TrustReading | null = null;
  const chain = facts.flask.appFiles.length > 0 ? chainOf(facts) : null;
  const at = facts.flask.proxyFix ?? facts.flask.appAt;
  if (chain && at) {
    const recommendation = recommendSettings(chain);
    reading = {
      chain,
      classification: classifyConfiguration(chain),
      recommendation,
      at,
      hops: [facts.cloudfront?.at, facts.alb?.at, facts.nginx?.at],
      fixLine: formatProxyFixLine({
        ...chain.proxyFix,
        ...recommendation.counts,
        enabled: recommendation.enabled,
      }),
    };
  }
  cache.set(facts, reading);
  return reading;
}

export function hopNames(chain: ChainScenario): string {
  return chain.hops.map((h) => h.kind).join(' → ');
}
