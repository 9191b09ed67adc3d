/**
 * The SIGTERM drain timeline and the readiness widget in the graceful-shutdown chapter: the
 * shell-form preset is SIGKILLed at 10 s, switching PID 1 to the exec form drains; the cursor
 * and "Fix it" work from the keyboard; bad link state gives a notice; both widgets are axe-clean.
 */
import type { Locator, Page } from '@playwright/test';
import { checkA11y, expect, test } from './fixtures';

const CHAPTER = '/graceful-shutdown/';
const TITLE = 'SIGTERM drain timeline';

async function openTimeline(page: Page, url = CHAPTER): Promise<Locator> {
  await page.goto(url);
  const figure = page.getByRole('figure', { name: TITLE });
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.getByRole('combobox', { name: 'Preset' })).toBeVisible();
  // The server-rendered markup is there before the island hydrates; Astro drops the island's
  // `ssr` attribute once it has.
  await page.waitForFunction(
    () =>
      document.querySelector('astro-island:has(#shutdown-timeline)')?.hasAttribute('ssr') === false,
  );
  return figure;
}

test('shell form: everything stops at the 10 s SIGKILL; exec form drains and exits 0', async ({
  page,
}) => {
  const figure = await openTimeline(page);
  const verdict = figure.locator('.sdt-verdict');
  await figure
    .getByRole('combobox', { name: 'Preset' })
    .selectOption({ label: 'docker stop, shell-form CMD' });
  await expect(verdict).toContainText('stopped 10 s after the stop command (SIGKILL, exit 137)');

  // Just after the SIGKILL, every lane is down.
  const cursor = figure.getByRole('slider', { name: 'Time cursor' });
  await cursor.focus();
  await page.keyboard.press('End');
  const state = figure.getByRole('region', { name: 'State at the cursor' });
  await expect(state).toContainText('gone (SIGKILL)');
  await expect(state).toContainText('killed');

  await figure
    .getByRole('combobox', { name: 'How Gunicorn is started (PID 1)' })
    .selectOption({ label: 'Exec form: CMD ["gunicorn", …]' });
  await expect(verdict).toContainText('(exit 0)');
  await expect(verdict).not.toContainText('SIGKILL');
  await expect(verdict).toContainText(/^Clean: 0 of [\d,]+ requests failed/);
  await expect(figure.getByRole('combobox', { name: 'Preset' })).toHaveValue('');
  await expect(state).toContainText('exited (0)');
});

test('keyboard: scrub the cursor and apply "Fix it"', async ({ page }) => {
  const figure = await openTimeline(page);
  await figure
    .getByRole('combobox', { name: 'Preset' })
    .selectOption({ label: 'Kubernetes without preStop' });
  const verdict = figure.locator('.sdt-verdict');
  await expect(verdict).toContainText(/^Failing: [1-9][\d,]* of [\d,]+ requests failed/);

  const cursor = figure.getByRole('slider', { name: 'Time cursor' });
  await cursor.focus();
  await page.keyboard.press('Home');
  await expect(figure.getByRole('heading', { name: 'At 50 s' })).toBeVisible();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(figure.getByRole('heading', { name: 'At 50.3 s' })).toBeVisible();

  const fix = figure.getByRole('button', { name: /Fix it/ });
  await fix.focus();
  await page.keyboard.press('Enter');
  await expect(verdict).toContainText(/^Clean: 0 of [\d,]+ requests failed/);
  await expect(figure.getByRole('combobox', { name: 'preStop hook' })).toHaveValue('sleep');

  // The scenario is in the URL: reloading keeps it.
  await page.waitForFunction(() => window.location.search.includes('shutdown-timeline='));
  await page.reload();
  const again = page.getByRole('figure', { name: TITLE });
  await expect(again.locator('.sdt-verdict')).toContainText(/^Clean: 0 of /);
});

test('junk in the link gives a notice and the defaults', async ({ page }) => {
  const figure = await openTimeline(page, `${CHAPTER}?shutdown-timeline=%00junk`);
  await expect(figure.getByRole('status').first()).not.toBeEmpty();
  await expect(figure.locator('.sdt-verdict')).toContainText('requests failed');
});

test('both widgets pass axe', async ({ page }) => {
  const figure = await openTimeline(page);
  await expect(figure.locator('.sdt-verdict')).not.toBeEmpty();
  const readiness = page.getByRole('figure', {
    name: 'Readiness vs liveness during a database outage',
  });
  await readiness.scrollIntoViewIfNeeded();
  // Its header just below the site header, so the sticky site header does not sit over its
  // buttons while axe measures their target size.
  await readiness.evaluate((el) => {
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 80);
  });
  await expect(readiness.locator('.rdy-verdict').first()).toContainText('DB check in liveness');
  await checkA11y(page, { include: '#shutdown-timeline' });
  await checkA11y(page, { include: '#readiness' });
});
