import { describe, expect, it } from 'vitest';
import { isLabPath, LAB_DEV_HEADERS, labDevHeaders } from './lab-dev-headers.mjs';
import { LAB_HEADERS } from '../../scripts/postbuild.mjs';

describe('lab dev headers', () => {
  it('match only /lab and paths under it', () => {
    expect(isLabPath('/lab/')).toBe(true);
    expect(isLabPath('/lab')).toBe(true);
    expect(isLabPath('/lab/?lab-timeout-ms=100')).toBe(true);
    expect(isLabPath('/laboratory/')).toBe(false);
    expect(isLabPath('/reverse-proxies/')).toBe(false);
    expect(isLabPath('/')).toBe(false);
  });

  it('are the same headers the build writes for /lab/*', () => {
    expect(LAB_DEV_HEADERS).toEqual(LAB_HEADERS);
  });

  it('are added by the dev-server middleware on /lab/ only', () => {
    const integration = labDevHeaders();
    let middleware: ((req: { url: string }, res: unknown, next: () => void) => void) | null = null;
    const setup = integration.hooks['astro:server:setup'];
    setup({ server: { middlewares: { use: (fn: typeof middleware) => (middleware = fn) } } });
    const run = (url: string) => {
      const headers: Record<string, string> = {};
      const res = { setHeader: (name: string, value: string) => (headers[name] = value) };
      let called = false;
      middleware?.({ url }, res, () => (called = true));
      expect(called).toBe(true);
      return headers;
    };
    expect(run('/lab/')).toEqual(LAB_DEV_HEADERS);
    expect(run('/gunicorn/')).toEqual({});
  });
});
