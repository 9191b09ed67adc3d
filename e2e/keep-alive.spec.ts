/**
 * The keep-alive 502 widget in the Gunicorn chapter: it hydrates on the failure case, the
 * fix is reachable by keyboard, its scenario link restores the state on a fresh page, and it
 * is axe-clean in both themes.
 */
import type { Locator, Page } from '@playwright/test';
import { checkA11y, expect, setTheme, test } from './fixtures';

const CHAPTER = '/gunicorn/';
const TITLE = 'The keep-alive 502';

async function openWidget(page: Page, url = CHAPTER): Promise<Locator> {
  await page.goto(url);
  const figure = page.getByRole('figure', { name: TITLE });
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.getByRole('spinbutton', { name: 'keepalive (seconds)' })).toBeVisible();
  const id = (await figure.getAttribute('id')) ?? '';
  await expect(page.locator(`astro-island:has(> #${id})`)).not.toHaveAttribute('ssr', /.*/);
  return figure;
}

test('opens on the 502s, the fix by keyboard clears them, and the link restores it', async ({
  page,
  context,
}) => {
  const figure = await openWidget(page);
  const verdict = figure.locator('.widget-verdict');
  await expect(verdict).toContainText('502s from the ALB');

  await figure.getByRole('button', { name: 'Set keepalive to 75 s' }).focus();
  await page.keyboard.press('Enter');
  await expect(verdict).toContainText('No 502s');
  await expect(figure.getByRole('spinbutton', { name: 'keepalive (seconds)' })).toHaveValue('75');

  const id = (await figure.getAttribute('id')) ?? '';
  await expect.poll(() => new URL(page.url()).searchParams.has(id)).toBe(true);
  const second = await context.newPage();
  const restored = await openWidget(second, page.url());
  await expect(restored.getByRole('spinbutton', { name: 'keepalive (seconds)' })).toHaveValue('75');
  await expect(restored.locator('.widget-verdict')).toContainText('No 502s');
  await second.close();
});

test('the keep-alive widget is axe-clean in both themes', async ({ page }) => {
  const figure = await openWidget(page);
  await figure.getByRole('button', { name: 'Send it as Gunicorn closes' }).click();
  await expect(figure.locator('.ka-probe-result')).toContainText('502');
  const include = `figure#${(await figure.getAttribute('id')) ?? ''}`;
  await checkA11y(page, { include });
  await setTheme(page, 'dark');
  await openWidget(page, page.url());
  await checkA11y(page, { include });
});
