// Widget instances of a built page and how tall their main view is: shared by the e2e specs
// (e2e/widgets.ts, e2e/layout.spec.ts) and `npm run bench` (bench/widget-heights.browser.mjs).
import path from 'node:path';

/** `proxy-hops` from `/_astro/ProxyHops.AbC123.js`. */
export function kindOf(componentUrl) {
  const base = path.basename(componentUrl).replace(/\.[\w-]+\.js$/, '');
  return base.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

/**
 * Every `[data-widget-slot]` of a built page (src/components/WidgetSlot.astro) with its
 * island's widget name.
 * @param {string} html
 * @returns {{ id: string, kind: string }[]}
 */
export function widgetsIn(html) {
  return [...html.matchAll(/data-widget-slot="([^"]+)"[\s\S]*?component-url="([^"]+)"/g)].map(
    (m) => ({ id: m[1] ?? '', kind: kindOf(m[2] ?? '') }),
  );
}

/**
 * Where a widget's main view ends, when not at the bottom of its `.widget-layout` (or, without
 * one, above its caption). An exercise's task ends at its Check button; hints and the solution
 * come after it.
 * @type {Readonly<Record<string, string>>}
 */
export const MAIN_VIEW_END = { exercises: '.ex-actions' };

/**
 * Runs in the page (pass it to `locator.evaluate` with the widget's MAIN_VIEW_END selector or
 * null): the figure's main-view and whole heights in CSS pixels, and its width.
 * @param {Element} figure
 * @param {string | null} endSelector
 */
export function measureWidget(figure, endSelector) {
  const box = figure.getBoundingClientRect();
  const end = endSelector ? figure.querySelector(endSelector)?.getBoundingClientRect() : null;
  const layout = figure.querySelector('.widget-layout')?.getBoundingClientRect();
  const caption = figure.querySelector(':scope > figcaption')?.getBoundingClientRect();
  const bottom = end?.bottom ?? layout?.bottom ?? caption?.top ?? box.bottom;
  return {
    main: Math.round(bottom - box.top),
    whole: Math.round(box.height),
    width: Math.round(box.width),
  };
}
