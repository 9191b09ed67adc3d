import { describe, expect, it } from 'vitest';
import { MAX_SHARE_CHARS, decodeShared, encodeShared, paramFromHash } from './share-state';

const isSample = (id: string): boolean => id === 'compose-nginx';

function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

describe('audit share links', () => {
  it('carry a sample as its id, and files compressed, and read back the same', async () => {
    const sample = await encodeShared({ sample: 'compose-nginx', options: {} });
    expect(sample.ok && sample.param.length < 40).toBe(true);
    if (!sample.ok) return;
    expect(await decodeShared(sample.param, isSample)).toEqual({
      sample: 'compose-nginx',
      options: {},
    });

    const inputs = [
      { name: 'Dockerfile', text: 'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n' },
      { name: 'pasted/nginx.conf', text: 'events {}\nhttp {}\n', kind: 'nginx' as const },
    ];
    const files = await encodeShared({ inputs, options: { maxDbConnections: 100 } });
    expect(files.ok).toBe(true);
    if (!files.ok) return;
    expect(files.param.startsWith('z')).toBe(true);
    expect(await decodeShared(files.param, isSample)).toEqual({
      inputs,
      options: { maxDbConnections: 100 },
    });
  });

  it('refuses to build a link past the limit and says how long it would be', async () => {
    // Random text does not compress.
    let text = '';
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      text += String.fromCharCode(33 + (seed % 90));
    }
    const result = await encodeShared({ inputs: [{ name: 'big.conf', text }], options: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.chars).toBeGreaterThan(MAX_SHARE_CHARS);
  });

  it('gives a reason, never an exception, for junk, unknown samples and deflate bombs', async () => {
    expect(typeof (await decodeShared('x!!', isSample))).toBe('string');
    expect(typeof (await decodeShared('zAAAA', isSample))).toBe('string');
    expect(typeof (await decodeShared(`j${'A'.repeat(MAX_SHARE_CHARS + 1)}`, isSample))).toBe(
      'string',
    );
    const unknown = await encodeShared({ sample: 'elsewhere', options: {} });
    if (unknown.ok) expect(await decodeShared(unknown.param, isSample)).toMatch(/unknown sample/);

    // 4 MB of zeros deflate to about 4 KB: the reader stops at its cap.
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const stream = new Blob([zeros]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bomb = new Uint8Array(await new Response(stream).arrayBuffer());
    const param = `z${base64Url(bomb)}`;
    expect(param.length).toBeLessThan(MAX_SHARE_CHARS);
    expect(await decodeShared(param, isSample)).toMatch(/could not be read/);

    const proto = `j${base64Url(new TextEncoder().encode('{"__proto__":{"polluted":1},"f":[["a","b"]]}'))}`;
    const decoded = await decodeShared(proto, isSample);
    expect(decoded).toEqual({ inputs: [{ name: 'a', text: 'b' }], options: {} });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads the parameter only from an #audit= hash', () => {
    expect(paramFromHash('#audit=jabc')).toBe('jabc');
    expect(paramFromHash('#audit')).toBeNull();
    expect(paramFromHash('')).toBeNull();
  });
});
