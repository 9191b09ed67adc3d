/**
 * Names, addresses and counts for the proxy exercises' hop kinds: small and free of the chain
 * model, so the exercise widgets can show a chain without loading the simulation (which
 * proxy-chain.ts runs when an answer is checked).
 */
import type { HopKind } from './types';

/** The address each hop has, for display and for the next hop's peer. */
export function hopAddress(kind: HopKind, index: number): string {
  switch (kind) {
    case 'cloudfront':
      return `130.176.${String(10 + index)}.${String(20 + index)}`;
    case 'alb':
      return `10.0.${String(1 + index)}.17`;
    case 'nginx':
      return '127.0.0.1';
  }
}

export function describeHop(kind: HopKind): string {
  switch (kind) {
    case 'cloudfront':
      return 'CloudFront';
    case 'alb':
      return 'ALB (HTTPS listener)';
    case 'nginx':
      return 'nginx on the same host';
  }
}

/** How many hops append to X-Forwarded-For: the x_for that is right for this chain. */
export function countAppendingHops(chain: readonly HopKind[]): number {
  return chain.length;
}

/** How many hops set X-Forwarded-Proto after the last one that strips it (0 or 1 here). */
export function countProtoWriters(chain: readonly HopKind[]): number {
  const last = chain.at(-1);
  return last === undefined || last === 'cloudfront' ? 0 : 1;
}
