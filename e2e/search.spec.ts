/**
 * Site search (issue 14, defect 7; issue 16, defect 5): results per section (Pagefind's
 * sub-results, linking to the heading), excerpts whose words are not run together, the keyboard
 * alone (ArrowDown / ArrowUp / Enter / Escape), and the search worker also on the cross-origin
 * isolated /lab/ page (the fixture fails on the warning Pagefind prints when it falls back).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PAGES } from './pages';

async function search(page: Page, query: string) {
  await page.keyboard.press('/');
  const input = page.getByRole('searchbox', { name: 'Search words' });
  await expect(input).toBeFocused();
  await input.fill(query);
  await expect(page.locator('.search-results > li').first()).toBeVisible();
  return input;
}

test('results list sections that link to their headings, with clean excerpts', async ({ page }) => {
  await page.goto('/');
  await search(page, 'SIGTERM');
  const sections = page.locator('.search-results .search-section-title');
  await expect(sections.first()).toBeVisible();
  const hrefs = await sections.evaluateAll((links) =>
    links.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''),
  );
  expect(hrefs.some((href) => /^\/[\w-]+\/#[\w-]+$/.test(href))).toBe(true);
  const excerpts = await page.locator('.search-excerpt').allInnerTexts();
  expect(excerpts.length).toBeGreaterThan(0);
  for (const text of excerpts) {
    // Words from adjacent elements must not be glued together ("SIGTERMbecause").
    expect(text).not.toMatch(/SIGTERM[a-z]/);
    expect(text).not.toMatch(/[a-z]{3}[A-Z]{4,}/);
  }
});

test('the keyboard alone moves through the results, opens one and closes the dialog', async ({
  page,
}) => {
  await page.goto('/');
  const input = await search(page, 'max_connections');
  const links = page.locator('.search-results a');
  await page.keyboard.press('ArrowDown');
  await expect(links.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(input).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const target = (await links.nth(1).getAttribute('href')) ?? '';
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));

  // Escape closes it, and Enter in the field opens the first result.
  await page.waitForLoadState('load');
  await page.keyboard.press('/');
  await expect(input).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(input).toBeHidden();
  await search(page, 'ProxyFix');
  const first = (await links.first().getAttribute('href')) ?? '';
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
});

test('search works on the cross-origin isolated lab page without falling back', async ({
  page,
}) => {
  test.skip(!PAGES.includes('/lab/'), 'built with FDL_LAB=off');
  await page.goto('/lab/');
  await search(page, 'ProxyFix');
  await expect(page.locator('.search-results a').first()).toHaveAttribute('href', /\//);
  // The fixture fails this test if Pagefind warned that its worker failed.
});
