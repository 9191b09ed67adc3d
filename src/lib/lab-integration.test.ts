import { describe, expect, it } from 'vitest';
import { LAB_HEADERS } from '../../scripts/postbuild.mjs';
import {
  isLabOff,
  isLabPath,
  LAB_DEV_HEADERS,
  labIntegration,
  labOffPlugin,
} from './lab-integration.mjs';

type Middleware = (req: { url: string }, res: unknown, next: () => void) => void;

describe('the lab integration', () => {
  it('matches only /lab and paths under it', () => {
    expect(isLabPath('/lab/')).toBe(true);
    expect(isLabPath('/lab')).toBe(true);
    expect(isLabPath('/lab/?lab-timeout-ms=100')).toBe(true);
    expect(isLabPath('/laboratory/')).toBe(false);
    expect(isLabPath('/reverse-proxies/')).toBe(false);
    expect(isLabPath('/')).toBe(false);
  });

  it('sends in dev the same headers the build writes for /lab/*', () => {
    expect(LAB_DEV_HEADERS).toEqual(LAB_HEADERS);
  });

  it('adds the headers in the dev server on /lab/ only', () => {
    const holder: { middleware: Middleware | null } = { middleware: null };
    labIntegration().hooks['astro:server:setup']({
      server: {
        middlewares: {
          use: (fn: Middleware) => {
            holder.middleware = fn;
          },
        },
      },
    });
    const run = (url: string) => {
      const headers: Record<string, string> = {};
      const res = {
        setHeader: (name: string, value: string) => {
          headers[name] = value;
        },
      };
      let called = false;
      holder.middleware?.({ url }, res, () => {
        called = true;
      });
      expect(called).toBe(true);
      return headers;
    };
    expect(run('/lab/')).toEqual(LAB_DEV_HEADERS);
    expect(run('/gunicorn/')).toEqual({});
  });

  it('with FDL_LAB=off, replaces the LiveLab island by an empty component', () => {
    expect(isLabOff({ FDL_LAB: 'off' })).toBe(true);
    expect(isLabOff({})).toBe(false);
    const plugins: unknown[] = [];
    const setup = (env: Record<string, string>): void => {
      labIntegration({ env }).hooks['astro:config:setup']({
        updateConfig: (config: { vite: { plugins: unknown[] } }) => {
          plugins.push(...config.vite.plugins);
        },
      });
    };
    setup({});
    expect(plugins).toHaveLength(0);
    setup({ FDL_LAB: 'off' });
    expect(plugins).toHaveLength(1);
    const plugin = labOffPlugin();
    expect(plugin.load('/repo/src/widgets/LiveLab/LiveLab.tsx')).toMatch(/return null/);
    expect(plugin.load('/repo/src/widgets/LiveLab/LabControls.tsx')).toBeNull();
    expect(plugin.load('/repo/src/widgets/Capacity/Capacity.tsx')).toBeNull();
  });
});
