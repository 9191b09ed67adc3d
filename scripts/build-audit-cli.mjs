// Bundles the deployment audit's CLI into one self-contained ESM file for Node 20+:
// dist-cli/flask-deploy-audit.mjs, the `flask-deploy-audit` bin that `npm pack` ships
// (this runs as `prepack`). No runtime dependency: the YAML and Python parsers are inside.
import { build } from 'esbuild';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
// `--outfile PATH` builds elsewhere (the CLI tests bundle once into a temporary folder).
const outfileArg = process.argv.find((arg) => arg.startsWith('--outfile='))?.slice(10);
const outdir = path.join(root, 'dist-cli');
const outfile = outfileArg ? path.resolve(outfileArg) : path.join(outdir, 'flask-deploy-audit.mjs');

if (!outfileArg) rmSync(outdir, { recursive: true, force: true });
const result = await build({
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
  metafile: true,
});
chmodSync(outfile, 0o755);

// The bundle carries other packages' code: ship their licences beside it.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packages.set(match[1], true);
}
const notices = [...packages.keys()].sort().map((dir) => {
  const full = path.join(root, dir);
  const meta = JSON.parse(readFileSync(path.join(full, 'package.json'), 'utf8'));
  const licenceFile = existsSync(full)
    ? readdirSync(full).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name))
    : undefined;
  const text = licenceFile ? readFileSync(path.join(full, licenceFile), 'utf8').trim() : '';
  return `${meta.name}@${meta.version} (${meta.license ?? 'see package'})\n\n${text}`;
});
writeFileSync(
  path.join(path.dirname(outfile), 'THIRD-PARTY-LICENSES.txt'),
  `flask-deploy-audit bundles these packages:\n\n${notices.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`,
);
console.log(`built ${path.relative(root, outfile)}`);
