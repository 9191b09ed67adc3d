/**
 * Before an island hydrates (issue 14, defect 8), its server-rendered controls cannot take a
 * change that would then be silently dropped: the widget is inert until hydration, and works
 * right after. The island's code is held back here to make the window wide.
 */
import { expect, test } from './fixtures';
import { WIDGETS, waitForHydration } from './widgets';

test.use({ viewport: { width: 375, height: 740 } });

test('a widget ignores input until it has hydrated, then takes it', async ({ page }) => {
  const widget = WIDGETS.find((w) => w.kind === 'trusted-hosts');
  test.skip(!widget, 'no trusted-hosts widget in this build');
  if (!widget) return;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/_astro\/TrustedHosts\.[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${widget.page}#${widget.id}`);
  const figure = page.locator(`figure#${widget.id}`);
  const host = figure.getByLabel('Host header the request arrives with');
  await expect(host).toBeVisible();
  const before = await host.inputValue();

  // Not hydrated yet: a click does not focus the field, and typing changes nothing.
  await host.click({ force: true });
  await expect(host).not.toBeFocused();
  await page.keyboard.type('evil.example');
  await expect(host).toHaveValue(before);
  await expect(
    page.locator(`[data-widget-slot="${widget.id}"] [data-widget-live]`),
  ).toHaveAttribute('inert', '');

  release();
  await waitForHydration(page, widget.id);
  await host.fill('evil.example');
  await expect(figure.locator('.widget-verdict')).toContainText('400');
});
