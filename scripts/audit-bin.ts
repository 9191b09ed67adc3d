/**
 * Entry of the packed `flask-deploy-audit` bin (bundled by scripts/build-audit-cli.mjs into
 * dist-cli/flask-deploy-audit.mjs, which `npm pack` ships).
 */
import { main, readStdin } from './audit-cli';

declare const FDL_VERSION: string;

try {
  process.exitCode = main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: readStdin,
    site: (process.env.FDL_SITE ?? '').replace(/\/$/, ''),
    version: FDL_VERSION,
  });
} catch (error) {
  process.stderr.write(
    `flask-deploy-audit: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 2;
}
