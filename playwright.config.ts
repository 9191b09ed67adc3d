import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests run against the built site (dist/, or $FDL_DIST) served by
 * scripts/serve.mjs with production headers. The browser is a system Chromium found by
 * scripts/e2e.mjs and passed in CHROMIUM_PATH; no browser is downloaded here.
 */
const port = Number(process.env.FDL_E2E_PORT ?? 4510);
const executablePath = process.env.CHROMIUM_PATH;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    ...(executablePath ? { launchOptions: { executablePath, args: CHROMIUM_ARGS() } } : {}),
    trace: 'off',
  },
  webServer: {
    command: `node scripts/serve.mjs`,
    env: { PORT: String(port), FDL_DIST: process.env.FDL_DIST ?? 'dist' },
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});

function CHROMIUM_ARGS(): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-dev-shm-usage',
  ];
}
