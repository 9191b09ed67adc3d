/**
 * Hostile inputs, table-driven, for every widget instance on every built page (issue 16,
 * "Cover what the tests miss today"). Instances are discovered from the build: each Astro
 * island whose component keeps its state with useUrlState gets every case below, so a new
 * widget is covered the day it is placed in a chapter.
 *
 * For each case the page must log no console error or CSP violation (fixtures.ts), run no
 * injected script, leave Object.prototype alone, and keep the widget usable:
 * - structural junk (bad base64url, truncated, not JSON, wrong JSON type, oversized) shows the
 *   widget's notice and its default scenario;
 * - per-field junk (wrong types, huge / negative / infinite numbers, markup, prototype keys)
 *   is clamped or refused: no NaN / Infinity / undefined / [object Object] on screen, and Reset
 *   brings back the default scenario.
 * A share link the site writes stays under 8,000 characters even for the largest state a link
 * can carry, and the progress page survives a series of hostile import files.
 *
 * Out of this table: the Dockerfile checker keeps its scenario in the URL hash with its own
 * paste and bomb cases (e2e/dockerfile-checker.spec.ts); the checklist has no URL state.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { WIDGET_NAMES } from '../src/lib/widget-names';
import { expect, test } from './fixtures';
import { PAGES } from './pages';

const dist = path.resolve(process.env.FDL_DIST ?? 'dist');
const MAX_LINK_CHARS = 8000;
const INJECTED = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';

interface Instance {
  readonly page: string;
  readonly component: string;
  /** The id of the widget's <figure> (its anchor). */
  readonly figureId: string;
  /** The query parameter holding its state. */
  readonly param: string;
}

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const sourceCache = new Map<string, string | null>();
function componentSource(component: string): string | null {
  if (!sourceCache.has(component)) {
    try {
      sourceCache.set(
        component,
        readFileSync(path.resolve('src', 'widgets', component, `${component}.tsx`), 'utf8'),
      );
    } catch {
      sourceCache.set(component, null);
    }
  }
  return sourceCache.get(component) ?? null;
}

/** Every island on every built page whose component reads its state with useUrlState. */
function discoverInstances(): { instances: Instance[]; components: Set<string> } {
  const instances: Instance[] = [];
  const components = new Set<string>();
  for (const page of PAGES) {
    const html = readFileSync(path.join(dist, page, 'index.html'), 'utf8');
    for (const match of html.matchAll(/<astro-island ([^>]*)>([\s\S]*?)<\/astro-island>/g)) {
      const attributes = decodeEntities(match[1] ?? '');
      const name = /"name":"(\w+)"/.exec(attributes)?.[1];
      if (name === undefined) continue;
      components.add(name);
      const source = componentSource(name);
      if (source === null || !source.includes('useUrlState')) continue;
      const propsId = /"id":\[0,"([^"]+)"\]/.exec(attributes)?.[1];
      const literal = /useUrlState(?:<[^>]*>)?\(\s*'([^']+)'/.exec(source)?.[1];
      const figureId = /<figure class="widget" id="([^"]+)"/.exec(match[2] ?? '')?.[1];
      const param = literal ?? propsId;
      if (param === undefined || figureId === undefined) continue;
      instances.push({ page, component: name, figureId, param });
    }
  }
  return { instances, components };
}

const { instances: INSTANCES, components: COMPONENTS } = discoverInstances();
const BY_PAGE = new Map<string, Instance[]>();
for (const instance of INSTANCES) {
  BY_PAGE.set(instance.page, [...(BY_PAGE.get(instance.page) ?? []), instance]);
}

test('the table covers every placed widget that keeps URL state', () => {
  const covered = new Set(INSTANCES.map((instance) => kebab(instance.component)));
  // Widgets kept out of this table on purpose (see the header comment).
  const elsewhere = new Set(['checklist', 'dockerfile-checker']);
  const placed = WIDGET_NAMES.filter((name) =>
    [...COMPONENTS].some((component) => kebab(component) === name),
  );
  expect(placed.filter((name) => !covered.has(name) && !elsewhere.has(name))).toEqual([]);
  // The widgets the issue names are in it.
  for (const name of ['async-view', 'readiness', 'trusted-hosts', 'live-lab']) {
    expect([...covered], name).toContain(name);
  }
});

const encode = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/** JSON text of `value` in which the string "__RAW:x__" becomes the raw token x (1e999, -0). */
function rawJson(value: unknown): string {
  return JSON.stringify(value).replace(/"__RAW:([^"]+)__"/g, '$1');
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The state a widget's own share link carries (read from the link it writes). */
async function shareState(page: Page, instance: Instance): Promise<Record<string, Json>> {
  const figure = page.locator(`figure#${instance.figureId}`);
  await figure.getByRole('button', { name: 'Copy link to this scenario' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const value = new URL(link).searchParams.get(instance.param) ?? '';
  return JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<string, Json>;
}

async function hydrate(page: Page, instance: Instance): Promise<Locator> {
  const figure = page.locator(`figure#${instance.figureId}`);
  await figure.scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:has(> figure#${instance.figureId})`)).not.toHaveAttribute(
    'ssr',
    /.*/,
  );
  return figure;
}

/** What the widget shows and its controls hold, without its notice line (what the cases change). */
async function widgetText(figure: Locator): Promise<string> {
  return figure.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelector('.widget-notice')?.remove();
    const controls = [...element.querySelectorAll('input, select, textarea')].map((control) =>
      control instanceof HTMLInputElement &&
      (control.type === 'checkbox' || control.type === 'radio')
        ? String(control.checked)
        : (control as HTMLInputElement).value,
    );
    return `${copy.textContent.replace(/\s+/g, ' ').trim()} | ${controls.join(' | ')}`;
  });
}

async function openWith(page: Page, pathname: string, params: Record<string, string>) {
  const search = new URLSearchParams(params).toString();
  await page.goto(`${pathname}${search === '' ? '' : `?${search}`}`);
}

async function expectNothingInjected(page: Page): Promise<void> {
  expect(
    await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      polluted: (Object.prototype as Record<string, unknown>)['polluted'],
    })),
  ).toEqual({ pwned: undefined, polluted: undefined });
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
}

async function baselines(page: Page, list: readonly Instance[]) {
  await page.goto(list[0]?.page ?? '/');
  const states = new Map<string, Record<string, Json>>();
  for (const instance of list) {
    await hydrate(page, instance);
    states.set(instance.figureId, await shareState(page, instance));
  }
  return { states };
}

/** Cases that make a link's state unusable as a whole: notice, defaults. */
const STRUCTURAL: readonly {
  name: string;
  value: (state: Record<string, Json>) => string;
  /** One instance per load: several oversized parameters would exceed any server's URL limit. */
  alone?: boolean;
}[] = [
  { name: 'not base64url', value: () => '!!%%<script>' },
  { name: 'truncated', value: (state) => encode(JSON.stringify(state)).slice(0, -7) },
  { name: 'base64url of text that is not JSON', value: () => encode('{"oops": ') },
  {
    name: 'base64url of invalid UTF-8',
    value: () => Buffer.from([0xff, 0xfe, 0xfd]).toString('base64url'),
  },
  { name: 'a JSON array', value: () => encode('[1,2,3]') },
  { name: 'JSON null', value: () => encode('null') },
  { name: 'an infinite JSON number', value: () => encode('1e999') },
  { name: 'a JSON string of markup', value: () => encode(JSON.stringify(INJECTED)) },
  { name: 'an oversized payload', value: () => 'A'.repeat(MAX_LINK_CHARS + 500), alone: true },
];

function mapFields(
  state: Record<string, Json>,
  change: (value: Json) => Json,
): Record<string, Json> {
  return Object.fromEntries(Object.entries(state).map(([key, value]) => [key, change(value)]));
}

const isNumber = (value: Json): value is number => typeof value === 'number';

/** Cases with the right shape and wrong contents: clamped or refused, never shown raw. */
const PER_FIELD: readonly { name: string; text: (state: Record<string, Json>) => string }[] = [
  { name: 'every field markup', text: (s) => JSON.stringify(mapFields(s, () => INJECTED)) },
  { name: 'every field null', text: (s) => JSON.stringify(mapFields(s, () => null)) },
  { name: 'every field an object', text: (s) => JSON.stringify(mapFields(s, () => ({ a: 1 }))) },
  { name: 'every field an array', text: (s) => JSON.stringify(mapFields(s, () => [1, 'x'])) },
  { name: 'every field a boolean', text: (s) => JSON.stringify(mapFields(s, () => true)) },
  {
    name: 'numbers infinite',
    text: (s) => rawJson(mapFields(s, (v) => (isNumber(v) ? '__RAW:1e999__' : v))),
  },
  {
    name: 'numbers -infinite',
    text: (s) => rawJson(mapFields(s, (v) => (isNumber(v) ? '__RAW:-1e999__' : v))),
  },
  {
    name: 'numbers negative',
    text: (s) => JSON.stringify(mapFields(s, (v) => (isNumber(v) ? -7 : v))),
  },
  {
    name: 'numbers huge',
    text: (s) => JSON.stringify(mapFields(s, (v) => (isNumber(v) ? 1e308 : v))),
  },
  {
    name: 'numbers fractional',
    text: (s) => JSON.stringify(mapFields(s, (v) => (isNumber(v) ? 0.5 : v))),
  },
  {
    name: 'numbers as text "NaN"',
    text: (s) => JSON.stringify(mapFields(s, (v) => (isNumber(v) ? 'NaN' : v))),
  },
  {
    name: 'prototype keys',
    text: (s) =>
      `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},${JSON.stringify(s).slice(1)}`,
  },
  {
    name: 'prototype keys inside every object field',
    text: (s) =>
      rawJson(
        mapFields(s, (v) =>
          typeof v === 'object' && v !== null && !Array.isArray(v)
            ? '__RAW:{"__proto__":{"polluted":1},"toString":"x"}__'
            : v,
        ),
      ),
  },
];

const BAD_TEXT = /\bNaN\b|Infinity|\bundefined\b|\[object Object\]/;
/** A widget quoting the refused value back ("max_connections: Infinity is not a number") is fine. */
const QUOTED_REFUSAL = /"?(NaN|-?Infinity)"? is not a number/g;

for (const [pathname, list] of BY_PAGE) {
  test.describe(`hostile URL state on ${pathname} (${list.map((i) => i.figureId).join(', ')})`, () => {
    test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

    test('structural junk: a notice and the default scenario', async ({ page }) => {
      // Pages with several simulations are slow to hydrate on a shared two-core machine.
      test.setTimeout(300_000);
      const { states } = await baselines(page, list);
      for (const attack of STRUCTURAL) {
        const loads = attack.alone === true ? list.map((instance) => [instance]) : [list];
        for (const group of loads) {
          console.log(`${pathname}: ${attack.name} (${group.map((i) => i.figureId).join(', ')})`);
          await openWith(
            page,
            pathname,
            Object.fromEntries(
              group.map((i) => [i.param, attack.value(states.get(i.figureId) ?? {})]),
            ),
          );
          for (const instance of group) {
            const figure = await hydrate(page, instance);
            await expect(
              figure.locator('.widget-notice'),
              `${attack.name}: ${instance.figureId}`,
            ).toHaveText(/\S/);
            expect(
              await shareState(page, instance),
              `${attack.name}: ${instance.figureId}`,
            ).toEqual(states.get(instance.figureId));
          }
          await expectNothingInjected(page);
        }
      }
    });

    test('per-field junk: clamped or refused, never shown raw; Reset restores', async ({
      page,
    }) => {
      test.setTimeout(400_000);
      const { states } = await baselines(page, list);
      for (const attack of PER_FIELD) {
        await openWith(
          page,
          pathname,
          Object.fromEntries(
            list.map((i) => [i.param, encode(attack.text(states.get(i.figureId) ?? {}))]),
          ),
        );
        for (const instance of list) {
          const figure = await hydrate(page, instance);
          await expect(figure.getByRole('heading').first()).toBeVisible();
          expect(
            (await widgetText(figure)).replace(QUOTED_REFUSAL, ''),
            `${attack.name}: ${instance.figureId}`,
          ).not.toMatch(BAD_TEXT);
        }
        await expectNothingInjected(page);
        for (const instance of list) {
          const figure = page.locator(`figure#${instance.figureId}`);
          await figure.getByRole('button', { name: 'Reset' }).click();
          expect(
            await shareState(page, instance),
            `${attack.name}: reset ${instance.figureId}`,
          ).toEqual(states.get(instance.figureId));
        }
      }
    });

    test('a share link stays under 8,000 characters for the largest state a link carries', async ({
      page,
    }) => {
      const { states } = await baselines(page, list);
      for (const instance of list) {
        const state = states.get(instance.figureId) ?? {};
        // Inflate every string and array as far as a link the site accepts allows.
        const inflate = (size: number) =>
          mapFields(state, (value) =>
            typeof value === 'string'
              ? value + 'x'.repeat(size)
              : Array.isArray(value) && value.length > 0
                ? Array.from(
                    { length: Math.ceil(size / 20) + value.length },
                    (_u, k) => value[k % value.length] ?? null,
                  )
                : isNumber(value)
                  ? 1e9
                  : value,
          );
        let size = 4000;
        while (size > 0 && encode(JSON.stringify(inflate(size))).length > MAX_LINK_CHARS - 200) {
          size = Math.floor(size * 0.8);
        }
        await openWith(page, pathname, { [instance.param]: encode(JSON.stringify(inflate(size))) });
        const figure = await hydrate(page, instance);
        await figure.getByRole('button', { name: 'Copy link to this scenario' }).click();
        const link = await page.evaluate(() => navigator.clipboard.readText());
        console.log(`share link for ${pathname}#${instance.figureId}: ${link.length} characters`);
        expect(link.length, instance.figureId).toBeLessThan(MAX_LINK_CHARS);
      }
    });
  });
}

/** Files a learner might be handed: each is refused or read within bounds, never harmful. */
const HOSTILE_FILES: readonly { name: string; body: () => Buffer }[] = [
  {
    name: 'binary.json',
    body: () => Buffer.from(Array.from({ length: 20_000 }, (_u, k) => (k * 131) % 256)),
  },
  { name: 'huge.json', body: () => Buffer.from(`{"pad":"${'x'.repeat(700_000)}"}`) },
  { name: 'deep.json', body: () => Buffer.from(`${'['.repeat(200_000)}${']'.repeat(200_000)}`) },
  { name: 'empty.json', body: () => Buffer.alloc(0) },
  {
    name: 'bom.json',
    body: () => Buffer.from('\ufeff{"format":"flask-deploy-lab/progress","version":1}'),
  },
  {
    name: 'interview-log.json',
    body: () => Buffer.from('{"format":"flask-deploy-lab/interview-log","version":1,"log":[]}'),
  },
  {
    name: 'future.json',
    body: () => Buffer.from('{"format":"flask-deploy-lab/progress","version":2,"exercises":{}}'),
  },
  {
    name: 'prototype-keys.json',
    body: () =>
      Buffer.from(
        '{"format":"flask-deploy-lab/progress","version":1,"exercises":{"__proto__":{"solved":true,"attempts":1,"hintsUsed":0},"constructor":{"solved":true,"attempts":1,"hintsUsed":0},"toString":{"solved":true,"attempts":1,"hintsUsed":0}},"checklist":{"__proto__":true,"constructor":true},"resume":null}',
      ),
  },
  {
    name: 'numeric-flood.json',
    body: () =>
      Buffer.from(
        JSON.stringify({
          format: 'flask-deploy-lab/progress',
          version: 1,
          exercises: Object.fromEntries(
            Array.from({ length: 3000 }, (_u, k) => [
              String(k),
              { solved: true, attempts: 1, hintsUsed: 0 },
            ]),
          ),
        }),
      ),
  },
  {
    name: 'wrong-types.json',
    body: () =>
      Buffer.from(
        `{"format":"flask-deploy-lab/progress","version":1,"exercises":{"gunicorn-access-log":{"solved":"yes","attempts":1e999,"hintsUsed":-1},"gunicorn-workers-start":{"solved":false,"attempts":0.5,"hintsUsed":"2"}},"checklist":[],"resume":{"href":"javascript:alert(1)","title":${JSON.stringify(INJECTED)},"at":"yesterday"}}`,
      ),
  },
  {
    name: 'markup-ids.json',
    body: () =>
      Buffer.from(
        JSON.stringify({
          format: 'flask-deploy-lab/progress',
          version: 1,
          exercises: { [INJECTED]: { solved: true, attempts: 1, hintsUsed: 0 } },
          resume: { href: '/reverse-proxies/', title: INJECTED, at: '2026-12-01T10:00:00.000Z' },
        }),
      ),
  },
];

test('hostile progress files never cost the learner their progress', async ({ page }) => {
  test.setTimeout(120_000);
  const manifest = readFileSync(path.resolve('src/training/exercise-manifest.ts'), 'utf8');
  const ids = [...manifest.matchAll(/id: '([^']+)'/g)].map((m) => m[1] ?? '').slice(0, 2);
  const stored = JSON.stringify({
    format: 'flask-deploy-lab/progress',
    version: 1,
    exercises: Object.fromEntries(
      ids.map((id) => [
        id,
        {
          solved: true,
          attempts: 1,
          hintsUsed: 0,
          solutionShown: false,
          solvedAt: '2026-11-28T10:00:00.000Z',
        },
      ]),
    ),
    checklist: {},
    resume: null,
  });
  await page.addInitScript((value) => {
    if (sessionStorage.getItem('fdl-seeded') === null) {
      localStorage.setItem('fdl-progress', value);
      sessionStorage.setItem('fdl-seeded', '1');
    }
  }, stored);
  await page.goto('/progress/');
  const solvedLine = page.getByText(/^\d+ of \d+ exercises solved/);
  await expect(solvedLine).toHaveText(/^2 of /);
  const status = page.locator('.pp-status');
  for (const file of HOSTILE_FILES) {
    await page.getByLabel('Import progress (JSON file)').setInputFiles({
      name: file.name,
      mimeType: 'application/json',
      buffer: file.body(),
    });
    await expect(status, file.name).toHaveText(/^(Nothing was imported|Imported)/);
    await expect(solvedLine, file.name).toHaveText(/^2 of /);
    await expectNothingInjected(page);
    // A resume link, if a file brought one, stays on the site.
    for (const href of await page
      .getByRole('link', { name: /^Resume:/ })
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))) {
      expect(href, file.name).toMatch(/^\/(?!\/)/);
    }
  }
  // After a reload the learner's two exercises are still solved and nothing is blamed on them.
  await page.reload();
  await expect(solvedLine).toHaveText(/^2 of /);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
