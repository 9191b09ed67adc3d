/**
 * The worker-model explorable (chapter 3) and the async-view timelines (chapter 7): a reader
 * picks the CPU-bound story, adds workers with the keyboard alone and sees the conclusion change;
 * the simulation runs in a Web Worker under the site's CSP; reduced motion gives a static replay;
 * junk link state is refused with a notice; both widgets are axe-clean.
 */
import type { Locator, Page } from '@playwright/test';
import { checkA11y, expect, setTheme, test } from './fixtures';

const TITLE = 'Workers, cores and worker classes';

async function openWorkerModel(page: Page, url = '/gunicorn/'): Promise<Locator> {
  await page.goto(url);
  // Chapter 3 has two instances: the CPU-bound story (this one), then the I/O-heavy one.
  const figure = page.locator('#worker-model-cpu-bound');
  await expect(figure).toHaveAccessibleName(TITLE);
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.getByRole('slider', { name: 'Workers (processes)' })).toBeVisible();
  // The figure is server-rendered; wait until its island has hydrated before pressing keys.
  await expect(page.locator('astro-island:has(> #worker-model-cpu-bound)')).not.toHaveAttribute(
    'ssr',
    /.*/,
  );
  return figure;
}

test('CPU-bound story: more workers than cores, chosen by keyboard, and the conclusion follows', async ({
  page,
}) => {
  const figure = await openWorkerModel(page);
  const conclusions = figure.locator('.wm-conclusions');

  // Start from another story so the CPU-bound one is really chosen here, by keyboard.
  await figure.getByRole('button', { name: 'IO-heavy API' }).focus();
  await page.keyboard.press('Enter');
  await expect(conclusions).toContainText('waiting on IO', { timeout: 30_000 });
  const cpuBound = figure.getByRole('button', { name: 'CPU-bound API' });
  await cpuBound.focus();
  await page.keyboard.press('Enter');
  await expect(cpuBound).toHaveAttribute('aria-pressed', 'true');
  await expect(conclusions).toContainText('4 workers share 2 cores', { timeout: 30_000 });

  const workers = figure.getByRole('slider', { name: 'Workers (processes)' });
  await workers.focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
  await expect(workers).toHaveValue('16');
  await expect(conclusions).toContainText('16 workers share 2 cores', { timeout: 30_000 });
  await expect(conclusions).toContainText('near 50 requests/s');
  await expect(cpuBound).toHaveAttribute('aria-pressed', 'false');

  // It ran in the Web Worker (no main-thread fallback note) and the chart compares worker counts.
  await expect(figure.locator('.wm-status')).toContainText('Simulated');
  await expect(figure.locator('.wm-status')).not.toContainText('Web Workers are unavailable');
  await expect(
    figure.getByRole('img', {
      name: /2 sync workers, 4 sync workers, 8 sync workers, 16 sync workers/,
    }),
  ).toBeVisible();

  // The scenario is in the URL, so the link reproduces it.
  await expect
    .poll(() => new URL(page.url()).searchParams.get('worker-model-cpu-bound'))
    .not.toBeNull();
  const shared = page.url();
  await page.goto('about:blank');
  const again = await openWorkerModel(page, shared);
  await expect(again.getByRole('slider', { name: 'Workers (processes)' })).toHaveValue('16');

  await checkA11y(page, { include: '#worker-model-cpu-bound' });
});

test('reduced motion shows the replay without animation controls', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const figure = await openWorkerModel(page);
  await expect(figure.getByRole('slider', { name: /Time in the first/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(figure.getByRole('button', { name: /Play replay|Pause replay/ })).toHaveCount(0);

  // Dark theme: the charts and conclusions keep their contrast.
  await setTheme(page, 'dark');
  const dark = page.getByRole('figure', { name: TITLE }).first();
  await dark.scrollIntoViewIfNeeded();
  await expect(dark.locator('.wm-conclusions li').first()).toBeVisible({ timeout: 30_000 });
  await checkA11y(page, { include: '#worker-model-cpu-bound' });
});

test('junk link state is refused with a notice and the story stays intact', async ({ page }) => {
  const figure = await openWorkerModel(
    page,
    '/gunicorn/?worker-model-cpu-bound=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E#worker-model-cpu-bound',
  );
  await expect(figure.locator('.widget-notice')).not.toBeEmpty();
  await expect(figure.getByRole('button', { name: 'CPU-bound API' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});

test('async views: gather shortens one request, concurrency stays the worker count, create_task is cut off', async ({
  page,
}) => {
  await page.goto('/async-views/');
  const figure = page.getByRole('figure', {
    name: 'What an async view changes, and what it does not',
  });
  await figure.scrollIntoViewIfNeeded();
  // The figure is server-rendered; wait until its island has hydrated before pressing keys.
  await expect(page.locator('astro-island', { has: figure })).not.toHaveAttribute('ssr', /.*/);
  const conclusions = figure.locator('.av-conclusions');
  await expect(conclusions).toContainText('at most 2 of the 4 requests');
  await expect(figure.getByText('✕ cancelled').first()).toBeVisible();

  const workers = figure.getByRole('slider', { name: 'Sync workers' });
  await workers.focus();
  await page.keyboard.press('ArrowRight');
  await expect(conclusions).toContainText('at most 3 of the 4 requests');
  await checkA11y(page, { include: '#async-view' });
});

test('the async chapter starts the worker model on the IO-heavy story', async ({ page }) => {
  await page.goto('/async-views/');
  const figure = page.locator('#worker-model-io-heavy');
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.getByRole('button', { name: 'IO-heavy API' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(figure.locator('.wm-conclusions')).toContainText('waiting on IO', {
    timeout: 30_000,
  });
  await checkA11y(page, { include: '#worker-model-io-heavy' });
});
