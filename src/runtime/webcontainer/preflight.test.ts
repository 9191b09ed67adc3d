import { describe, expect, it } from 'vitest';
import { checkPreflight, type PreflightEnvironment } from './preflight';

const OK: PreflightEnvironment = {
  crossOriginIsolated: true,
  hasSharedArrayBuffer: true,
  userAgent:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
};
const SAFARI = (version: string) =>
  `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${version} Safari/605.1.15`;
const IPHONE = (os: string) =>
  `Mozilla/5.0 (iPhone; CPU iPhone OS ${os} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0 Mobile/15E148 Safari/604.1`;

describe('checkPreflight', () => {
  it('passes an isolated Chromium with SharedArrayBuffer', () => {
    expect(checkPreflight(OK)).toEqual({ ok: true });
  });

  it('fails without cross-origin isolation, naming the missing headers', () => {
    const result = checkPreflight({ ...OK, crossOriginIsolated: false });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/COOP and COEP/);
  });

  it('fails without SharedArrayBuffer', () => {
    const result = checkPreflight({ ...OK, hasSharedArrayBuffer: false });
    expect(!result.ok && result.reason).toMatch(/SharedArrayBuffer/);
  });

  it.each([
    [SAFARI('16.3'), false],
    [SAFARI('15.6'), false],
    [SAFARI('16.4'), true],
    [SAFARI('17.1'), true],
    [IPHONE('16_3'), false],
    [IPHONE('16_4'), true],
    [IPHONE('17_0'), true],
  ])('WebKit before 16.4 is known-unsupported: %s → ok=%s', (userAgent, ok) => {
    expect(checkPreflight({ ...OK, userAgent }).ok).toBe(ok);
  });

  it('does not mistake Chrome or Firefox on a Mac for Safari', () => {
    const chromeMac =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
    const firefox =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:121.0) Gecko/20100101 Firefox/121.0';
    expect(checkPreflight({ ...OK, userAgent: chromeMac }).ok).toBe(true);
    expect(checkPreflight({ ...OK, userAgent: firefox }).ok).toBe(true);
  });
});
