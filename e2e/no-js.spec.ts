/**
 * JavaScript off (issue 14, defect 5): every widget shows the chapter's static figure and one
 * line saying the simulator needs JavaScript; no control that looks live and does nothing
 * (widget inputs, search button, theme switch), and nothing "Loading…" forever.
 */
import { expect, test } from './fixtures';
import { CHAPTER_PAGES } from './pages';
import { WIDGETS } from './widgets';

test.use({ javaScriptEnabled: false });

const WIDGET_PAGES = [...new Set(WIDGETS.map((w) => w.page))];

test('the build has widgets to check', () => {
  expect(WIDGET_PAGES.length).toBeGreaterThan(3);
});

for (const pathname of WIDGET_PAGES) {
  test(`${pathname}: static figures, one line each, and no dead controls`, async ({ page }) => {
    await page.goto(pathname);
    const slots = page.locator('[data-widget-slot]');
    const count = await slots.count();
    expect(count).toBe(WIDGETS.filter((w) => w.page === pathname).length);
    for (let i = 0; i < count; i++) {
      const slot = slots.nth(i);
      await expect(slot.locator('.widget-live')).toBeHidden();
      await expect(slot.locator('.widget-fallback-note')).toBeVisible();
      await expect(slot.locator('.widget-fallback-note')).toContainText('JavaScript');
      await expect(slot.locator('.widget-static')).toBeVisible();
    }
    const live = page.locator(
      'main button:visible, main input:visible, main select:visible, main textarea:visible',
    );
    await expect(live).toHaveCount(0);
    await expect(page.getByText(/Loading/).filter({ visible: true })).toHaveCount(0);
    await expect(page.locator('[data-search-open]')).toBeHidden();
    await expect(page.locator('[data-theme-select]:visible')).toHaveCount(0);
  });
}

test('the phone menu works without JavaScript', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(CHAPTER_PAGES[0] ?? '/');
  await page.locator('.site-menu > summary').click();
  await page
    .getByRole('navigation', { name: 'Site' })
    .getByRole('link', { name: 'Progress' })
    .click();
  await expect(page).toHaveURL(/\/progress\/$/);
});
