/**
 * The Dockerfile checker in the container chapter, keyboard only: paste a broken Dockerfile,
 * read the findings, jump to a finding's line, apply every safe fix and see it pass; a shared
 * link restores the text from the hash; the widget is axe-clean in both themes.
 */
import type { Locator, Page } from '@playwright/test';
import { checkA11y, expect, setTheme, test } from './fixtures';

const CHAPTER = '/the-container/';
const TITLE = 'Check your Dockerfile';

const BROKEN = `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt gunicorn
COPY . .
CMD gunicorn myapp:app
`;

async function openWidget(page: Page, url = CHAPTER): Promise<Locator> {
  await page.goto(url);
  const figure = page.getByRole('figure', { name: TITLE });
  await figure.scrollIntoViewIfNeeded();
  // Hydrated once Astro drops the island's ssr attribute.
  await expect(page.locator('astro-island:has(#dockerfile-checker)')).not.toHaveAttribute('ssr');
  await expect(figure.getByRole('button', { name: 'Apply all safe fixes' })).toBeVisible();
  return figure;
}

/** Replace the Dockerfile text the way a keyboard user pastes: select all, then insert. */
async function pasteDockerfile(page: Page, figure: Locator, text: string): Promise<void> {
  await figure.getByLabel('Dockerfile', { exact: true }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

test('paste a broken Dockerfile, read the findings, apply all fixes, see it pass', async ({
  page,
}) => {
  const figure = await openWidget(page);
  const verdict = figure.locator('.dfc-verdict');

  // Clear the .dockerignore too, so the checker also asks for one.
  await figure.getByLabel('.dockerignore', { exact: true }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await pasteDockerfile(page, figure, BROKEN);

  await expect(verdict).toContainText('does not pass');
  const errors = figure.getByRole('region', { name: /^Errors: \d+$/ });
  await expect(errors).toContainText('shell-form-cmd');
  await expect(errors).toContainText('root-user');
  await expect(errors).toContainText('gunicorn-bind-default');
  await expect(figure.getByRole('region', { name: /^Warnings/ })).toContainText(
    'dockerignore-missing',
  );

  // Enter on a finding's line button puts the caret on that line of the Dockerfile.
  await figure.getByRole('button', { name: 'Go to line 6 (shell-form-cmd)' }).focus();
  await page.keyboard.press('Enter');
  const area = figure.getByLabel('Dockerfile', { exact: true });
  await expect(area).toBeFocused();
  const caret = await area.evaluate((el) => (el as HTMLTextAreaElement).selectionStart);
  expect(caret).toBe(BROKEN.split('\n').slice(0, 5).join('\n').length + 1);

  await figure.getByRole('button', { name: 'Apply all safe fixes' }).focus();
  await page.keyboard.press('Enter');
  await expect(verdict).toContainText('this Dockerfile passes');
  await expect(area).toHaveValue(/CMD \["gunicorn", "--bind", "0\.0\.0\.0:8000", "myapp:app"\]/);
  await expect(area).toHaveValue(/USER appuser/);
  await expect(figure.getByLabel('.dockerignore', { exact: true })).toHaveValue(/\*\*\/\.env/);
  await expect(figure.getByRole('region', { name: /^Errors/ })).toHaveCount(0);
});

test('Tab moves on from the editors (no keyboard trap) and reaches the findings', async ({
  page,
}) => {
  const figure = await openWidget(page);
  await figure.getByLabel('Dockerfile', { exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(figure.getByLabel('.dockerignore', { exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(figure.getByText(/^Chapter 8 checklist: \d of 9$/)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(figure.getByRole('button', { name: /^Go to line \d+ \(/ }).first()).toBeFocused();
});

test('a copied link restores the Dockerfile from the hash', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const figure = await openWidget(page);
  await pasteDockerfile(page, figure, 'FROM python:3.12-slim\nSTOPSIGNAL SIGKILL\n');
  await expect(figure.getByText('stop-signal-quick')).toBeVisible();
  // The link is prepared shortly after the check; copy it once it carries the text.
  await expect
    .poll(async () => {
      await figure.getByRole('button', { name: 'Copy link to this scenario' }).focus();
      await page.keyboard.press('Enter');
      return page.evaluate(() => navigator.clipboard.readText());
    })
    .toMatch(/#dockerfile-checker~v1\./);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).search).toBe('');
  const fresh = await context.newPage();
  const restored = await openWidget(fresh, link.replace(/^https?:\/\/[^/]+/, ''));
  await expect(restored.getByLabel('Dockerfile', { exact: true })).toHaveValue(
    'FROM python:3.12-slim\nSTOPSIGNAL SIGKILL\n',
  );
  await fresh.close();
});

test('the checker is axe-clean in light and dark themes', async ({ page }) => {
  const figure = await openWidget(page);
  await expect(figure.locator('.dfc-finding').first()).toBeVisible();
  await checkA11y(page, { include: '#dockerfile-checker' });
  await setTheme(page, 'dark');
  await openWidget(page);
  await checkA11y(page, { include: '#dockerfile-checker' });
});
