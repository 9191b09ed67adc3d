// Runs the audit CLI as CI would: a real child process on the project's Node 22, on the
// sample bundles and on hostile folders, and validates its SARIF against the SARIF 2.1.0 schema.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The SARIF 2.1.0 schema is JSON Schema draft-04.
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const cli = path.join(root, 'scripts', 'audit.mjs');
const samples = path.join(root, 'src', 'training', 'audit-samples');
const dir = mkdtempSync(path.join(os.tmpdir(), 'fdl-audit-cli-'));
// Most cases run the bin bundle (built once, as `npm pack` builds it); the first case runs
// `scripts/audit.mjs`, the npm script, which bundles the same entry in memory on every run.
const bundle = path.join(dir, 'flask-deploy-audit.mjs');
const built = spawnSync(
  node,
  [path.join(root, 'scripts', 'build-audit-cli.mjs'), `--outfile=${bundle}`],
  {
    cwd: root,
    encoding: 'utf8',
  },
);
if (built.status !== 0) throw new Error(`bundling the CLI failed: ${built.stderr}`);

function write(name, content) {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

function run(args, input, entry = bundle) {
  const result = spawnSync(node, [entry, ...args], {
    cwd: root,
    encoding: 'utf8',
    input,
    env: { ...process.env, FDL_SITE: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ecs = path.join('src', 'training', 'audit-samples', 'ecs-fargate-alb');

describe('audit CLI', () => {
  it('exits 1 on an error-level finding and names file and line in text', () => {
    const { code, stdout } = run([ecs], undefined, cli);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^src\/training\/audit-samples\/ecs-fargate-alb\/\S+:\d+:\d+: error /m);
    expect(stdout).toMatch(/^ {4}fails: /m);
    expect(stdout).toMatch(/^ {4}see: .*https:\/\//m);
    expect(stdout).toMatch(/error\(s\), \d+ warning\(s\), \d+ info\n$/);
  });

  it('prints JSON rows with related locations, and the sample bundles each have cross-file findings', () => {
    for (const bundle of ['ecs-fargate-alb', 'kubernetes-nginx-ingress', 'compose-nginx']) {
      const { code, stdout } = run(['--format', 'json', path.join(samples, bundle)]);
      expect(code).toBe(1);
      const rows = JSON.parse(stdout);
      for (const row of rows) {
        expect(Object.keys(row).sort()).toEqual([
          'code',
          'column',
          'file',
          'level',
          'line',
          'message',
          'related',
        ]);
        expect(row.file.startsWith(path.join(samples, bundle))).toBe(true);
      }
      const crossFile = rows.filter((row) => row.related.some((r) => r.file !== row.file));
      expect(crossFile.length, `${bundle} has a cross-file finding`).toBeGreaterThan(0);
    }
  });

  it('prints SARIF that validates against the SARIF 2.1.0 schema, with relatedLocations and helpUri', () => {
    const { code, stdout } = run(['--format=sarif', ecs]);
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    const schema = JSON.parse(
      readFileSync(
        require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'),
        'utf8',
      ),
    );
    // unicodeRegExp off: the schema's `language` pattern has a stray `]` that only non-Unicode
    // regular expressions accept (as every draft-04 validator compiles it).
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const run0 = sarif.runs[0];
    expect(run0.results.length).toBeGreaterThan(0);
    for (const result of run0.results) {
      const rule = run0.tool.driver.rules[result.ruleIndex];
      expect(rule.id).toBe(result.ruleId);
      expect(rule.helpUri).toMatch(/^https:\/\//);
    }
    expect(run0.results.some((r) => (r.relatedLocations ?? []).length > 0)).toBe(true);
  });

  it('exits 0 when no error-level finding remains', () => {
    const folder = path.join(dir, 'quiet');
    write('quiet/requirements.txt', 'Flask==3.1.2\n');
    write('quiet/README.md', '# nothing to audit here\n');
    const { code, stdout } = run(['--format', 'json', folder]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).every((row) => row.level !== 'error')).toBe(true);
  });

  it('walks folders but skips node_modules, .git and binary files, and reads standard input', () => {
    const folder = path.join(dir, 'walk');
    const dockerfile = 'FROM python:3.12-slim\nCMD gunicorn app:app\n';
    write('walk/node_modules/pkg/Dockerfile', dockerfile);
    write('walk/.git/Dockerfile', dockerfile);
    write('walk/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    write('walk/deploy/Dockerfile', dockerfile);
    const { code, stdout, stderr } = run(['--format', 'json', folder]);
    expect(code).toBe(1);
    const files = new Set(JSON.parse(stdout).map((row) => row.file));
    expect([...files]).toEqual([path.join(folder, 'deploy', 'Dockerfile')]);
    expect(stderr).toMatch(/skipped .*logo\.png: binary/);
    const piped = run(['--format', 'json', '-'], dockerfile);
    expect(piped.code).toBe(1);
    expect(JSON.parse(piped.stdout)[0].file).toBe('<stdin>');
  });

  it('gives a named binary or oversized file a notice instead of crashing', () => {
    const junk = write('junk.bin', Buffer.from([0, 1, 2, 255, 254, 0, 10, 13]));
    const big = write('big.yaml', `a: ${'x'.repeat(1_100_000)}\n`);
    const { code, stdout } = run([junk, big]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/junk\.bin(, \S+)*: not audited: /);
    expect(stdout).toMatch(/big\.yaml(, \S+)*: not audited: /);
  });

  it('exits 2 on usage errors and unreadable paths', () => {
    expect(run([]).code).toBe(2);
    expect(run(['--format', 'xml', ecs]).code).toBe(2);
    expect(run(['--bogus', ecs]).code).toBe(2);
    expect(run(['--max-connections', 'lots', ecs]).code).toBe(2);
    expect(run(['--replicas=-3', ecs]).code).toBe(2);
    const missing = run([path.join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope: ENOENT/);
    expect(run(['--help']).code).toBe(0);
  });
});
