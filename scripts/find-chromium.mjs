// Finds a Chromium for Playwright: $CHROMIUM_PATH, Debian's /usr/bin/chromium, then
// Playwright's own cache. If none is there it tries to obtain one: apt-get (as root) or
// Playwright's download (where the network allows). Otherwise it says what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bin } from './lib.mjs';

function playwrightCache() {
  const dir =
    process.env.PLAYWRIGHT_BROWSERS_PATH ?? path.join(os.homedir(), '.cache', 'ms-playwright');
  if (!existsSync(dir)) return null;
  for (const entry of readdirSync(dir)
    .filter((d) => d.startsWith('chromium'))
    .sort()
    .reverse()) {
    for (const candidate of ['chrome-linux64/chrome', 'chrome-linux/chrome']) {
      const full = path.join(dir, entry, candidate);
      if (existsSync(full)) return full;
    }
  }
  return null;
}

function locate() {
  if (process.env.CHROMIUM_PATH) {
    if (existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
    console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
    return null;
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser'])
    if (existsSync(candidate)) return candidate;
  return playwrightCache();
}

export function findChromium({ obtain = true } = {}) {
  const found = locate();
  if (found || !obtain) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('No Chromium found: installing Debian’s chromium with apt-get…');
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const install =
      update.status === 0 &&
      spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    if (install && install.status === 0 && existsSync('/usr/bin/chromium'))
      return '/usr/bin/chromium';
  }
  console.log('No Chromium found: trying Playwright’s own download…');
  try {
    execFileSync(bin('playwright'), ['install', 'chromium'], {
      stdio: 'inherit',
      timeout: 300_000,
    });
  } catch {
    // fall through to the message below
  }
  return playwrightCache();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = findChromium();
  if (!found) {
    console.error(
      'No Chromium: install Debian’s "chromium" (apt-get install chromium) or set CHROMIUM_PATH.',
    );
    process.exit(1);
  }
  console.log(found);
}
