/**
 * Every code block a chapter shows must work when a reader copies it. This test extracts each
 * fenced block from content/chapters/*.mdx and checks it with the real tool where one exists:
 * Python through `py_compile`, nginx through `nginx -t` on a wrapper config, JSON / YAML / TOML
 * through their parsers. Dockerfile blocks go through the site's own Dockerfile checker
 * (src/sim/dockerfile): the recommended image must pass it, and a counter-example whose first
 * line is `# wrong (rule-code, …)` must draw those rules' errors.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { findNginx, makeSelfSignedCertificate } from '../../scripts/nginx-example.mjs';
import { parseAllDocuments } from 'yaml';
import { checkDockerfile } from '../sim/dockerfile';

const chaptersDir = fileURLToPath(new URL('../../content/chapters/', import.meta.url));

interface CodeBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
}

/** Splits a Markdown/MDX source into its fenced code blocks (``` or ~~~, any length ≥ 3). */
function extractCodeBlocks(file: string, source: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = source.split('\n');
  let open: { fence: string; lang: string; line: number; body: string[] } | null = null;
  for (const [index, text] of lines.entries()) {
    if (open === null) {
      const start = /^\s*(`{3,}|~{3,})\s*([\w+#.-]*)/.exec(text);
      if (start) {
        open = { fence: start[1] ?? '```', lang: start[2] ?? '', line: index + 1, body: [] };
      }
      continue;
    }
    const closing = /^\s*(`{3,}|~{3,})\s*$/.exec(text)?.[1];
    if (closing?.startsWith(open.fence[0] ?? '`') === true && closing.length >= open.fence.length) {
      const lang = open.lang.toLowerCase();
      blocks.push({ file, line: open.line, lang, code: open.body.join('\n') });
      open = null;
      continue;
    }
    open.body.push(text);
  }
  if (open !== null) throw new Error(`${file}:${open.line}: code fence is never closed`);
  return blocks;
}

function readChapterBlocks(): CodeBlock[] {
  const files = existsSync(chaptersDir)
    ? readdirSync(chaptersDir).filter((name) => /^\d\d-.+\.mdx$/.test(name))
    : [];
  return files
    .sort()
    .flatMap((name) => extractCodeBlocks(name, readFileSync(join(chaptersDir, name), 'utf8')));
}

const blocks = readChapterBlocks();
const byLang = (...langs: string[]): CodeBlock[] => blocks.filter((b) => langs.includes(b.lang));
const label = (b: CodeBlock): string => `${b.file}:${b.line} (${b.lang})`;
const scratch = mkdtempSync(join(tmpdir(), 'fdl-code-blocks-'));

/** The interpreter that compiles Python blocks: Debian's, else whatever `python3` is on PATH. */
function findPython(): string | null {
  if (existsSync('/usr/bin/python3')) return '/usr/bin/python3';
  const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? 'python3' : null;
}

describe('chapter code blocks', () => {
  it('finds the code examples the chapters promise', () => {
    // The guide's copy-ready configuration: if one of these kinds disappears, a chapter lost it.
    for (const lang of ['python', 'nginx', 'dockerfile', 'json', 'yaml', 'sh']) {
      expect(byLang(lang).length, `no \`${lang}\` block in any chapter`).toBeGreaterThan(0);
    }
  });

  it('gives every block a language tag', () => {
    const untagged = blocks.filter((b) => b.lang === '').map(label);
    expect(untagged).toEqual([]);
  });

  it('starts every terminal command with a "$ " prompt (the copy button strips it)', () => {
    for (const block of byLang('sh', 'shell', 'bash', 'console')) {
      const first = block.code.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#'));
      expect(first?.startsWith('$ '), `${label(block)} first command lacks "$ "`).toBe(true);
    }
  });
});

describe('python blocks compile', () => {
  const python = findPython();
  const pythonBlocks = byLang('python', 'py');
  it
    .skipIf(python === null || pythonBlocks.length === 0)
    .each(pythonBlocks.map((b) => [label(b), b]))('%s', (_name, block) => {
    const path = join(scratch, `block_${block.file.replace(/\W/g, '_')}_${block.line}.py`);
    writeFileSync(path, `${block.code}\n`);
    const result = spawnSync(python ?? 'python3', ['-m', 'py_compile', path], { encoding: 'utf8' });
    expect(result.status, `${label(block)}\n${result.stderr}`).toBe(0);
  });
  it('has a Python interpreter (required in CI)', () => {
    if (python === null && process.env['CI'] === undefined) {
      console.log('code-blocks: skipping Python checks, no python3 found');
      return;
    }
    expect(python).not.toBeNull();
  });
});

/**
 * Puts an nginx snippet into the context it belongs to. A `server` / `upstream` / `map` block
 * goes into `http {}`, a `location` block into a `server {}`, bare directives into a location.
 * Logs, pid and temp paths go under the scratch folder so the check needs no root-owned paths.
 */
function wrapNginx(snippet: string, dir: string): string {
  const tmp = (name: string): string => join(dir, name);
  const httpLevel = /^(server|upstream|map|geo|limit_req_zone|proxy_cache_path)\b/m.test(snippet);
  const serverLevel = /^location\b/m.test(snippet);
  const inner = httpLevel
    ? snippet
    : serverLevel
      ? `server {\n listen 127.0.0.1:18080;\n${snippet}\n}`
      : `server {\n listen 127.0.0.1:18080;\n location / {\n${snippet}\n }\n}`;
  return [
    `pid ${tmp('nginx.pid')};`,
    `error_log ${tmp('error.log')};`,
    'events {}',
    'http {',
    ` access_log ${tmp('access.log')};`,
    ` client_body_temp_path ${tmp('body')};`,
    ` proxy_temp_path ${tmp('proxy')};`,
    ` fastcgi_temp_path ${tmp('fastcgi')};`,
    ` uwsgi_temp_path ${tmp('uwsgi')};`,
    ` scgi_temp_path ${tmp('scgi')};`,
    inner,
    '}',
    '',
  ].join('\n');
}

/**
 * `nginx -t` loads TLS key pairs, so a server block that names certificate files would fail on a
 * machine without them. Those paths (and only those) are pointed at a throwaway self-signed pair.
 */
function substituteCertificates(snippet: string, dir: string): string | null {
  if (!/^\s*ssl_certificate(_key)?\s/m.test(snippet)) return snippet;
  let cert = join(dir, 'cert.pem');
  let key = join(dir, 'key.pem');
  if (!existsSync(cert)) {
    try {
      ({ cert, key } = makeSelfSignedCertificate(dir));
    } catch {
      return null;
    }
  }
  return snippet
    .replace(/^(\s*ssl_certificate)\s+[^;]+;/gm, `$1 ${cert};`)
    .replace(/^(\s*ssl_certificate_key)\s+[^;]+;/gm, `$1 ${key};`);
}

describe('nginx blocks pass nginx -t', () => {
  const nginx = findNginx();
  const nginxBlocks = byLang('nginx');
  if (nginx === null) {
    const reason = 'nginx is not installed (Debian: apt-get install nginx-light)';
    if (process.env['CI'] !== undefined) {
      it('has nginx (required in CI)', () => {
        expect.fail(reason);
      });
    } else {
      console.log(`code-blocks: skipping nginx checks, ${reason}`);
      it.skip(`nginx checks: ${reason}`, () => undefined);
    }
    return;
  }
  it.each(nginxBlocks.map((b) => [label(b), b]))('%s', (_name, block) => {
    const dir = join(scratch, `nginx_${block.file.replace(/\W/g, '_')}_${block.line}`);
    mkdirSync(dir, { recursive: true });
    const snippet = substituteCertificates(block.code, dir);
    if (snippet === null) {
      console.log(`code-blocks: ${label(block)} needs a certificate and openssl is missing`);
      return;
    }
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, wrapNginx(snippet, dir));
    let output = '';
    try {
      output = execFileSync(nginx, ['-t', '-p', `${dir}/`, '-c', conf], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error: unknown) {
      const stderr = (error as { stderr?: string }).stderr ?? String(error);
      expect.fail(
        `${label(block)} failed nginx -t:\n${stderr}\n--- config ---\n${readFileSync(conf, 'utf8')}`,
      );
    }
    expect(output).toBe('');
  });
});

describe('data blocks parse', () => {
  it.each(byLang('json').map((b) => [label(b), b]))('%s', (_name, block) => {
    expect(() => JSON.parse(block.code) as unknown).not.toThrow();
  });
  it.each(byLang('yaml', 'yml').map((b) => [label(b), b]))('%s', (_name, block) => {
    const docs = parseAllDocuments(block.code);
    const list = Array.isArray(docs) ? docs : [docs];
    const errors = list.flatMap((d) => d.errors.map((e) => e.message));
    expect(errors, label(block)).toEqual([]);
    expect(list.length).toBeGreaterThan(0);
  });
  it.each(byLang('toml').map((b) => [label(b), b]))('%s', (_name, block) => {
    expect(() => parseToml(block.code)).not.toThrow();
  });
});

/** The `.dockerignore` a chapter shows next to its Dockerfile: a `text` block headed `# .dockerignore`. */
function dockerignoreOf(file: string): string | undefined {
  const block = blocks.find(
    (b) => b.file === file && b.lang === 'text' && b.code.startsWith('# .dockerignore'),
  );
  return block?.code;
}

describe('dockerfile blocks', () => {
  it.each(byLang('dockerfile', 'docker').map((b) => [label(b), b]))('%s', (_name, block) => {
    const instructions = block.code
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(instructions.length, `${label(block)} is empty`).toBeGreaterThan(0);
    const firstLine = block.code.trimStart().split('\n')[0] ?? '';
    const findings = checkDockerfile(block.code, { dockerignore: dockerignoreOf(block.file) });
    const summary = findings.map((f) => `${f.level} ${f.code} (line ${f.line}): ${f.message}`);
    const wrong = /^# wrong \(([a-z0-9-]+(?:, *[a-z0-9-]+)*)\)/.exec(firstLine);
    if (wrong) {
      // A counter-example names the checker rules it breaks; the checker must agree, or the
      // chapter and the checker contradict each other.
      const codes = findings.filter((f) => f.level === 'error').map((f) => f.code);
      for (const code of (wrong[1] ?? '').split(',').map((c) => c.trim())) {
        expect(codes, `${label(block)} should break ${code}`).toContain(code);
      }
    } else if (!firstLine.startsWith('# excerpt')) {
      // A whole Dockerfile the guide recommends: starts with FROM (or ARG) and draws no error or
      // warning from the checker, given the chapter's own .dockerignore.
      expect(instructions[0]).toMatch(/^(FROM|ARG)\b/i);
      const serious = summary.filter((line) => !line.startsWith('info '));
      expect(serious, label(block)).toEqual([]);
    }
  });
});
