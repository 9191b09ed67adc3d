import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PASTE_BYTES, proposeFromPaste } from './parse-headers';

describe('proposeFromPaste', () => {
  it('reads a raw request behind CloudFront → ALB and proposes x_for=2', () => {
    const raw = [
      'GET /echo HTTP/1.1',
      'Host: origin.example.com',
      'X-Forwarded-For: 203.0.113.7,130.176.12.34',
      'X-Forwarded-Proto: https',
      'X-Forwarded-Port: 443',
      'X-Amz-Cf-Id: abc',
    ].join('\r\n');
    const result = proposeFromPaste(raw, { yourIp: '203.0.113.7' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.format).toBe('raw request');
    expect(result.counts).toEqual({ x_for: 2, x_proto: 1, x_host: 0, x_port: 0, x_prefix: 0 });
    expect(result.reasons.x_for).toMatch(/value 2 from the right/);
  });

  it('uses your address to ignore values the client added', () => {
    const result = proposeFromPaste('X-Forwarded-For: 6.6.6.6, 203.0.113.7', {
      yourIp: '203.0.113.7',
    });
    expect(result.ok && result.counts.x_for).toBe(1);
    expect(result.ok && result.warnings.join(' ')).toMatch(/sent by the client/);
  });

  it('reads JSON and WSGI environ dumps', () => {
    const json = proposeFromPaste(
      '{"headers": {"X-Forwarded-For": "1.2.3.4, 10.0.0.1", "X-Forwarded-Proto": "https"}}',
    );
    expect(json.ok && json.format).toBe('JSON');
    expect(json.ok && json.counts.x_for).toBe(2);
    const environ = proposeFromPaste(
      "{'HTTP_X_FORWARDED_FOR': '1.2.3.4',\n 'HTTP_X_FORWARDED_PREFIX': '/api',\n 'REMOTE_ADDR': '10.0.1.20'}",
    );
    expect(environ.ok && environ.format).toBe('WSGI environ');
    expect(environ.ok && environ.counts).toMatchObject({ x_for: 1, x_prefix: 1 });
  });

  it('joins repeated lines like Gunicorn', () => {
    const result = proposeFromPaste('X-Forwarded-For: 1.1.1.1\nX-Forwarded-For: 2.2.2.2');
    expect(result.ok && result.counts.x_for).toBe(2);
  });

  it('warns about underscore headers, Forwarded and an http first proto', () => {
    const result = proposeFromPaste(
      'X_Forwarded_For: 1.1.1.1\nForwarded: for=1.1.1.1\nX-Forwarded-Proto: http',
    );
    expect(result.ok && result.warnings.join(' ')).toMatch(/Gunicorn before 22.0/);
    expect(result.ok && result.warnings.join(' ')).toMatch(/RFC 7239/);
    expect(result.ok && result.warnings.join(' ')).toMatch(/No x_proto fixes that/);
  });

  it('rejects over 64 KB, binary and unparseable input with a message', () => {
    const big = proposeFromPaste(`X-A: ${'a'.repeat(MAX_PASTE_BYTES)}`);
    expect(big).toEqual({ ok: false, error: expect.stringMatching(/64 KB/) as unknown });
    expect(proposeFromPaste('\u0000\u0001\u0002PNG').ok).toBe(false);
    expect(proposeFromPaste('hello world, no headers here')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/No headers/) as unknown,
    });
    expect(proposeFromPaste('   ').ok).toBe(false);
  });

  it('never throws and never proposes a negative count', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.string({ maxLength: 20 }),
        (text, ip) => {
          const result = proposeFromPaste(text, { yourIp: ip });
          if (result.ok)
            for (const value of Object.values(result.counts))
              expect(value).toBeGreaterThanOrEqual(0);
          else expect(result.error.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
