// `npm run dev`: Astro's dev server with telemetry off. Search and the CSP exist only in the
// built site (`npm start`).
import { assertNode22, bin, run } from './lib.mjs';

assertNode22();
process.exit(await run(bin('astro'), ['dev', ...process.argv.slice(2)]));
