/**
 * The opt-in live lab (/lab/): cross-origin isolation only there, nothing fetched from
 * StackBlitz before the click, the simulator in its place when StackBlitz is unreachable
 * (the fixture blocks every non-local host), the fake-backed live panel, keyboard and axe.
 */
import type { Locator, Page } from '@playwright/test';
import { checkA11y, expect, test } from './fixtures';
import { CHAPTER_PAGES } from './pages';

const STACKBLITZ = /stackblitz\.com|webcontainer-api\.io|webcontainer\.io|staticblitz\.com/;

async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error('the control was not reached with Tab');
}

const startButton = (page: Page) => page.getByRole('button', { name: 'Start live lab' });

/** Open the lab and wait until its island is hydrated (the Start button is enabled then). */
async function openLab(page: Page, query = ''): Promise<void> {
  await page.goto(`/lab/${query}`);
  await expect(startButton(page)).toBeEnabled();
}
const labStatus = (page: Page) => page.locator('#live-lab .lab-status');

test('/lab/ is cross-origin isolated; chapters are not, and plain links switch it', async ({
  page,
}) => {
  await page.goto('/lab/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  // A plain link out of the lab is a full page load: the chapter is not isolated.
  await page.getByRole('link', { name: /chapter 4, reverse proxies/ }).click();
  await expect(page).toHaveURL(/\/reverse-proxies\/$/);
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(false);
  for (const pathname of CHAPTER_PAGES.slice(0, 3)) {
    await page.goto(pathname);
    expect(await page.evaluate(() => window.crossOriginIsolated), pathname).toBe(false);
  }
});

test('no request goes to a StackBlitz host before the click', async ({ page, guards }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto('/lab/');
  await expect(startButton(page)).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  expect(requested.filter((url) => STACKBLITZ.test(url))).toEqual([]);
  expect(guards.externalRequests).toEqual([]);
  expect(await page.locator('iframe').count()).toBe(0);
  await expect(labStatus(page)).toHaveText(/Nothing has been loaded from StackBlitz/);
});

test('with StackBlitz blocked, the simulator replaces the lab within the shortened timeout', async ({
  page,
  guards,
}) => {
  // The fixture aborts every non-local request; booting WebContainer then never settles.
  guards.allowConsole(/ERR_BLOCKED_BY_CLIENT|stackblitz/i);
  const timeoutMs = 3000;
  await openLab(page, `?lab-timeout-ms=${timeoutMs}`);
  const started = Date.now();
  await startButton(page).click();
  const simulated = page.getByRole('heading', { name: /Simulated request/ });
  await expect(simulated).toBeVisible({ timeout: timeoutMs + 5000 });
  const elapsed = Date.now() - started;
  expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 200);
  expect(elapsed).toBeLessThan(timeoutMs + 5000);
  await expect(labStatus(page)).toHaveText(/did not start within 3 s.*StackBlitz/);
  // The real adapter did try to reach StackBlitz — and only StackBlitz — after the click.
  expect(guards.externalRequests.length).toBeGreaterThan(0);
  expect(guards.externalRequests.every((url) => STACKBLITZ.test(url))).toBe(true);
  guards.externalRequests.length = 0;
  await checkA11y(page);
});

test('the fallback simulator works: x_for decides between spoofed, correct and leaked', async ({
  page,
}) => {
  await openLab(page, '?lab-adapter=fake-hang&lab-timeout-ms=500');
  await startButton(page).click();
  await expect(page.getByRole('heading', { name: /Simulated request/ })).toBeVisible();
  const xFor = page.getByLabel('ProxyFix(x_for=…)');
  const remote = page.locator('.lab-remote-addr');
  const verdict = page.locator('.lab-verdict');
  // Default: CloudFront → ALB, an attacker forging 6.6.6.6, x_for=2.
  await expect(page.getByLabel('Number of proxies')).toHaveValue('2');
  await expect(remote).toHaveText('127.0.0.2');
  await expect(verdict).toContainText('Correct');
  await xFor.fill('3');
  await expect(remote).toHaveText('6.6.6.6');
  await expect(verdict).toContainText('Spoofed');
  await xFor.fill('1');
  await expect(remote).toHaveText('127.0.0.3');
  await expect(verdict).toContainText('Leak');
  // Three proxies: the correct count moves to 3.
  await page.getByLabel('Number of proxies').selectOption('3');
  await xFor.fill('3');
  await expect(remote).toHaveText('127.0.0.2');
  await expect(page.locator('.lab-hops tbody tr')).toHaveCount(4);
  await page.getByLabel('Honest browser (no X-Forwarded-* headers)').check();
  await expect(page.getByLabel('Forged X-Forwarded-For')).toBeDisabled();
  await expect(remote).toHaveText('127.0.0.2');
  // The same chain opens in chapter 4's hop-by-hop simulator (a full page load, not isolated).
  await page.getByRole('link', { name: /Open this chain in chapter 4/ }).click();
  await expect(page).toHaveURL(
    /\/reverse-proxies\/\?proxy-hops-cloudfront-alb=.*#proxy-hops-cloudfront-alb$/,
  );
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(false);
  const figure = page.locator('figure#proxy-hops-cloudfront-alb');
  await expect(figure).toContainText('127.0.0.2');
  await expect(figure.locator('.widget-notice')).not.toContainText(/ignored|not one this widget/);
});

test('keyboard only: start the (fake) lab, send a forged request, restart the chain', async ({
  page,
}) => {
  await openLab(page, '?lab-adapter=fake');
  await tabTo(page, startButton(page));
  await page.keyboard.press('Enter');
  await expect(labStatus(page)).toHaveText(/running \(test double/);
  const send = page.getByRole('button', { name: 'Send request' });
  await tabTo(page, send);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Request 1' })).toBeVisible();
  await expect(page.locator('.lab-remote-addr')).toHaveText('127.0.0.2');
  // Raise x_for with the arrow key, restart the chain, send again: now spoofed.
  const xFor = page.getByLabel('ProxyFix(x_for=…)');
  await tabTo(page, xFor);
  await page.keyboard.press('ArrowUp');
  await expect(xFor).toHaveValue('3');
  const restart = page.getByRole('button', { name: 'Restart the chain with these settings' });
  await tabTo(page, restart);
  await page.keyboard.press('Enter');
  await expect(send).toBeEnabled();
  await tabTo(page, send);
  await page.keyboard.press('Enter');
  await expect(page.locator('.lab-remote-addr')).toHaveText('6.6.6.6');
  await expect(page.locator('.lab-verdict')).toContainText('Spoofed');
});

test('an adapter error shows one sentence and the simulator', async ({ page }) => {
  await openLab(page, '?lab-adapter=fake-fail');
  await startButton(page).click();
  await expect(labStatus(page)).toHaveText(
    /failed to start: the test double was told to fail\. The simulator below takes its place\./,
  );
  await expect(page.getByRole('heading', { name: /Simulated request/ })).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe (${theme} theme): idle, booting, running and fallback states`, async ({ page }) => {
    await page.addInitScript((t) => {
      localStorage.setItem('fdl-theme', t);
    }, theme);
    await openLab(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await checkA11y(page);
    await openLab(page, '?lab-adapter=fake-hang&lab-timeout-ms=60000');
    await startButton(page).click();
    await expect(page.locator('.lab-steps')).toBeVisible();
    await checkA11y(page);
    await openLab(page, '?lab-adapter=fake');
    await startButton(page).click();
    await page.getByRole('button', { name: 'Send request' }).click();
    await expect(page.getByRole('heading', { name: 'Request 1' })).toBeVisible();
    await page.getByRole('button', { name: 'Send request' }).click();
    await expect(page.getByRole('heading', { name: 'Request 2' })).toBeVisible();
    await page.getByText('Every header line, hop by hop').click();
    await checkA11y(page);
    await openLab(page, '?lab-adapter=fake-fail');
    await startButton(page).click();
    await expect(page.getByRole('heading', { name: /Simulated request/ })).toBeVisible();
    await checkA11y(page);
  });
}
