/**
 * The whole built site: every page loads cleanly and is axe-clean in both themes, the
 * keyboard reaches every control, search finds a chapter, code blocks copy without prompts,
 * and a bad URL gets the 404 page.
 */
import { checkA11y, expect, setTheme, test } from './fixtures';
import { CHAPTER_PAGES, PAGES } from './pages';

test('the build has the nine chapters', () => {
  expect(CHAPTER_PAGES.length).toBeGreaterThanOrEqual(9);
});

for (const pathname of PAGES) {
  test.describe(`page ${pathname}`, () => {
    test('loads without errors and is axe-clean in light and dark themes', async ({ page }) => {
      // Two full axe runs on the longest chapters outlast the default timeout on a busy machine.
      test.slow();
      const response = await page.goto(pathname);
      expect(response?.status()).toBe(200);
      await expect(page.locator('h1').first()).toBeVisible();
      await setTheme(page, 'light');
      await checkA11y(page);
      await setTheme(page, 'dark');
      await checkA11y(page);
    });

    test('keyboard alone reaches every control', async ({ page }) => {
      await page.goto(pathname);
      // Let islands hydrate: scroll through the page so client:visible widgets load.
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += 600) {
          window.scrollTo(0, y);
          await new Promise((r) => setTimeout(r, 30));
        }
        window.scrollTo(0, 0);
      });
      await page.waitForLoadState('networkidle');
      const expected = await page.evaluate(() => {
        const selector =
          'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
        const visible = (el: Element) => {
          const rect = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          return (
            rect.width > 0 &&
            rect.height > 0 &&
            style.visibility !== 'hidden' &&
            !el.closest('dialog:not([open]), [inert], details:not([open]) > :not(summary)')
          );
        };
        const all = [...document.querySelectorAll(selector)].filter(visible);
        all.forEach((el, i) => {
          el.setAttribute('data-kb-id', String(i));
        });
        return all.length;
      });
      const reached = new Set<string>();
      // Radio groups take one tab stop; arrow keys move inside them.
      const radioGroups = await page.evaluate(() => {
        const names = new Map<string, string[]>();
        for (const r of document.querySelectorAll<HTMLInputElement>(
          'input[type=radio][data-kb-id]',
        )) {
          names.set(r.name, [...(names.get(r.name) ?? []), r.dataset['kbId'] ?? '']);
        }
        return [...names.values()];
      });
      for (let i = 0; i < expected * 2 + 10 && reached.size < expected; i++) {
        await page.keyboard.press('Tab');
        const id = await page.evaluate(
          () => document.activeElement?.getAttribute('data-kb-id') ?? null,
        );
        if (id !== null) {
          reached.add(id);
          const group = radioGroups.find((g) => g.includes(id));
          if (group) for (const member of group) reached.add(member);
        }
      }
      expect(reached.size, `reached ${reached.size} of ${expected} focusable controls by Tab`).toBe(
        expected,
      );
    });
  });
}

test('search opens with "/" and finds the reverse-proxy chapter for "ProxyFix"', async ({
  page,
}) => {
  await page.goto('/');
  await page.keyboard.press('/');
  const input = page.getByRole('searchbox', { name: 'Search words' });
  await expect(input).toBeFocused();
  await input.fill('ProxyFix');
  const result = page.locator('.search-results a').filter({ hasText: /proxy/i }).first();
  await expect(result).toBeVisible();
  await expect(result).toHaveAttribute('href', /\/reverse-proxies\//);
  await expect(page.locator('.search-excerpt mark').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(input).toBeHidden();
  await page.keyboard.press('Control+k');
  await expect(input).toBeFocused();
});

test('terminal blocks copy without their $ prompts', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  for (const pathname of CHAPTER_PAGES) {
    await page.goto(pathname);
    const block = page.locator('.code-block:has(pre[data-language="sh"])').first();
    if ((await block.count()) === 0) continue;
    const text = await block.locator('pre').innerText();
    if (!/^\$ /m.test(text)) continue;
    await block.getByRole('button', { name: /copy commands/i }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).not.toMatch(/^\$ /m);
    expect(copied.length).toBeGreaterThan(0);
    return;
  }
  throw new Error('no terminal block with a $ prompt found in any chapter');
});

test('heading anchors give stable links', async ({ page }) => {
  await page.goto(CHAPTER_PAGES[0] ?? '/');
  const anchor = page.locator('h2 .heading-anchor').first();
  const href = await anchor.getAttribute('href');
  expect(href).toMatch(/^#[a-z0-9-]+$/);
  await anchor.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href ?? ''}$`));
});

test('an unknown URL shows the 404 page with a way back', async ({ page, guards }) => {
  guards.allowConsole(/404/);
  const response = await page.goto('/no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await checkA11y(page);
});

test('the page fits a 360 px wide screen without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const pathname of ['/', ...CHAPTER_PAGES.slice(0, 3)]) {
    await page.goto(pathname);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, `${pathname} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
  }
});
