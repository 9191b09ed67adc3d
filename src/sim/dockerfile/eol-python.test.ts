import { describe, expect, it } from 'vitest';
import { checkDockerfile } from './check';

const fires = (text: string) => checkDockerfile(text).some((f) => f.code === 'eol-python');

describe('eol-python', () => {
  it('flags every Python minor whose security support has ended (3.10 ended 2026-10, PEP 619)', () => {
    expect(fires('FROM python:3.9-slim\n')).toBe(true);
    expect(fires('FROM python:3.10-slim\n')).toBe(true);
    expect(fires('FROM python:3.11-slim-bookworm\n')).toBe(false);
    expect(fires('FROM python:3.12-slim\n')).toBe(false);
  });
});
