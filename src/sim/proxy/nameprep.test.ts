import { describe, expect, it, vi } from 'vitest';

describe('nameprep tables on demand', () => {
  it('ASCII host names never need the tables; a non-ASCII one says they are missing', async () => {
    vi.resetModules();
    const fresh = await import('./punycode');
    const prep = await import('./nameprep');
    expect(prep.hasNameprep()).toBe(false);
    expect(fresh.encodeIdnaHost('app.example.com')).toBe('app.example.com');
    expect(fresh.decodeIdnaHost('app.example.com')).toBe('app.example.com');
    expect(() => fresh.encodeIdnaHost('bücher.de')).toThrow(prep.NameprepDataMissing);
    prep.provideNameprep((await import('./nameprep-impl')).nameprep);
    expect(fresh.encodeIdnaHost('bücher.de')).toBe('xn--bcher-kva.de');
    expect(fresh.encodeIdnaHost('Straße.de')).toBe('strasse.de');
    vi.resetModules();
  });
});
