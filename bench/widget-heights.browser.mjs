// Each widget instance's rendered height at 1280 × 800 (issue 14: a learner should see the
// main controls, the picture and the verdict together). "main view" is the widget's header,
// verdict and `.widget-layout` (controls beside the picture; for exercises, down to the Check
// button), the part that should fit the 744 px below the site header; "whole" is the figure.
// Printed, never asserted here; e2e/layout.spec.ts asserts the main view.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MAIN_VIEW_END, measureWidget, widgetsIn } from '../scripts/widget-instances.mjs';

function chapterPages(dist) {
  return readdirSync(dist, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !['_astro', 'pagefind', 'lab-project'].includes(e.name))
    .map((e) => `/${e.name}/`)
    .filter((p) =>
      readFileSync(path.join(dist, p, 'index.html'), 'utf8').includes('data-widget-slot'),
    )
    .sort();
}

export default async function widgetHeights({ browser, baseUrl, dist }) {
  console.log('\n━━ widget heights at 1280 × 800 (main view should be ≤ 744 px) ━━');
  console.log('widget'.padEnd(48), 'main view'.padStart(10), 'whole'.padStart(8));
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    for (const chapter of chapterPages(dist)) {
      const html = readFileSync(path.join(dist, chapter, 'index.html'), 'utf8');
      const widgets = widgetsIn(html);
      await page.goto(new URL(chapter, baseUrl).href);
      for (const { id, kind } of widgets) {
        const figure = page.locator(`figure#${id}`);
        await figure.scrollIntoViewIfNeeded();
        await page
          .locator(`[data-widget-slot="${id}"] [data-widget-live]:not([inert])`)
          .waitFor({ timeout: 20_000 });
        await page.waitForTimeout(500);
        const m = await figure.evaluate(measureWidget, MAIN_VIEW_END[kind] ?? null);
        const flag = m.main > 744 ? '  ⚠ taller than one screen' : '';
        console.log(
          `${chapter}#${id}`.padEnd(48),
          `${m.main} px`.padStart(10),
          `${m.whole} px`.padStart(8),
          flag,
        );
      }
    }
  } finally {
    await context.close();
  }
}
