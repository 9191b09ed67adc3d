// `npm run test:e2e`: Playwright on the built site in a system Chromium.
import { assertNode22, bin, run } from './lib.mjs';
import { findChromium } from './find-chromium.mjs';

assertNode22();
const chromium = findChromium();
if (!chromium) {
  console.error(
    'e2e: no Chromium — install Debian’s "chromium" (apt-get install chromium) or set CHROMIUM_PATH.',
  );
  process.exit(1);
}
console.log(`e2e: using ${chromium}`);
const code = await run(bin('playwright'), ['test', ...process.argv.slice(2)], {
  env: { CHROMIUM_PATH: chromium },
});
process.exit(code);
