/**
 * The layout every widget sits in (issue 14): at 1280 × 800 a widget is wider than the text
 * column and its main view (header, verdict, controls and picture) fits one screen below the
 * site header; the verdict bar stays in view while the widget scrolls, at 1280 and at 375 px;
 * the phone header is one compact row whose menu opens by keyboard.
 */
import { MAIN_VIEW_END, measureWidget } from '../scripts/widget-instances.mjs';
import { expect, test } from './fixtures';
import { CHAPTER_PAGES } from './pages';
import { openWidget, WIDGETS } from './widgets';

/**
 * Widgets whose main view is still taller than one screen, each with its reason. The test
 * measures them like the others and records the height, but does not fail on it. Remove a line
 * when the widget fits (the integrator: after merging the redesigns of issue 14).
 */
export const TALLER_THAN_A_SCREEN: Readonly<Record<string, string>> = {
  checklist:
    'a reading list of some 40 items with no picture to keep beside controls; it scrolls as text',
};

const DESKTOP = { width: 1280, height: 800 };

test.describe('at 1280 × 800', () => {
  test.use({ viewport: DESKTOP });

  for (const widget of WIDGETS) {
    test(`${widget.page}#${widget.id}: wider than the text and its main view fits one screen`, async ({
      page,
    }) => {
      const figure = await openWidget(page, widget);
      const m = await figure.evaluate(measureWidget, MAIN_VIEW_END[widget.kind] ?? null);
      const header = await page
        .locator('.site-header')
        .evaluate((el) => el.getBoundingClientRect().height);
      const text = await page
        .locator('.prose > p')
        .first()
        .evaluate((el) => el.getBoundingClientRect().width);
      test.info().annotations.push({
        type: 'height',
        description: `main view ${m.main}px, whole widget ${m.whole}px`,
      });
      expect(m.width, 'the widget breaks out of the text column').toBeGreaterThan(text + 100);
      const screen = DESKTOP.height - header;
      const reason = TALLER_THAN_A_SCREEN[widget.kind];
      if (reason) {
        test.info().annotations.push({ type: 'not asserted', description: reason });
        return;
      }
      expect(
        m.main,
        `main view of ${widget.id} within one screen (${screen}px)`,
      ).toBeLessThanOrEqual(screen);
    });
  }

  test('a verdict bar stays in view under the header while its widget scrolls past', async ({
    page,
  }) => {
    const widget = WIDGETS.find((w) => w.kind === 'worker-model');
    test.skip(!widget, 'no worker-model widget in this build');
    if (!widget) return;
    const figure = await openWidget(page, widget);
    const verdict = figure.locator('.widget-verdict');
    await expect(verdict).not.toBeEmpty();
    await figure.evaluate((el) => {
      window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY + 500);
    });
    await expect
      .poll(() =>
        verdict.evaluate((el) => {
          const header = document.querySelector('.site-header')?.getBoundingClientRect();
          return Math.round(el.getBoundingClientRect().top - (header?.bottom ?? 0));
        }),
      )
      .toBe(0);
    await expect(verdict).toBeInViewport();
  });
});

test.describe('at 375 × 740', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('the header is one compact row and its menu opens by keyboard', async ({ page }) => {
    await page.goto(CHAPTER_PAGES[0] ?? '/');
    const header = page.locator('.site-header');
    const box = await header.boundingBox();
    expect(box?.height ?? 999).toBeLessThanOrEqual(64);
    const menu = page.locator('.site-menu > summary');
    await menu.focus();
    await page.keyboard.press('Enter');
    const progress = page.getByRole('navigation', { name: 'Site' }).getByRole('link', {
      name: 'Progress',
    });
    await expect(progress).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Colour theme' })).toBeVisible();
    await progress.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/progress\/$/);
  });

  test('a verdict bar sticks under the header on a phone', async ({ page }) => {
    const widget = WIDGETS.find((w) => w.kind === 'readiness');
    test.skip(!widget, 'no readiness widget in this build');
    if (!widget) return;
    const figure = await openWidget(page, widget);
    const verdict = figure.locator('.widget-verdict');
    await figure.evaluate((el) => {
      window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY + 400);
    });
    await expect(verdict).toBeInViewport();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
