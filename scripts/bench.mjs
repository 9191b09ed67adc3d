// `npm run bench`: builds the site, then prints
//  1. every bench/*.bench.ts (simulation speed figures, each with its target);
//  2. per page: HTML, CSS and JS bytes gzipped (JS = everything the page would load,
//     islands included), against the budgets; and, measured in headless Chromium, each page's
//     first-load JS: what it loads at 1280 × 800 and at 375 × 740 before the reader scrolls,
//     i.e. before any island below the fold hydrates (budget: 40 KB on chapters);
//  3. per widget island: its JS gzipped beyond Preact itself;
//  4. every bench/*.browser.mjs: figures measured in headless Chromium on the built site
//     (each module's default export gets { browser, baseUrl, dist } and prints its own rows);
//  5. Lighthouse (mobile) on every page: performance, accessibility, best practices, SEO.
// Figures are printed, never asserted: speed and size targets do not belong in unit tests.
// Flags: --no-build (reuse dist/), --no-lighthouse, --only=sim|size|browser|lighthouse.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { assertNode22, childEnv, distDir, root } from './lib.mjs';
import { findChromium } from './find-chromium.mjs';

assertNode22();
const args = new Set(process.argv.slice(2));
const only = [...args].find((a) => a.startsWith('--only='))?.slice(7);
const want = (part) => !only || only === part;
const dist = distDir();

if (want('sim')) {
  console.log('━━ simulation benchmarks ━━');
  const dir = path.join(root, 'bench');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.bench.ts'))
        .sort()
    : [];
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'fdl-bench-'));
  for (const file of files) {
    const outfile = path.join(tmp, file.replace(/\.ts$/, '.mjs'));
    await build({
      entryPoints: [path.join(dir, file)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'error',
      // Bundled CommonJS code (yaml's Node build) calls require() for Node built-ins.
      banner: {
        js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);",
      },
    });
    const result = spawnSync(process.execPath, [outfile], {
      stdio: 'inherit',
      env: childEnv(),
      cwd: root,
    });
    if (result.status !== 0) console.log(`${file}: exited with ${result.status}`);
  }
  rmSync(tmp, { recursive: true, force: true });
}

if (!want('size') && !want('browser') && !want('lighthouse')) process.exit(0);

if (!args.has('--no-build')) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    stdio: 'inherit',
    env: childEnv(),
    cwd: root,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const gz = (file) => gzipSync(readFileSync(file)).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const fileOf = (url) => path.join(dist, url.split('?')[0]);

/** Static imports of a bundled JS chunk (relative specifiers resolved against it). */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(
    /(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g,
  )) {
    out.push(path.resolve(path.dirname(file), m[1]));
  }
  return out;
}

function closure(entries) {
  const seen = new Set();
  const stack = [...entries];
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    stack.push(...importsOf(file));
  }
  return seen;
}

/** Inline <script> bytes of a built page, gzipped one by one. */
function inlineJsOf(html) {
  return [...html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].reduce(
    (n, m) => n + gzipSync(m[1]).length,
    0,
  );
}

/**
 * Each page's first-load JS, as [1280 × 800, 375 × 740]: every script file the browser fetches
 * from load until the network is idle without any scrolling (islands in view hydrate, those
 * below the fold do not), gzipped from dist/, plus the page's inline scripts.
 */
async function measureFirstLoad(chromePath, list) {
  const { startServer } = await import('./serve.mjs');
  const { server, url } = await startServer({ dir: dist, port: 0 });
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: chromePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const out = new Map();
  try {
    for (const page of list) {
      const inline = inlineJsOf(readFileSync(path.join(dist, page, 'index.html'), 'utf8'));
      const sizes = [];
      for (const viewport of [
        { width: 1280, height: 800 },
        { width: 375, height: 740 },
      ]) {
        const context = await browser.newContext({ viewport });
        const tab = await context.newPage();
        const files = new Set();
        tab.on('request', (request) => {
          const { pathname } = new URL(request.url());
          if (pathname.endsWith('.js') && !pathname.startsWith('/pagefind/'))
            files.add(fileOf(pathname));
        });
        // `load` waits for the module graph of the page's scripts; network idle then lets any
        // island in view hydrate.
        await tab.goto(new URL(page, url).href, { waitUntil: 'load' });
        await tab.waitForLoadState('networkidle');
        await tab.waitForTimeout(500);
        sizes.push([...files].filter(existsSync).reduce((n, f) => n + gz(f), 0) + inline);
        await context.close();
      }
      out.set(page, sizes);
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}

function pages(dir, prefix = '/') {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !['_astro', 'pagefind', 'lab-project'].includes(entry.name))
      out.push(...pages(path.join(dir, entry.name), `${prefix}${entry.name}/`));
    else if (entry.name === 'index.html') out.push(prefix);
  }
  return out.sort();
}

const pageList = pages(dist);
if (want('size')) {
  console.log('\n━━ page weight (gzipped) ━━');
  console.log(
    'page'.padEnd(34),
    'HTML'.padStart(9),
    'CSS'.padStart(9),
    'JS'.padStart(9),
    '  budgets: HTML ≤ 30 KB; JS ≤ 10 KB on pages without widgets',
  );
  const islands = new Map();
  const allJs = new Map();
  let renderer = new Set();
  for (const page of pageList) {
    const htmlFile = path.join(dist, page, 'index.html');
    const html = readFileSync(htmlFile, 'utf8');
    const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) =>
      fileOf(m[1]),
    );
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => fileOf(m[1]));
    const islandUrls = [...html.matchAll(/component-url="([^"]+)"/g)].map((m) => fileOf(m[1]));
    const rendererUrls = [...html.matchAll(/renderer-url="([^"]+)"/g)].map((m) => fileOf(m[1]));
    for (const m of html.matchAll(/component-url="([^"]+)"[^>]*component-export="([^"]+)"/g))
      islands.set(path.basename(m[1]).replace(/\.[\w-]+\.js$/, ''), fileOf(m[1]));
    if (rendererUrls.length) renderer = closure(rendererUrls);
    const js = closure([...scripts, ...islandUrls, ...rendererUrls]);
    const inlineJs = [...html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].reduce(
      (n, m) => n + gzipSync(m[1]).length,
      0,
    );
    const jsBytes = [...js].reduce((n, f) => n + gz(f), 0) + inlineJs;
    allJs.set(page, jsBytes);
    const cssBytes = css.filter(existsSync).reduce((n, f) => n + gz(f), 0);
    const htmlBytes = gz(htmlFile);
    const flags = [
      htmlBytes > 30 * 1024 ? 'HTML over budget' : '',
      islandUrls.length === 0 && jsBytes > 10 * 1024 ? 'JS over budget' : '',
    ]
      .filter(Boolean)
      .join(', ');
    console.log(
      page.padEnd(34),
      kb(htmlBytes).padStart(9),
      kb(cssBytes).padStart(9),
      kb(jsBytes).padStart(9),
      islandUrls.length ? `  (${islandUrls.length} island${islandUrls.length > 1 ? 's' : ''})` : '',
      flags ? `  ⚠ ${flags}` : '',
    );
  }
  const chromePath = findChromium({ obtain: false });
  if (!chromePath) {
    console.log('\nfirst-load JS: skipped, no Chromium (set CHROMIUM_PATH)');
  } else {
    console.log(
      '\n━━ first-load JS (gzipped): loaded before scrolling, budget ≤ 40 KB per chapter ━━',
    );
    console.log('page'.padEnd(34), '1280×800'.padStart(9), '375×740'.padStart(9), '   all islands');
    const firstLoad = await measureFirstLoad(chromePath, pageList);
    for (const page of pageList) {
      const [wide, narrow] = firstLoad.get(page) ?? [0, 0];
      const all = allJs.get(page) ?? 0;
      const chapter = readFileSync(path.join(dist, page, 'index.html'), 'utf8').includes(
        'class="layout-chapter"',
      );
      const over = chapter && Math.max(wide, narrow) > 40 * 1024 ? '  ⚠ over budget' : '';
      console.log(
        page.padEnd(34),
        kb(wide).padStart(9),
        kb(narrow).padStart(9),
        kb(all).padStart(14),
        over,
      );
    }
  }
  console.log('\n━━ widget islands: JS gzipped beyond Preact itself ━━');
  const preactBytes = [...renderer].reduce((n, f) => n + gz(f), 0);
  console.log(`Preact renderer and runtime (shared by all islands): ${kb(preactBytes)}`);
  for (const [name, file] of [...islands].sort()) {
    const own = [...closure([file])].filter((f) => !renderer.has(f));
    console.log(`${name.padEnd(28)} ${kb(own.reduce((n, f) => n + gz(f), 0)).padStart(9)}`);
  }
}

if (want('browser')) {
  const dir = path.join(root, 'bench');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.browser.mjs'))
        .sort()
    : [];
  const chromePath = files.length ? findChromium({ obtain: false }) : null;
  if (files.length && !chromePath) {
    console.log('\n━━ browser figures ━━\nskipped: no Chromium (set CHROMIUM_PATH)');
  } else if (files.length) {
    const { startServer } = await import('./serve.mjs');
    const { server, url } = await startServer({ dir: dist, port: 0 });
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({
      executablePath: chromePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      for (const file of files) {
        const mod = await import(path.join(dir, file));
        await mod.default({ browser, baseUrl: url, dist });
      }
    } finally {
      await browser.close();
      server.close();
    }
  }
}

if (want('lighthouse') && !args.has('--no-lighthouse')) {
  console.log(
    '\n━━ Lighthouse (mobile) ━━   targets: performance ≥ 98; accessibility, best practices, SEO = 100',
  );
  const chromePath = findChromium({ obtain: false });
  if (!chromePath) {
    console.log('lighthouse: skipped, no Chromium (set CHROMIUM_PATH)');
    process.exit(0);
  }
  const { startServer } = await import('./serve.mjs');
  const { server, url } = await startServer({ dir: dist, port: 0 });
  const chromeLauncher = await import('chrome-launcher');
  const lighthouse = (await import('lighthouse')).default;
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  console.log(
    'page'.padEnd(34),
    'perf'.padStart(5),
    'a11y'.padStart(5),
    'b.p.'.padStart(5),
    'seo'.padStart(5),
  );
  try {
    for (const page of pageList) {
      const result = await lighthouse(new URL(page, url).href, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      });
      const c = result?.lhr.categories ?? {};
      const score = (k) => String(Math.round((c[k]?.score ?? 0) * 100)).padStart(5);
      const failing = Object.values(result?.lhr.audits ?? {})
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
        .map((a) => a.id);
      if (result?.lhr.runtimeError) {
        console.log(
          page.padEnd(34),
          `  Lighthouse error: ${result.lhr.runtimeError.code} (not a score; run again)`,
        );
        continue;
      }
      console.log(
        page.padEnd(34),
        score('performance'),
        score('accessibility'),
        score('best-practices'),
        score('seo'),
        failing.length ? `  failing: ${failing.join(', ')}` : '',
      );
    }
  } finally {
    await chrome.kill();
    server.close();
  }
}
