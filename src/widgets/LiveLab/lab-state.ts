/**
 * The lab's controls as one small state object (kept in the URL, shared by the live lab and
 * the simulator that replaces it): how many proxies, ProxyFix's x_for, and the client.
 */
import { clampNumber, isRecord, oneOf, asString } from '../../runtime/url-state';
import type { LabChainConfig, LabForged, LabProxyKind } from '../../runtime/webcontainer/lab-types';

export type HopCount = 1 | 2 | 3;
export type ClientMode = 'honest' | 'forged';

export interface LabControlsState {
  readonly hops: HopCount;
  readonly x_for: number;
  readonly mode: ClientMode;
  /** The X-Forwarded-For value a forging client sends. */
  readonly xff: string;
  /** The X-Forwarded-Proto value a forging client sends ('' = none). */
  readonly xfp: string;
}

/** The proxies for each hop count, from the client towards the app. */
export const CHAINS: Readonly<Record<HopCount, readonly LabProxyKind[]>> = {
  1: ['alb'],
  2: ['cloudfront', 'alb'],
  3: ['cloudfront', 'alb', 'nginx'],
};

export const MAX_X_FOR = 5;
export const MAX_FORGED_CHARS = 200;

export const DEFAULT_LAB_STATE: LabControlsState = {
  hops: 2,
  x_for: 2,
  mode: 'forged',
  xff: '6.6.6.6',
  xfp: 'https',
};

/** Printable ASCII only (what a header value can carry here), cut to 200 characters. */
export function cleanHeaderValue(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '').slice(0, MAX_FORGED_CHARS);
}

/** URL state → a usable state (every field clamped or whitelisted), or null if not an object. */
export function validateLabState(raw: unknown): LabControlsState | null {
  if (!isRecord(raw)) return null;
  const hops = clampNumber(raw['hops'], 1, 3, DEFAULT_LAB_STATE.hops, 1) as HopCount;
  return {
    hops,
    x_for: clampNumber(raw['x_for'], 0, MAX_X_FOR, DEFAULT_LAB_STATE.x_for, 1),
    mode: oneOf(raw['mode'], ['honest', 'forged'] as const, DEFAULT_LAB_STATE.mode),
    xff: cleanHeaderValue(asString(raw['xff'], MAX_FORGED_CHARS * 4, DEFAULT_LAB_STATE.xff)),
    xfp: cleanHeaderValue(asString(raw['xfp'], MAX_FORGED_CHARS * 4, DEFAULT_LAB_STATE.xfp)),
  };
}

export function toChainConfig(state: LabControlsState): LabChainConfig {
  return { hops: CHAINS[state.hops], x_for: state.x_for };
}

export function toForged(state: LabControlsState): LabForged | null {
  return state.mode === 'forged' ? { xff: state.xff, xfp: state.xfp, xfh: '' } : null;
}
