import { describe, expect, it } from 'vitest';
import { MAX_FINDINGS_PER_RULE, checkDockerfile } from './check';

describe('a rule that fires on thousands of lines', () => {
  it('lists the first ones in line order and one summary for the rest', () => {
    const lines = ['FROM python:3.12-slim'];
    for (let i = 0; i < 300; i++) lines.push(`ENV API_TOKEN_${i}=s3cr3t-${i}`);
    const secrets = checkDockerfile(lines.join('\n')).filter((f) => f.code === 'secret-in-env');
    expect(secrets).toHaveLength(MAX_FINDINGS_PER_RULE + 1);
    const shown = secrets.slice(0, MAX_FINDINGS_PER_RULE).map((f) => f.line);
    expect(shown).toEqual(Array.from({ length: MAX_FINDINGS_PER_RULE }, (_, i) => i + 2));
    const summary = secrets.at(-1)!;
    expect(summary.level).toBe('error');
    expect(summary.line).toBe(MAX_FINDINGS_PER_RULE + 2);
    expect(summary.message).toContain(`${300 - MAX_FINDINGS_PER_RULE} more lines`);
  });

  it('leaves a rule under the cap untouched', () => {
    const text = 'FROM python:3.12-slim\nENV API_TOKEN=s3cr3t\nENV DB_PASSWORD=hunter2\n';
    const secrets = checkDockerfile(text).filter((f) => f.code === 'secret-in-env');
    expect(secrets.map((f) => f.line)).toEqual([2, 3]);
    expect(secrets.every((f) => !f.message.includes('more line'))).toBe(true);
  });
});
