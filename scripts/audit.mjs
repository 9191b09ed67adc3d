// `npm run --silent audit -- [--format text|json|sarif] PATH…`
//
// The deployment audit from the command line (scripts/audit-cli.ts, which calls src/sim/audit):
// esbuild bundles it in memory and it is imported from a data: URL, so the CLI, the packed
// `flask-deploy-audit` bin and the /audit/ page run exactly the same rules.
// Exit codes: 0 no error-level finding, 1 at least one, 2 usage error or unreadable PATH.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Bundled CommonJS code (yaml's Node build) calls require() for Node built-ins only.
const REQUIRE_SHIM =
  "import { createRequire as __fdlCreateRequire } from 'node:module'; const require = __fdlCreateRequire(import.meta.url.startsWith('file:') ? import.meta.url : process.cwd() + '/');";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

async function loadCli() {
  const result = await build({
    entryPoints: [path.join(root, 'scripts/audit-cli.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    // A CommonJS dependency's require('process') needs a real require in an ESM bundle.
    banner: { js: REQUIRE_SHIM },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

try {
  const cli = await loadCli();
  process.exitCode = cli.main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: cli.readStdin,
    site: (process.env.FDL_SITE ?? '').replace(/\/$/, ''),
    version,
  });
} catch (error) {
  process.stderr.write(`audit: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
