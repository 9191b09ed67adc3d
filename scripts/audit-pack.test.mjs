// The packed `flask-deploy-audit` bin as someone else's CI gets it: `npm pack` (which bundles
// the CLI in `prepack`), install the tarball in an unrelated folder, run the bin with a Node 20
// on a sample bundle. Node 20 is the oldest release package.json's engines allows; the
// project's own scripts run Node 22, so this test looks for a separate Node 20 (FDL_NODE20,
// /usr/bin/node, or `node` on PATH outside this project). Without one it is skipped with a
// reason, and fails when CI=true.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function nodeMajor(binary) {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  const match = /^v(\d+)\./.exec(result.stdout ?? '');
  return match ? Number(match[1]) : null;
}

function findNode20() {
  const pathDirs = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir !== '' && !path.resolve(dir).startsWith(root));
  const candidates = [
    process.env.FDL_NODE20,
    '/usr/bin/node',
    ...pathDirs.map((dir) => path.join(dir, 'node')),
  ].filter((candidate) => candidate !== undefined && candidate !== '' && existsSync(candidate));
  return candidates.find((candidate) => nodeMajor(candidate) === 20) ?? null;
}

const node20 = findNode20();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const reason = 'no Node 20 found (set FDL_NODE20, or install Debian’s nodejs as /usr/bin/node)';
if (node20 === null) {
  if (process.env.CI === 'true') throw new Error(`audit-pack test: ${reason}`);
  console.log(`skipping the npm pack test: ${reason}`);
}

describe.skipIf(node20 === null)('npm pack: the flask-deploy-audit bin', () => {
  it('installs from the tarball into an unrelated folder and runs on Node 20', () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'fdl-audit-pack-'));
    const packDir = path.join(work, 'pack');
    const elsewhere = path.join(work, 'elsewhere');
    mkdirSync(packDir);
    cpSync(
      path.join(root, 'src', 'training', 'audit-samples', 'compose-nginx'),
      path.join(elsewhere, 'deploy'),
      {
        recursive: true,
      },
    );
    const packed = spawnSync(npm, ['pack', '--silent', '--pack-destination', packDir], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = readdirSync(packDir).find((name) => name.endsWith('.tgz'));
    expect(tarball).toBeDefined();

    writeFileSync(
      path.join(elsewhere, 'package.json'),
      '{ "name": "someone-else", "private": true }\n',
    );
    const installed = spawnSync(
      npm,
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        path.join(packDir, tarball),
      ],
      { cwd: elsewhere, encoding: 'utf8' },
    );
    expect(installed.status, installed.stderr).toBe(0);

    // The bundled parsers' licences travel with the bin.
    const licences = readFileSync(
      path.join(
        elsewhere,
        'node_modules',
        'flask-deploy-lab',
        'dist-cli',
        'THIRD-PARTY-LICENSES.txt',
      ),
      'utf8',
    );
    expect(licences).toMatch(/^yaml@\S+ \(ISC\)$/m);

    // The bin as npm links it, with Node 20 first on PATH so its `#!/usr/bin/env node` finds it.
    const bin = path.join(elsewhere, 'node_modules', '.bin', 'flask-deploy-audit');
    const env = {
      ...process.env,
      PATH: `${path.dirname(node20)}${path.delimiter}${process.env.PATH ?? ''}`,
      FDL_SITE: '',
    };
    const version = spawnSync('node', ['--version'], { cwd: elsewhere, env, encoding: 'utf8' });
    expect(version.stdout).toMatch(/^v20\./);

    const json = spawnSync(bin, ['--format', 'json', 'deploy'], {
      cwd: elsewhere,
      env,
      encoding: 'utf8',
    });
    expect(json.status, json.stderr).toBe(1);
    const rows = JSON.parse(json.stdout);
    expect(rows.some((row) => row.level === 'error' && row.file.startsWith('deploy/'))).toBe(true);

    const usage = spawnSync(bin, ['--format', 'xml', 'deploy'], {
      cwd: elsewhere,
      env,
      encoding: 'utf8',
    });
    expect(usage.status).toBe(2);
    const quiet = spawnSync(node20, [bin, 'deploy/requirements.txt'], {
      cwd: elsewhere,
      encoding: 'utf8',
    });
    expect(quiet.status, quiet.stderr).toBe(0);
  });
});
