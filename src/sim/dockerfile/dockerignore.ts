/**
 * `.dockerignore` matching with Docker's semantics (Docker docs "Dockerfile reference →
 * .dockerignore file"; moby/patternmatcher; docs/dockerfile-checker.md):
 *
 * - patterns are cleaned (`filepath.Clean`) and matched from the context root: `.env` matches
 *   only `./.env`, never `app/.env`;
 * - Go `filepath.Match` syntax (`*`, `?`, `[…]`) where `*` does not cross `/`, plus `**`, which
 *   matches any number of directories (including none);
 * - a pattern also excludes everything below a matched directory;
 * - `!pattern` re-includes; the last matching line wins;
 * - lines starting with `#` are comments; blank lines are ignored.
 *
 * Patterns are compiled to a small token list and matched by an iterative two-pointer
 * algorithm with back-tracking limited to the last star, so the cost stays linear-ish for any
 * input (no regular expressions built from user text).
 */

export interface IgnorePattern {
  readonly line: number;
  readonly raw: string;
  readonly pattern: string;
  readonly exclusion: boolean;
  readonly segments: readonly string[];
}

export function parseDockerignore(text: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    let exclusion = false;
    if (line.startsWith('!')) {
      exclusion = true;
      line = line.slice(1).trim();
    }
    const pattern = cleanPath(line);
    if (pattern === '') return;
    patterns.push({
      line: index + 1,
      raw,
      pattern,
      exclusion,
      segments: pattern.split('/'),
    });
  });
  return patterns;
}

/** A minimal `filepath.Clean` for relative patterns: drops `./`, leading `/`, duplicate slashes. */
export function cleanPath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out.join('/');
}

/** Go `filepath.Match` for one path segment (no `/` inside). */
export function matchSegment(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let starP = -1;
  let starN = 0;
  while (n < name.length) {
    if (p < pattern.length) {
      const ch = pattern[p]!;
      if (ch === '*') {
        starP = p;
        starN = n;
        p += 1;
        continue;
      }
      if (ch === '?') {
        p += 1;
        n += 1;
        continue;
      }
      if (ch === '[') {
        const close = pattern.indexOf(']', p + 2);
        if (close > p) {
          if (matchClass(pattern.slice(p + 1, close), name[n]!)) {
            p = close + 1;
            n += 1;
            continue;
          }
        } else if (name[n] === '[') {
          p += 1;
          n += 1;
          continue;
        }
      } else if (ch === '\\' && p + 1 < pattern.length) {
        if (pattern[p + 1] === name[n]) {
          p += 2;
          n += 1;
          continue;
        }
      } else if (ch === name[n]) {
        p += 1;
        n += 1;
        continue;
      }
    }
    if (starP >= 0) {
      p = starP + 1;
      starN += 1;
      n = starN;
      continue;
    }
    return false;
  }
  while (p < pattern.length && pattern[p] === '*') p += 1;
  return p === pattern.length;
}

function matchClass(body: string, ch: string): boolean {
  let negate = false;
  let k = 0;
  if (body[0] === '^' || body[0] === '!') {
    negate = true;
    k = 1;
  }
  let hit = false;
  for (; k < body.length; k += 1) {
    const lo = body[k]!;
    if (body[k + 1] === '-' && k + 2 < body.length) {
      const hi = body[k + 2]!;
      if (ch >= lo && ch <= hi) hit = true;
      k += 2;
    } else if (lo === ch) hit = true;
  }
  return hit !== negate;
}

/**
 * Does a pattern match this path or one of its parent directories? `**` segments match zero or
 * more path segments. Uses memoised dynamic programming over (pattern segment, path segment).
 */
export function patternMatches(segments: readonly string[], path: string): boolean {
  const parts = cleanPath(path).split('/');
  // A pattern matching a parent directory excludes everything below it.
  for (let depth = 1; depth <= parts.length; depth += 1) {
    if (matchSegments(segments, parts.slice(0, depth))) return true;
  }
  return false;
}

function matchSegments(pattern: readonly string[], parts: readonly string[]): boolean {
  // reach[j] = pattern prefix matched so far can be followed by parts[j..].
  let reach = new Array<boolean>(parts.length + 1).fill(false);
  reach[0] = true;
  for (const segment of pattern) {
    const next = new Array<boolean>(parts.length + 1).fill(false);
    if (segment === '**') {
      let any = false;
      for (let j = 0; j <= parts.length; j += 1) {
        any = any || reach[j]!;
        next[j] = any;
      }
    } else {
      for (let j = 0; j < parts.length; j += 1) {
        if (reach[j] && matchSegment(segment, parts[j]!)) next[j + 1] = true;
      }
    }
    reach = next;
  }
  return reach[parts.length]!;
}

/** Is this context path excluded? The last matching pattern decides. */
export function isIgnored(patterns: readonly IgnorePattern[], path: string): boolean {
  let ignored = false;
  for (const pattern of patterns) {
    if (patternMatches(pattern.segments, path)) ignored = !pattern.exclusion;
  }
  return ignored;
}

/**
 * Names that turn up in every directory of a project: a pattern naming them without a `/` or
 * `**` only excludes the copy at the context root.
 */
export const ANYWHERE_NAMES: readonly string[] = [
  '__pycache__',
  '.env',
  '.env.*',
  '*.pyc',
  '*.pyo',
  '*.pem',
  '.DS_Store',
  'node_modules',
  '.mypy_cache',
  '.ruff_cache',
];

/**
 * Paths the guide says must never reach the image (§5), each with sample paths to test, the
 * line to add, and whether the danger also exists in subdirectories.
 */
export interface RequiredExclusion {
  readonly label: string;
  /** Sample context paths: all must be excluded. */
  readonly probes: readonly string[];
  readonly suggestion: string;
}

export const REQUIRED_EXCLUSIONS: readonly RequiredExclusion[] = [
  { label: '.git', probes: ['.git/config'], suggestion: '.git' },
  { label: '.env', probes: ['.env'], suggestion: '**/.env' },
  { label: '.env.*', probes: ['.env.production', '.env.local'], suggestion: '**/.env.*' },
  { label: 'instance/', probes: ['instance/config.py'], suggestion: 'instance/' },
  { label: '.venv', probes: ['.venv/bin/python'], suggestion: '.venv/' },
  { label: 'venv', probes: ['venv/bin/python'], suggestion: 'venv/' },
  {
    label: '__pycache__',
    probes: ['__pycache__/app.cpython-312.pyc'],
    suggestion: '**/__pycache__',
  },
  { label: '*.pyc', probes: ['models.pyc'], suggestion: '**/*.pyc' },
  { label: 'tests/', probes: ['tests/test_app.py'], suggestion: 'tests/' },
];

/** The guide's .dockerignore (§5), with `**` where names can appear in any directory. */
export const GUIDE_DOCKERIGNORE: readonly string[] = [
  '.git',
  '.gitignore',
  '**/__pycache__',
  '**/*.pyc',
  '.venv/',
  'venv/',
  '**/.env',
  '**/.env.*',
  'instance/',
  'tests/',
  '.pytest_cache/',
  '*.md',
  'Dockerfile',
  '.dockerignore',
];
