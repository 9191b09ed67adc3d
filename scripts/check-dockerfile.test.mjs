// Runs the CLI as CI would: a real child process on the project's Node 22.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const cli = path.join(root, 'scripts', 'check-dockerfile.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'fdl-check-dockerfile-'));

function write(name, text) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function run(...args) {
  const result = spawnSync(node, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FDL_SITE: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const broken = write(
  'Dockerfile.broken',
  'FROM python:3.12-slim\nCOPY . .\nCMD gunicorn app:app\n',
);
const clean = write(
  'Dockerfile.clean',
  [
    'FROM python:3.12-slim',
    'ENV PYTHONUNBUFFERED=1',
    'RUN useradd --create-home --uid 10001 appuser',
    'COPY --chown=appuser:appuser app.py .',
    'USER appuser',
    'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
    '',
  ].join('\n'),
);
const ignore = write('dockerignore', '.git\n.env\n');

describe('check:dockerfile CLI', () => {
  it('exits 1 and lists findings as text when an error-level rule fires', () => {
    const { code, stdout } = run(broken);
    expect(code).toBe(1);
    expect(stdout).toMatch(/Dockerfile\.broken:3:1: error shell-form-cmd: /);
    expect(stdout).toMatch(/fix: /);
  });

  it('exits 0 when only warnings and info remain', () => {
    const { code, stdout } = run('--format', 'json', clean);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout);
    expect(rows.every((r) => r.level !== 'error')).toBe(true);
    expect(rows.map((r) => r.code)).toContain('healthcheck-missing');
  });

  it('prints hadolint-shaped JSON', () => {
    const { stdout } = run('--format=json', broken);
    const rows = JSON.parse(stdout);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(Object.keys(row).sort()).toEqual([
        'code',
        'column',
        'file',
        'level',
        'line',
        'message',
      ]);
    expect(rows).toContainEqual(
      expect.objectContaining({ file: broken, line: 3, code: 'shell-form-cmd', level: 'error' }),
    );
  });

  it('prints SARIF 2.1.0 with rule descriptors and locations', () => {
    const { stdout, code } = run('--format', 'sarif', broken);
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe('2.1.0');
    const run0 = sarif.runs[0];
    const result = run0.results.find((r) => r.ruleId === 'shell-form-cmd');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.region.startLine).toBe(3);
    expect(run0.tool.driver.rules[result.ruleIndex].id).toBe('shell-form-cmd');
    expect(run0.results.find((r) => r.ruleId === 'python-unbuffered').level).toBe('note');
  });

  it('checks a .dockerignore and names it in findings', () => {
    const { stdout } = run('--format', 'json', '--dockerignore', ignore, broken);
    const rows = JSON.parse(stdout);
    expect(rows).toContainEqual(
      expect.objectContaining({ file: ignore, code: 'dockerignore-incomplete' }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({ file: ignore, line: 2, code: 'dockerignore-root-anchored' }),
    );
    expect(rows.map((r) => r.code)).not.toContain('dockerignore-missing');
  });

  it('leaves suppressed findings out of JSON and out of the exit code', () => {
    const suppressed = write(
      'Dockerfile.suppressed',
      'FROM python:3.12-slim\n# flask-lab-ignore: shell-form-cmd, gunicorn-bind-default -- demo image\nCMD gunicorn app:app\nUSER 10001\n',
    );
    const json = JSON.parse(run('--format', 'json', suppressed).stdout);
    expect(json.map((r) => r.code)).not.toContain('shell-form-cmd');
    const text = run(suppressed);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /shell-form-cmd \[suppressed by flask-lab-ignore: shell-form-cmd\]/,
    );
  });

  it('exits 2 on usage errors and unreadable files', () => {
    expect(run().code).toBe(2);
    expect(run('--format', 'xml', broken).code).toBe(2);
    expect(run('--bogus', broken).code).toBe(2);
    expect(run(broken, clean).code).toBe(2);
    const missing = run(path.join(dir, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/does not exist/);
    expect(run('--dockerignore', path.join(dir, 'nope'), broken).code).toBe(2);
  });

  it('never crashes on binary input', () => {
    const junk = write('junk', Buffer.from([0, 1, 2, 255, 254, 0, 10, 13]));
    const { code, stdout } = run('--format', 'json', junk);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)[0].message).toMatch(/binary/);
  });
});

describe('check:dockerfile CLI on hostile files', () => {
  it('says where invalid UTF-8 starts (byte offset) and still checks the file', () => {
    const latin1 = write(
      'Dockerfile.latin1',
      Buffer.concat([
        Buffer.from('FROM python:3.12-slim\nLABEL a="caf'),
        Buffer.from([0xe9]),
        Buffer.from('"\n'),
      ]),
    );
    const { code, stderr, stdout } = run('--format', 'json', latin1);
    expect(stderr).toMatch(/is not valid UTF-8: the first invalid byte is at offset 34 \(0xe9\)/);
    expect(code).toBe(1);
    expect(Array.isArray(JSON.parse(stdout))).toBe(true);
  });

  it('refuses a binary .dockerignore like a binary Dockerfile', () => {
    const junk = write('dockerignore.bin', Buffer.from([0, 1, 2, 3, 0, 0, 10, 0, 255]));
    const { code, stdout } = run('--format', 'json', '--dockerignore', junk, clean);
    expect(code).toBe(1);
    const rows = JSON.parse(stdout);
    expect(rows).toContainEqual(
      expect.objectContaining({ file: junk, code: 'parse-error', level: 'error' }),
    );
    expect(rows.find((r) => r.file === junk).message).toMatch(/binary data/);
    expect(rows.map((r) => r.code)).not.toContain('dockerignore-missing');
  });

  it('exits 2 with "the file is larger than" for a Dockerfile or .dockerignore over the limit', () => {
    const big = write('big', Buffer.alloc(5 * 1024 * 1024, 0x23)); // 5 MB of '#'
    for (const args of [[big], ['--dockerignore', big, clean]]) {
      const { code, stderr, stdout } = run(...args);
      expect(code).toBe(2);
      expect(stderr).toMatch(/the file is larger than 4 MB \(.*big is 5\.0 MB\)/);
      expect(stdout).toBe('');
    }
  });

  it('turns EISDIR and ENOENT into sentences', () => {
    const isDir = run(dir);
    expect(isDir.code).toBe(2);
    expect(isDir.stderr).toMatch(/is a directory; give the Dockerfile inside it/);
    expect(isDir.stderr).not.toMatch(/EISDIR/);
    const missing = run(path.join(dir, 'nope'));
    expect(missing.stderr).toMatch(/nope does not exist \(check the path\)/);
    expect(missing.stderr).not.toMatch(/ENOENT/);
  });

  it('checks an ARG chain that doubles a value 29 times with small output', () => {
    let text = 'ARG A0=3.12-slim\n';
    for (let k = 1; k <= 29; k += 1) text += `ARG A${k}=\${A${k - 1}}\${A${k - 1}}\n`;
    const bomb = write('Dockerfile.bomb', `${text}FROM python:\${A29}\n`);
    const { code, stdout } = run('--format', 'json', bomb);
    expect(code).toBe(1);
    expect(stdout.length).toBeLessThan(50_000);
    expect(JSON.parse(stdout).map((r) => r.code)).toContain('expansion-too-long');
  });
});
