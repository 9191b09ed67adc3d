import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelExchange, predictedChainInfo } from '../../runtime/webcontainer/lab-scenario';
import { parseLabFiles } from './lab-files';
import { DEFAULT_LAB_STATE, toChainConfig, toForged, validateLabState } from './lab-state';
import { judgeExchange } from './lab-verdict';

describe('validateLabState (the lab’s URL state)', () => {
  it('rejects anything that is not an object', () => {
    for (const raw of [null, 42, 'x', [], true]) expect(validateLabState(raw)).toBeNull();
  });

  it('clamps numbers, whitelists the mode and strips non-printable header text', () => {
    expect(
      validateLabState({ hops: 99, x_for: -4, mode: 'evil', xff: '1.1.1.1\r\nX-Evil: 1', xfp: 7 }),
    ).toEqual({
      hops: 3,
      x_for: 0,
      mode: DEFAULT_LAB_STATE.mode,
      xff: '1.1.1.1X-Evil: 1',
      xfp: DEFAULT_LAB_STATE.xfp,
    });
  });

  it('always yields a state the lab and the model accept (fast-check)', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const state = validateLabState(raw);
        if (state === null) return;
        expect([1, 2, 3]).toContain(state.hops);
        expect(Number.isInteger(state.x_for) && state.x_for >= 0 && state.x_for <= 5).toBe(true);
        expect(state.xff).toMatch(/^[\x20-\x7e]{0,200}$/);
        const config = toChainConfig(state);
        const exchange = modelExchange(config, toForged(state));
        expect(exchange.hops).toHaveLength(state.hops);
      }),
    );
  });
});

describe('judgeExchange', () => {
  const config = { hops: ['cloudfront', 'alb'] as const, x_for: 2 };
  const chain = predictedChainInfo(config);
  const forged = { xff: '6.6.6.6', xfp: '', xfh: '' };

  it('names the real client, a leaked proxy and a spoofed value', () => {
    expect(judgeExchange(modelExchange(config, forged, chain), chain).kind).toBe('client');
    const low = { ...config, x_for: 1 };
    expect(judgeExchange(modelExchange(low, forged, chain), chain).kind).toBe('proxy');
    const high = { ...config, x_for: 3 };
    const spoofed = judgeExchange(modelExchange(high, forged, chain), chain);
    expect(spoofed.kind).toBe('spoofed');
    expect(spoofed.text).toContain('6.6.6.6');
  });

  it('does not claim a verdict when every hop shares 127.0.0.1', () => {
    const shared = {
      ...chain,
      clientAddress: '127.0.0.1',
      hops: chain.hops.map((hop) => ({ ...hop, connectsFrom: '127.0.0.1' })),
      distinctAddresses: false,
    };
    expect(judgeExchange(modelExchange(config, null, shared), shared).kind).toBe('unclear');
  });
});

describe('parseLabFiles (the embedded project)', () => {
  const good = {
    'chain.mjs': { file: { contents: 'a' } },
    'send.mjs': { file: { contents: 'b' } },
  };

  it('accepts the tree the build embeds', () => {
    expect(parseLabFiles(JSON.stringify(good))).toEqual(good);
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['a path in a name', JSON.stringify({ ...good, '../x': { file: { contents: '' } } })],
    ['a directory node', JSON.stringify({ ...good, dir: { directory: {} } })],
    ['no chain.mjs', JSON.stringify({ 'send.mjs': good['send.mjs'] })],
  ])('rejects %s', (_label, text) => {
    expect(() => parseLabFiles(text)).toThrow();
  });
});

describe('proxyHopsHref (the link into chapter 4’s simulator)', () => {
  it('carries the lab’s exact chain in a state ProxyHops accepts unchanged', async () => {
    const { proxyHopsHref, PROXY_HOPS_ID } = await import('./proxy-hops-link');
    const { decodeState } = await import('../../runtime/url-state');
    const { validateScenario } = await import('../../sim/proxy/scenario-state');
    const { labScenario } = await import('../../runtime/webcontainer/lab-scenario');
    for (const hops of [1, 2, 3] as const) {
      const state = { ...DEFAULT_LAB_STATE, hops, x_for: hops };
      const url = new URL(proxyHopsHref(state), 'http://localhost');
      expect(url.pathname).toBe('/reverse-proxies/');
      expect(url.hash).toBe(`#${PROXY_HOPS_ID}`);
      const decoded = decodeState(url.searchParams.get(PROXY_HOPS_ID) ?? '');
      const expected = labScenario(toChainConfig(state), toForged(state));
      expect(validateScenario(decoded)).toEqual(expected);
    }
  });
});
