import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelExchange, predictedChainInfo } from './lab-scenario';
import { parseChainInfo, parseExchange } from './parse-lab-output';

describe('parse-lab-output (JSON written by the lab’s Node programs)', () => {
  it('round-trips what the model predicts', () => {
    const config = { hops: ['alb', 'nginx'] as const, x_for: 2 };
    const exchange = modelExchange(config, { xff: '6.6.6.6', xfp: 'https', xfh: '' });
    const raw = JSON.parse(
      JSON.stringify({
        status: exchange.status,
        sent: exchange.sent,
        body: { app: exchange.app, hops: exchange.hops },
      }),
    ) as unknown;
    expect(parseExchange(raw)).toEqual(exchange);
  });

  it('reports the chain’s own start-up error', () => {
    expect(() => parseChainInfo({ error: 'listen EADDRINUSE' })).toThrow(/EADDRINUSE/);
  });

  it('accepts a well-formed chain state', () => {
    const info = predictedChainInfo({ hops: ['cloudfront'], x_for: 1 });
    const raw = {
      entry: { host: '127.0.0.1', port: info.entryPort },
      appPort: info.appPort,
      hops: info.hops,
      clientAddress: info.clientAddress,
      distinctAddresses: true,
    };
    expect(parseChainInfo(raw)).toEqual(info);
  });

  it('never returns garbage: junk throws an Error, nothing else (fast-check)', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        for (const parse of [parseExchange, parseChainInfo]) {
          try {
            parse(raw);
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
          }
        }
      }),
    );
  });

  it('rejects a hop of an unknown kind', () => {
    const hop = { name: 'x', kind: 'squid', port: 1, peer: '127.0.0.1', received: [], sent: [] };
    const bad = { status: 200, sent: [], body: { hops: [hop] } };
    expect(() => parseExchange(bad)).toThrow(/kind/);
  });
});
