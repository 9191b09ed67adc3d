/**
 * "Copy link to this scenario" on every widget instance (issue 14, defect 3): change the
 * widget, copy its link, open the link in a fresh page — the page lands on the widget without
 * any scrolling by the reader, and the widget shows the copied state at once.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openWidget, WIDGETS } from './widgets';

test.use({ viewport: { width: 1280, height: 800 } });

/**
 * Every form value and pressed/current state inside the widget, in document order (except in
 * `.widget-more`, where a replay's position is not part of the scenario).
 */
function snapshot(figure: Locator): Promise<string[]> {
  return figure.evaluate((el) =>
    [
      ...el.querySelectorAll<HTMLElement>(
        'input, select, textarea, button[aria-pressed], button[aria-current]',
      ),
    ]
      // Secondary views and action arguments (the checker's example picker) are not the scenario.
      .filter(
        (control) => !control.closest('.widget-more') && !control.closest('[data-scenario-ignore]'),
      )
      .map((control) => {
        if (control instanceof HTMLInputElement)
          return control.type === 'checkbox' || control.type === 'radio'
            ? `${control.name}:${String(control.checked)}`
            : `${control.id}=${control.value}`;
        if (control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement)
          return `${control.id}=${control.value}`;
        return `${control.textContent}:${control.getAttribute('aria-pressed') ?? control.getAttribute('aria-current') ?? ''}`;
      }),
  );
}

/** Whether the widget has written its scenario into the page URL (query or fragment). */
async function hasState(page: Page, start: string): Promise<boolean> {
  try {
    await expect.poll(() => page.url(), { timeout: 1500 }).not.toBe(start);
    return true;
  } catch {
    return false;
  }
}

/**
 * Change the widget the way a reader would, trying its kinds of control until one puts state
 * in the URL. False when none does: the widget keeps no scenario in the URL (the checklist's
 * ticks live in the browser's storage), and its link only has to land on it.
 */
async function changeSomething(page: Page, figure: Locator): Promise<boolean> {
  const start = page.url();
  // Short action timeouts: a control kind the widget does not have must fail fast.
  page.setDefaultTimeout(2000);
  const tries: (() => Promise<void>)[] = [
    async () => {
      const range = figure.locator('input[type=range]:enabled').first();
      await range.focus();
      await page.keyboard.press('ArrowRight');
    },
    async () => {
      const box = figure.locator('input[type=checkbox]:enabled').first();
      await box.focus();
      await page.keyboard.press('Space');
    },
    async () => {
      const select = figure.locator('select:enabled').first();
      const values = await select
        .locator('option')
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
      const current = await select.inputValue();
      await select.selectOption(values.find((v) => v !== current) ?? current);
    },
    async () => {
      const next = figure.locator('nav button:not([aria-current])').first();
      await next.click();
    },
    async () => {
      const field = figure.locator('input[type=number]:enabled').first();
      const value = Number(await field.inputValue());
      await field.fill(String(value + 1));
      await field.press('Tab');
    },
  ];
  for (const attempt of tries) {
    try {
      await attempt();
    } catch {
      // This kind of control is absent or disabled here: try the next kind.
      continue;
    }
    if (await hasState(page, start)) {
      page.setDefaultTimeout(0);
      return true;
    }
  }
  page.setDefaultTimeout(0);
  return false;
}

for (const widget of WIDGETS) {
  test(`${widget.page}#${widget.id}: its scenario link lands on it with the state restored`, async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const figure = await openWidget(page, widget);
    const inUrl = await changeSomething(page, figure);
    const expected = await snapshot(figure);
    await figure.getByRole('button', { name: 'Copy link to this scenario' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    // The link names the widget (its anchor) and, when the widget keeps a scenario, carries it.
    expect(new URL(link).hash.startsWith(`#${widget.id}`)).toBe(true);
    if (inUrl) expect(link).not.toBe(new URL(`${widget.page}#${widget.id}`, page.url()).href);

    const fresh = await context.newPage();
    await fresh.goto(link);
    const landed = fresh.locator(`figure#${widget.id}`);
    // No scrolling by the reader: the link itself brings the widget into view…
    await expect(landed).toBeInViewport({ timeout: 5000 });
    // …and the widget shows the copied scenario.
    await expect.poll(() => snapshot(landed), { timeout: 5000 }).toEqual(expected);
    await expect(landed).toBeInViewport();
    await expect(landed.locator('.widget-notice')).not.toContainText('ignored');
  });
}
