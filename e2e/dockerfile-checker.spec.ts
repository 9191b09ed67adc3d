/**
 * The Dockerfile checker in the container chapter, keyboard only: paste a broken Dockerfile,
 * read the findings, jump to a finding's line, apply every safe fix and see it pass; a shared
 * link restores the text from the hash and lands on the widget; hostile inputs (an ARG bomb, a
 * link cut short, a 1 MB paste) leave the page usable; the widget is axe-clean in both themes.
 */
import type { Locator, Page } from '@playwright/test';
import { checkA11y, expect, setTheme, test } from './fixtures';
// The worst inputs and the link encoder are shared with the main-thread bench.
import { encodeLink, realisticText } from '../bench/dockerfile-main-thread.browser.mjs';

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

test('a copied link lands on the checker and restores the Dockerfile without scrolling', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const link = await encodeLink(
    page,
    new URL(page.url()).origin,
    'FROM python:3.12-slim\nSTOPSIGNAL SIGKILL\n',
  );
  const fresh = await page.context().newPage();
  await fresh.goto(link);
  // No scrolling by the test: the page itself must bring the widget into view and hydrate it.
  const figure = fresh.getByRole('figure', { name: TITLE });
  await expect(figure.getByLabel('Dockerfile', { exact: true })).toHaveValue(
    'FROM python:3.12-slim\nSTOPSIGNAL SIGKILL\n',
  );
  await expect(figure).toBeInViewport();
  await expect(figure.getByText('stop-signal-quick')).toBeVisible();
  await fresh.close();
});

test('a link cut short shows the shared URL-state notice and keeps the example', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const link = await encodeLink(page, new URL(page.url()).origin, BROKEN.repeat(10));
  // Cut the base64url text to a length atob refuses (4n + 1), as a chat tool might.
  const [head, payload] = link.split('~v1.') as [string, string];
  let cut = payload.slice(0, -5);
  while (cut.length % 4 !== 1) cut = cut.slice(0, -1);
  // A new page: on the same page only the hash would change, and nothing would load.
  const fresh = await page.context().newPage();
  await fresh.goto(`${head}~v1.${cut}`);
  const figure = fresh.getByRole('figure', { name: TITLE });
  await expect(figure.locator('.widget-notice')).toContainText(
    'The link’s scenario was ignored (the link’s state is not valid base64url text); the default scenario is shown.',
  );
  await expect(figure.locator('.widget-notice')).not.toContainText('atob');
  await expect(figure.getByLabel('Dockerfile', { exact: true })).toHaveValue(/CMD gunicorn/);
  await fresh.close();
});

test('an ARG chain that doubles a value 29 times is checked with a finding, not a crash', async ({
  page,
}) => {
  const figure = await openWidget(page);
  let bomb = 'ARG A0=3.12-slim\n';
  for (let k = 1; k <= 29; k += 1) bomb += `ARG A${k}=\${A${k - 1}}\${A${k - 1}}\n`;
  await pasteDockerfile(page, figure, `${bomb}FROM python:\${A29}\n`);
  const warnings = figure.getByRole('region', { name: /^Warnings/ });
  await expect(warnings).toContainText('expansion-too-long');
  await expect(warnings).toContainText('expands to more than 8,192 characters');
});

test('typing stays responsive while a 1 MB paste is checked', async ({ page }) => {
  const figure = await openWidget(page);
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        (window as unknown as { longTasks: number[] }).longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  const text = realisticText();
  await figure.getByLabel('Dockerfile', { exact: true }).evaluate((area, value) => {
    (area as HTMLTextAreaElement).select();
    const data = new DataTransfer();
    data.setData('text/plain', value);
    area.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
  // The text is too large for the textarea: it is shown read-only, and checked in full.
  await expect(figure.getByText(/too large to edit here without freezing the page/)).toBeVisible();
  await expect(figure.getByRole('progressbar', { name: 'Checking the Dockerfile' })).toBeVisible();
  // While the worker checks, the .dockerignore takes keystrokes at once.
  const ignore = figure.getByLabel('.dockerignore', { exact: true });
  await ignore.focus();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\nnode_modules/');
  await expect(ignore).toHaveValue(/node_modules\/$/);
  await expect(figure.getByRole('progressbar')).toHaveCount(0, { timeout: 60_000 });
  await expect(figure.getByRole('region', { name: /^Info/ })).toContainText('unpinned-packages');
  const longest = await page.evaluate(() =>
    Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks),
  );
  // Before the worker, the page froze for seconds on this input; allow for a loaded machine.
  expect(longest).toBeLessThan(1000);
});
