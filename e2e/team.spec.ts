/**
 * The team page in a real browser: two learners' exported files and one bad file give one
 * table and one clear line for the bad file; nothing leaves the page; axe-clean in light and
 * dark; the print view shows the table and not the controls.
 */
import { checkA11y, expect, setTheme, test } from './fixtures';

const at = '2026-11-28T10:00:00.000Z';

function progressFile(exercises: Record<string, unknown>): Buffer {
  return Buffer.from(
    JSON.stringify({
      format: 'flask-deploy-lab/progress',
      version: 1,
      exercises,
      checklist: {},
      resume: null,
    }),
  );
}

test('two good files and one bad one: one table, one line for the bad file', async ({ page }) => {
  await page.goto('/progress/');
  await page.getByRole('link', { name: 'The team page' }).click();
  await expect(page).toHaveURL(/\/team\/$/);
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
  await page.getByLabel('Progress files (JSON)').setInputFiles([
    {
      name: 'ana.json',
      mimeType: 'application/json',
      buffer: progressFile({
        'proxy-count-cloudfront-alb': { solved: true, attempts: 2, hintsUsed: 1, solvedAt: at },
      }),
    },
    { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{not json') },
    {
      name: 'bo.json',
      mimeType: 'application/json',
      buffer: progressFile({
        'async-concurrency': { solved: true, attempts: 1, hintsUsed: 0, solvedAt: at },
        'async-find-bug-create-task': { solved: true, attempts: 1, hintsUsed: 0, solvedAt: at },
        'async-extra': { solved: true, attempts: 1, hintsUsed: 0, solvedAt: at },
      }),
    },
  ]);
  const status = page.getByRole('status').filter({ hasText: 'files read' });
  await expect(status).toContainText('2 of 3 files read');
  await expect(status).toContainText(
    'notes.json: Nothing was imported: the file is not valid JSON',
  );

  const table = page.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(['Exercise', 'ana', 'bo']);
  const row = table.getByRole('row', { name: /How many X-Forwarded-For values/ });
  await expect(row.getByRole('cell').nth(0)).toHaveText(/✓ solved 2026-11-28, 1 of 3 hints/);
  await expect(row.getByRole('cell').nth(1)).toHaveText('not started');
  const asyncChapter = table.getByRole('row', { name: /^7\. async def views/ }).first();
  await expect(asyncChapter.getByRole('cell').nth(1)).toHaveText('✓ chapter finished');

  await page.reload();
  // The table lives in this tab only: a reload forgets it (nothing was stored or uploaded).
  await expect(page.getByRole('table')).toHaveCount(0);
});

test('axe-clean with a table in light and dark; print shows the table only', async ({ page }) => {
  for (const theme of ['light', 'dark'] as const) {
    await page.goto('/team/');
    await setTheme(page, theme);
    await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
    await page.getByLabel('Progress files (JSON)').setInputFiles([
      {
        name: 'ana.json',
        mimeType: 'application/json',
        buffer: progressFile({
          'gunicorn-access-log': { solved: false, attempts: 3, hintsUsed: 2 },
        }),
      },
      { name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from([0, 1, 2, 255]) },
    ]);
    await expect(page.getByRole('table')).toBeVisible();
    await checkA11y(page);
  }
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.getByLabel('Progress files (JSON)')).toBeHidden();
  await expect(page.locator('.site-header')).toBeHidden();
});
