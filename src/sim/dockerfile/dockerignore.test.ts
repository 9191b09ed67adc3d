import { describe, expect, it } from 'vitest';
import { isIgnored, matchSegment, parseDockerignore } from './dockerignore';

const ignored = (patterns: string, path: string) => isIgnored(parseDockerignore(patterns), path);

describe('.dockerignore semantics', () => {
  it('anchors patterns at the context root', () => {
    expect(ignored('.env', '.env')).toBe(true);
    expect(ignored('.env', 'app/.env')).toBe(false);
    expect(ignored('/.env', '.env')).toBe(true);
  });

  it('lets ** match any number of directories, including none', () => {
    expect(ignored('**/.env', 'app/config/.env')).toBe(true);
    expect(ignored('**/.env', '.env')).toBe(true);
    expect(ignored('**/*.pyc', 'a/b/c.pyc')).toBe(true);
  });

  it('excludes everything under a matched directory', () => {
    expect(ignored('instance/', 'instance/db.sqlite')).toBe(true);
    expect(ignored('.git', '.git/objects/ab/cd')).toBe(true);
  });

  it('lets the last matching line win, with ! re-including', () => {
    expect(ignored('*.md\n!README.md', 'README.md')).toBe(false);
    expect(ignored('!README.md\n*.md', 'README.md')).toBe(true);
  });

  it('does not let * cross a slash', () => {
    expect(matchSegment('*.pyc', 'x.pyc')).toBe(true);
    expect(ignored('*.pyc', 'app/x.pyc')).toBe(false);
    expect(ignored('app/*.pyc', 'app/x.pyc')).toBe(true);
  });

  it('supports ? and character classes, and skips comments', () => {
    expect(ignored('# .env\nfile?.txt', 'file1.txt')).toBe(true);
    expect(ignored('[a-c].txt', 'b.txt')).toBe(true);
    expect(ignored('[a-c].txt', 'd.txt')).toBe(false);
    expect(ignored('# .env', '.env')).toBe(false);
  });
});
