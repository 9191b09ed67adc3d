/** docs/audit-rules.md documents every rule code with its level and its official sources. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIT_RULES } from './rules/index';

const doc = readFileSync(new URL('../../../docs/audit-rules.md', import.meta.url), 'utf8');

describe('docs/audit-rules.md', () => {
  it.each(AUDIT_RULES.map((r) => [r.meta.code, r.meta]))('documents %s', (code, meta) => {
    const cells = (line: string) => line.split('|').map((cell) => cell.trim());
    const row = doc.split('\n').find((line) => cells(line)[1] === `\`${code}\``);
    expect(row, `no table row for ${code}`).toBeDefined();
    expect(cells(row!)[2]).toBe(meta.level);
    expect(meta.sources.length).toBeGreaterThan(0);
    expect(meta.sources.some((s) => row!.includes(s.url))).toBe(true);
  });
  it('has unique codes', () => {
    const codes = AUDIT_RULES.map((r) => r.meta.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
