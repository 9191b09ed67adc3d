/**
 * Shared e2e fixtures. Every test gets a page that:
 * - fails the test on any console error or warning, uncaught exception or CSP violation (a
 *   warning is how a library says it fell back to something worse, e.g. Pagefind leaving its
 *   worker; the few expected ones are listed in EXPECTED_WARNINGS, each with its reason);
 * - blocks and records every request that would leave 127.0.0.1 (the site must work offline);
 * and a `checkA11y(page)` helper running axe with the WCAG 2.2 AA rule set.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export interface PageGuards {
  consoleErrors: string[];
  cspViolations: string[];
  externalRequests: string[];
  /** Allow console errors or warnings matching this pattern in the current test (e.g. a deliberate 404). */
  allowConsole: (pattern: RegExp) => void;
}

/**
 * Console warnings every test may meet, with the reason each is not a defect. Keep it short:
 * anything else printed as a warning fails the test.
 */
export const EXPECTED_WARNINGS: readonly { pattern: RegExp; reason: string }[] = [];

const LOCAL = /^(http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:|about:)/;

export const test = base.extend<{ guards: PageGuards }>({
  guards: [
    async ({ page }, use) => {
      const guards: PageGuards = {
        consoleErrors: [],
        cspViolations: [],
        externalRequests: [],
        allowConsole: (pattern) => allowed.push(pattern),
      };
      const allowed: RegExp[] = [];
      await page.route(
        (url) => !LOCAL.test(url.href),
        (route) => {
          guards.externalRequests.push(route.request().url());
          void route.abort('blockedbyclient');
        },
      );
      page.on('console', (message) => {
        const type = message.type();
        if (type === 'error') guards.consoleErrors.push(message.text());
        else if (
          type === 'warning' &&
          !EXPECTED_WARNINGS.some(({ pattern }) => pattern.test(message.text()))
        )
          guards.consoleErrors.push(`warning: ${message.text()}`);
      });
      page.on('pageerror', (error) => guards.consoleErrors.push(`uncaught: ${error.message}`));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
        });
      });
      await use(guards);
      const errors = guards.consoleErrors.filter((text) => !allowed.some((re) => re.test(text)));
      expect(errors, 'console errors, warnings or CSP violations').toEqual([]);
      expect(guards.externalRequests, 'requests that left localhost').toEqual([]);
    },
    // Applies to every test, even one that does not name the fixture.
    { auto: true },
  ],
});

export { expect };

export async function checkA11y(
  page: Page,
  options: { include?: string; exclude?: string[] } = {},
) {
  let builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'wcag22aa',
  ]);
  if (options.include) builder = builder.include(options.include);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join(' | ')}`,
  );
  expect(summary, 'axe WCAG 2.2 AA violations').toEqual([]);
}

/** Switch the site theme the way a reader would, through the stored choice, and reload. */
export async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.evaluate((t) => {
    localStorage.setItem('fdl-theme', t);
  }, theme);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}
