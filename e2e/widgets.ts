/**
 * Every widget instance of the built site, read from the build (each chapter's
 * `[data-widget-slot]` elements, see src/components/WidgetSlot.astro), so a new widget or a
 * new placement is covered by the layout, no-JS and scenario-link specs without editing them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { widgetsIn } from '../scripts/widget-instances.mjs';
import { expect } from './fixtures';
import { CHAPTER_PAGES } from './pages';

const dist = path.resolve(process.env.FDL_DIST ?? 'dist');

export interface WidgetInstance {
  page: string;
  /** The instance id: the figure's id and the key of its URL state. */
  id: string;
  /** The widget's name (`proxy-hops`, `exercises`, …), from the island's component. */
  kind: string;
}

export const WIDGETS: WidgetInstance[] = CHAPTER_PAGES.flatMap((page) =>
  widgetsIn(readFileSync(path.join(dist, page, 'index.html'), 'utf8')).map((w) => ({
    page,
    ...w,
  })),
);

/** Scroll a widget into view and wait until its island has hydrated (it is inert until then). */
export async function openWidget(
  page: Page,
  widget: WidgetInstance,
  url?: string,
): Promise<Locator> {
  await page.goto(url ?? widget.page);
  const figure = page.locator(`figure#${widget.id}`);
  await figure.scrollIntoViewIfNeeded();
  await waitForHydration(page, widget.id);
  return figure;
}

export async function waitForHydration(page: Page, id: string): Promise<void> {
  await expect(page.locator(`[data-widget-slot="${id}"] [data-widget-live]`)).not.toHaveAttribute(
    'inert',
    /.*/,
  );
}
