// The lab's editable configuration, checked the same way wherever it enters (the page, the
// command line of chain.mjs, the tests): anything outside the whitelist is refused.
import { PROXY_KINDS } from './proxy.mjs';

export const MAX_HOPS = 3;
export const MAX_FORGED_CHARS = 200;

/** { hops: ['cloudfront', 'alb'], x_for: 2 } → the same, validated; throws with a reason. */
export function parseChainConfig(raw) {
  if (typeof raw !== 'object' || raw === null) throw new Error('config must be an object');
  const { hops, x_for: xFor, basePort = 0 } = raw;
  if (!Array.isArray(hops) || hops.length < 1 || hops.length > MAX_HOPS) {
    throw new Error(`hops must list 1 to ${MAX_HOPS} proxies`);
  }
  for (const kind of hops) {
    if (!PROXY_KINDS.includes(kind)) throw new Error(`unknown proxy kind: ${String(kind)}`);
  }
  if (!Number.isSafeInteger(xFor) || xFor < 0 || xFor > 9) throw new Error('x_for must be 0 to 9');
  if (!Number.isSafeInteger(basePort) || basePort < 0 || basePort > 65000) {
    throw new Error('basePort must be 0 (any free port) or a port number');
  }
  return { hops: [...hops], x_for: xFor, basePort };
}

/** A client-supplied header value: printable ASCII only (no CR/LF), at most 200 characters. */
export function parseForgedValue(raw) {
  if (typeof raw !== 'string') throw new Error('the forged value must be text');
  if (raw.length > MAX_FORGED_CHARS)
    throw new Error(`the forged value is over ${MAX_FORGED_CHARS} characters`);
  if (!/^[\x20-\x7e]*$/.test(raw))
    throw new Error('the forged value may hold printable ASCII only');
  return raw;
}
