// Bundles the deployment audit's CLI into one self-contained ESM file for Node 20+:
// dist-cli/flask-deploy-audit.mjs, the `flask-deploy-audit` bin that `npm pack` ships
// (this runs as `prepack`). No runtime dependency: the YAML and Python parsers are inside.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
// `--outfile PATH` builds elsewhere (the CLI tests bundle once into a temporary folder).
const outfileArg = process.argv.find((arg) => arg.startsWith('--outfile='))?.slice(10);
const outdir = path.join(root, 'dist-cli');
const outfile = outfileArg ? path.resolve(outfileArg) : path.join(outdir, 'flask-deploy-audit.mjs');

if (!outfileArg) rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'scripts/audit-bin.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile,
  // A CommonJS dependency's require('process') needs a real require in an ESM bundle.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __fdlCreateRequire } from 'node:module'; const require = __fdlCreateRequire(import.meta.url);",
  },
  define: { FDL_VERSION: JSON.stringify(version) },
  legalComments: 'eof',
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
console.log(`built ${path.relative(root, outfile)}`);
