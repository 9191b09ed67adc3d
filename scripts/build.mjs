// `npm run build`: the static site, its search index, its Content-Security-Policy and the host
// header files, all into dist/ (or $FDL_DIST).
import { assertNode22, bin, distDir, run } from './lib.mjs';
import { writeSearchIndex } from './pagefind.mjs';
import { applySecurityPolicy } from './postbuild.mjs';

assertNode22();
const out = distDir();
const code = await run(bin('astro'), ['build', '--outDir', out]);
if (code !== 0) process.exit(code);
await writeSearchIndex(out);
const summary = await applySecurityPolicy(out);
console.log(
  `postbuild: CSP written into ${summary.pages} pages; ${summary.hashes} script hashes; header files for static hosts and nginx.`,
);
