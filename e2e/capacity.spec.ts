/**
 * The capacity calculator in the container chapter: a reader sets the guide's example with the
 * keyboard alone and reads the verdict, a copied scenario link reproduces it, bad link state is
 * refused with a notice, and the widget is axe-clean.
 */
import type { Locator, Page } from '@playwright/test';
import { checkA11y, expect, setTheme, test } from './fixtures';

const CHAPTER = '/the-container/';
const TITLE = 'Connections and memory: will it fit?';

async function openWidget(page: Page, url = CHAPTER): Promise<Locator> {
  await page.goto(url);
  const figure = page.getByRole('figure', { name: TITLE });
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.getByRole('spinbutton', { name: 'workers per task' })).toBeVisible();
  // The figure is server-rendered; wait until its island has hydrated before pressing keys.
  const id = (await figure.getAttribute('id')) ?? '';
  await expect(page.locator(`astro-island:has(> #${id})`)).not.toHaveAttribute('ssr', /.*/);
  return figure;
}

/** The widget's state as the page URL carries it (base64url JSON in the parameter named after the figure id). */
function stateInUrl(href: string, id: string): Record<string, unknown> {
  const encoded = new URL(href).searchParams.get(id);
  if (encoded === null) return {};
  const parsed: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

/** Replace a number field's value the way a keyboard user does, then leave the field. */
async function typeInto(page: Page, field: Locator, value: string): Promise<void> {
  await field.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(value);
  await page.keyboard.press('Tab');
}

test("set the guide's example by keyboard and read the verdict; the link reproduces it", async ({
  page,
  context,
}) => {
  const figure = await openWidget(page);
  const verdict = figure.locator('.cap-verdict');

  // Start elsewhere, so every value below really comes from the keyboard.
  await figure.getByRole('button', { name: 'Small Fargate service' }).focus();
  await page.keyboard.press('Enter');
  await expect(figure.getByRole('spinbutton', { name: 'workers per task' })).toHaveValue('2');

  await typeInto(page, figure.getByRole('spinbutton', { name: 'vCPUs per task' }), '4');
  await typeInto(page, figure.getByRole('spinbutton', { name: 'workers per task' }), '8');
  await typeInto(page, figure.getByRole('spinbutton', { name: 'desired tasks' }), '4');
  await typeInto(page, figure.getByRole('spinbutton', { name: 'pool_size per worker' }), '5');

  // The guide's product and the capacity with overflow, side by side with what is reached.
  const table = figure.locator('.cap-table');
  await expect(table).toContainText('4 tasks × 8 workers × pool_size 5');
  await expect(table).toContainText('160');
  await expect(table).toContainText('480');
  await expect(verdict).toContainText('Fits.');
  await expect(verdict).toContainText('at most 64 connections during a rolling deploy');

  // Five threads per worker do reach the guide's 160, and the deploy doubles it.
  await typeInto(page, figure.getByRole('spinbutton', { name: 'threads per worker' }), '5');
  await expect(verdict).toContainText('Does not fit.');
  await expect(figure.locator('.cap-fixes')).toContainText('pool_size 1, max_overflow 0');

  // The state is written to the URL (debounced); a fresh page with that URL shows the same.
  // The figure's id names the URL parameter (WidgetSlot derives it from widget and preset).
  const id = (await figure.getAttribute('id')) ?? '';
  expect(id).toMatch(/^capacity/);
  await expect.poll(() => stateInUrl(page.url(), id)['threads']).toBe(5);
  const shared = page.url();
  const second = await context.newPage();
  const secondFigure = await openWidget(second, shared);
  await expect(secondFigure.getByRole('spinbutton', { name: 'threads per worker' })).toHaveValue(
    '5',
  );
  await expect(secondFigure.locator('.cap-verdict')).toContainText('Does not fit.');
  await expect(secondFigure.locator('.cap-verdict')).toHaveText(
    (await verdict.textContent()) ?? '',
  );
  await second.close();
});

test('an out-of-range value is clamped with a visible message', async ({ page }) => {
  const figure = await openWidget(page);
  await typeInto(page, figure.getByRole('spinbutton', { name: 'workers per task' }), '100000');
  await expect(figure.locator('.widget-notice')).toContainText(
    /workers: 100000 is above the largest value/,
  );
  await expect(figure.getByRole('spinbutton', { name: 'workers per task' })).toHaveValue('256');
});

test('garbage in the link is refused with a notice and the chapter scenario is shown', async ({
  page,
}) => {
  const id = (await (await openWidget(page)).getAttribute('id')) ?? '';
  const figure = await openWidget(page, `${CHAPTER}?${id}=%3Cimg%20src%3Dx%3E`);
  await expect(figure.getByText(/scenario was ignored/)).toBeVisible();
  await expect(figure.getByRole('spinbutton', { name: 'workers per task' })).toHaveValue('8');
  await expect(figure.locator('img')).toHaveCount(0);
});

test('the capacity widget is axe-clean', async ({ page }) => {
  const figure = await openWidget(page);
  await figure.getByRole('button', { name: 'gevent app with PgBouncer' }).click();
  await expect(figure.locator('.cap-verdict')).toBeVisible();
  await checkA11y(page, { include: `figure#${(await figure.getAttribute('id')) ?? ''}` });
  await setTheme(page, 'dark');
  await openWidget(page, page.url());
  await expect(figure.locator('.cap-verdict')).toBeVisible();
  await checkA11y(page, { include: `figure#${(await figure.getAttribute('id')) ?? ''}` });
});

test.describe('on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('every settings box stays inside the widget', async ({ page }) => {
    const figure = await openWidget(page);
    for (const summary of await figure.locator('.cap-section:not([open]) > summary').all()) {
      await summary.click();
    }
    const overflow = await figure.evaluate((fig) => {
      const body = fig.querySelector('.widget-body');
      if (!body) return ['no .widget-body'];
      const right =
        body.getBoundingClientRect().right - parseFloat(getComputedStyle(body).paddingRight);
      return [...fig.querySelectorAll('.cap-section')]
        .filter((box) => box.getBoundingClientRect().right > right + 0.5)
        .map((box) => box.querySelector('summary')?.textContent ?? '?');
    });
    expect(overflow, 'settings boxes wider than the widget').toEqual([]);
  });
});
