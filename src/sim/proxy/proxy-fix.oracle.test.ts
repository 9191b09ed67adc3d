/**
 * Agreement with real Werkzeug 3.1.8: every record of the oracle (4,000 environs built with
 * `werkzeug.test.create_environ` and run through the real `ProxyFix` and `Request` of the
 * 3.1.8 release, https://github.com/pallets/werkzeug/blob/3.1.8/src/werkzeug/middleware/proxy_fix.py)
 * must match on every field, with no skips and no tolerance.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { proxyFix, requestView, type ProxyFixOptions } from './proxy-fix';

const here = dirname(fileURLToPath(import.meta.url));
const fixturePath = resolve(here, 'fixtures/proxyfix-werkzeug-3.1.8.jsonl');
const repoRoot = resolve(here, '../../..');
const sharedDir = process.env['FDL_SHARED_DIR'] ?? resolve(repoRoot, '../shared');
const sharedPath = resolve(sharedDir, 'oracles/proxyfix-werkzeug-3.1.8.jsonl');

const ENVIRON_KEYS = [
  'HTTP_HOST',
  'REMOTE_ADDR',
  'SCRIPT_NAME',
  'SERVER_NAME',
  'SERVER_PORT',
  'wsgi.url_scheme',
] as const;

interface OracleRecord {
  readonly id: number;
  readonly environ: Record<string, string>;
  readonly kwargs: ProxyFixOptions;
  readonly expect: {
    readonly environ: Record<string, string | null>;
    readonly orig: Record<string, string | null>;
    readonly request: Record<string, unknown>;
  };
}

const text = readFileSync(fixturePath, 'utf8');
const lines = text.split('\n').filter((line) => line.trim() !== '');
const header = JSON.parse(lines[0]!) as { werkzeug: string; count: number };
const records = lines.slice(1).map((line) => JSON.parse(line) as OracleRecord);

describe('ProxyFix oracle (Werkzeug 3.1.8)', () => {
  it('holds the number of records its header announces, from 3.1.8', () => {
    expect(header.werkzeug).toBe('3.1.8');
    expect(records).toHaveLength(header.count);
    expect(records.length).toBeGreaterThanOrEqual(4000);
  });

  it('is the same file as the shared oracle, when the shared folder is present', () => {
    if (!existsSync(sharedPath)) {
      console.log(`shared oracle not found at ${sharedPath}; comparing nothing`);
      return;
    }
    expect(readFileSync(sharedPath, 'utf8')).toBe(text);
  });

  it('agrees with every record on the environ, orig and request view', () => {
    const mismatches: string[] = [];
    for (const record of records) {
      const input = { ...record.environ };
      const { environ, orig } = proxyFix(record.environ, record.kwargs);
      const view = requestView(environ);
      // The input environ must not be mutated (the caller may reuse it).
      expect(record.environ).toEqual(input);
      const actual = {
        environ: Object.fromEntries(ENVIRON_KEYS.map((key) => [key, environ[key] ?? null])),
        orig: { ...orig },
        request: { ...view, access_route: [...view.access_route] },
      };
      try {
        expect(actual).toStrictEqual(record.expect);
      } catch {
        mismatches.push(
          `#${record.id} ${JSON.stringify(record.kwargs)} ${JSON.stringify(record.environ)}\n` +
            `  expected ${JSON.stringify(record.expect)}\n  actual   ${JSON.stringify(actual)}`,
        );
      }
    }
    expect(mismatches.slice(0, 5).join('\n')).toBe('');
    expect(mismatches).toHaveLength(0);
  });
});
