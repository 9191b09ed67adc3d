import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headersFile } from './postbuild.mjs';
import { startServer } from './serve.mjs';

let server;
let base;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fdl-serve-'));
  mkdirSync(path.join(dir, '_astro'));
  mkdirSync(path.join(dir, 'lab'));
  writeFileSync(path.join(dir, '_headers'), headersFile());
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>home</title>');
  writeFileSync(path.join(dir, '404.html'), '<!doctype html><title>404</title>');
  writeFileSync(path.join(dir, 'lab', 'index.html'), '<!doctype html><title>lab</title>');
  writeFileSync(path.join(dir, '_astro', 'app.abc123.js'), 'export {};');
  ({ server, url: base } = await startServer({ dir, port: 0 }));
});

afterAll(() => {
  server?.close();
});

describe('the local server', () => {
  // Issue 16, defect 6: it sent no-cache on every file, overriding _headers.
  it('keeps the long cache lifetime _headers sets for /_astro/*', async () => {
    const response = await fetch(new URL('/_astro/app.abc123.js', base));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('revalidates pages and never caches a missing asset for long', async () => {
    expect((await fetch(new URL('/', base))).headers.get('cache-control')).toBe('no-cache');
    const missing = await fetch(new URL('/_astro/gone.js', base));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-cache');
  });

  it('sends cross-origin isolation on /lab/ only', async () => {
    const lab = await fetch(new URL('/lab/', base));
    expect(lab.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const home = await fetch(new URL('/', base));
    expect(home.headers.get('cross-origin-embedder-policy')).toBeNull();
  });
});
