// `npm start`: build the site (search index and CSP included), then serve it on localhost.
import { assertNode22, childEnv, distDir, root } from './lib.mjs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startServer } from './serve.mjs';

assertNode22();
const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
  stdio: 'inherit',
  env: childEnv(),
  cwd: root,
});
if (build.status !== 0) process.exit(build.status ?? 1);
const { url } = await startServer({ dir: distDir() });
console.log(`\nFlask Deploy Lab is being served at ${url}  (Ctrl+C to stop)`);
