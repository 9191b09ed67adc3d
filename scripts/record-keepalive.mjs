// Runs the real nginx → Gunicorn keep-alive suite and writes what it saw to
// src/sim/keepalive/fixtures/recorded-run.json (the chapter renders it; a unit test checks
// the model against it). Needs Debian's nginx and gunicorn; see CONTRIBUTING.
import { spawnSync } from 'node:child_process';

const result = spawnSync(
  'npx',
  ['vitest', 'run', 'src/sim/keepalive/real-nginx-gunicorn.test.ts'],
  { stdio: 'inherit', env: { ...process.env, FDL_KEEPALIVE_RECORD: '1' } },
);
process.exit(result.status ?? 1);
