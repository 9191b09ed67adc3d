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
import type { RawAuditFinding } from './rule';

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

/** The findings of one kind from the chain model's classification, placed at the ProxyFix call. */
export function classificationFindings(
  facts: Facts,
  kind: 'spoofable' | 'loses-https' | 'leaks-proxy-address',
  extraRelated: (Val<unknown> | undefined)[] = [],
): RawAuditFinding[] {
  const t = readTrust(facts);
  if (!t) return [];
  return t.classification.findings
    .filter((f) => f.kind === kind)
    .map((f) => ({
      at: t.at,
      message: `Chain read from the files: ${hopNames(t.chain)} → Gunicorn. ${f.message}`,
      fix: { text: `Use ${t.fixLine}.` },
      related: [...t.hops, ...extraRelated],
    }));
}
