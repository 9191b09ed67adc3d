/**
 * What `request.remote_addr` turned out to be, in plain words: the real client, a proxy, or a
 * value the client made up. (ProxyFix trusts x_for values from the right:
 * https://github.com/pallets/werkzeug/blob/3.1.8/src/werkzeug/middleware/proxy_fix.py.)
 */
import type { LabChainInfo, LabExchange } from '../../runtime/webcontainer/lab-types';

export type VerdictKind = 'client' | 'proxy' | 'spoofed' | 'unclear' | 'failed';

export interface Verdict {
  readonly kind: VerdictKind;
  readonly text: string;
}

export function judgeExchange(exchange: LabExchange, chain: LabChainInfo): Verdict {
  if (!exchange.app) {
    return {
      kind: 'failed',
      text: `No answer from the app (${exchange.error ?? `HTTP ${exchange.status}`}).`,
    };
  }
  const remote = exchange.app.view.remote_addr ?? '(none)';
  const proxies = chain.hops.map((hop) => hop.connectsFrom);
  if (!chain.distinctAddresses) {
    return {
      kind: 'unclear',
      text: `remote_addr is ${remote}. Every hop here connects from 127.0.0.1, so addresses alone cannot tell the client from the proxies; watch where the forged value lands instead.`,
    };
  }
  if (remote === chain.clientAddress) {
    return {
      kind: 'client',
      text: `Correct: remote_addr is the client’s real address, ${remote}.`,
    };
  }
  const proxyIndex = proxies.indexOf(remote);
  if (proxyIndex !== -1) {
    return {
      kind: 'proxy',
      text: `Leak: remote_addr is ${remote}, the address of proxy ${proxyIndex + 1} — x_for is too low.`,
    };
  }
  return {
    kind: 'spoofed',
    text: `Spoofed: remote_addr is ${remote}, a value the client wrote — x_for is higher than the number of proxies.`,
  };
}
