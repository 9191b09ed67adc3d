import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampNumber, decodeState, encodeState, oneOf, readState, urlWithState } from './url-state';

interface Demo {
  hops: number;
  mode: 'a' | 'b';
}
const validate = (raw: unknown): Demo | null => {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  return {
    hops: clampNumber(r['hops'], 0, 10, 1, 1),
    mode: oneOf(r['mode'], ['a', 'b'] as const, 'a'),
  };
};

describe('url state', () => {
  it('round-trips any JSON value, including non-ASCII text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(decodeState(encodeState(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('reads a state written by urlWithState and keeps other widgets’ params', () => {
    const href = urlWithState('http://localhost/reverse-proxies/?other=1', 'proxy', {
      hops: 3,
      mode: 'b',
    });
    const url = new URL(href);
    expect(url.searchParams.get('other')).toBe('1');
    expect(url.hash).toBe('#proxy');
    expect(readState('proxy', validate, url.search)).toEqual({
      state: { hops: 3, mode: 'b' },
      notice: null,
    });
  });

  it('clamps hostile values through the validator', () => {
    const search = `?w=${encodeState({ hops: 1e308, mode: '<script>' })}`;
    expect(readState('w', validate, search).state).toEqual({ hops: 10, mode: 'a' });
  });

  it('falls back with a notice on garbage, never throwing', () => {
    fc.assert(
      fc.property(fc.string(), (junk) => {
        const result = readState('w', validate, `?w=${encodeURIComponent(junk)}`);
        if (result.state === null && junk !== '') {
          expect(result.notice).toMatch(/default scenario/);
        }
      }),
    );
    expect(readState('w', validate, '?w=%%%').notice).toMatch(/default scenario/);
    expect(readState('w', validate, `?w=${'A'.repeat(9000)}`).notice).toMatch(/longer than/);
    expect(readState('w', () => null, `?w=${encodeState([1, 2])}`).notice).toMatch(
      /not one this widget understands/,
    );
  });

  it('returns no notice when the URL has no state', () => {
    expect(readState('w', validate, '?other=1')).toEqual({ state: null, notice: null });
  });
});
