// Helpers shared by the project's Node scripts (build, serve, test, bench). Plain ESM that
// runs on the project's Node 22 (npm scripts put node_modules/.bin/node first on PATH).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** The environment every child gets: no Astro telemetry, project binaries first on PATH. */
export function childEnv(extra = {}) {
  return {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    ...extra,
  };
}

/** Run a command, streaming its output; resolves with the exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: childEnv(options.env),
      ...options.spawn,
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      resolve(127);
    });
  });
}

/** The site's build folder; FDL_DIST overrides it (helpers build elsewhere in parallel). */
export function distDir() {
  return path.resolve(root, process.env.FDL_DIST ?? 'dist');
}

export function assertNode22() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    console.error(
      `This script needs Node 22+ (running ${process.version}). Run it through npm ("npm run …"), ` +
        'which uses the Node 22 that "npm install" brought into node_modules/.bin.',
    );
    process.exit(1);
  }
}

export const hasFile = (p) => existsSync(p);
