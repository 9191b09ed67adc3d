// Link checker for the built site: every internal href/src in every page must point to a
// file in dist/, and every #fragment to an element id on the target page. External links are
// not fetched (the checker works offline); each one must be well-formed https on a
// documentation host from src/lib/official-hosts.json, and a github.com link must be an issue,
// a pull request, a release or a file at a tag (src/lib/official-links.mjs). Exits 1 and lists
// each broken link otherwise.
import { readdir, readFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { distDir } from './lib.mjs';
import { findOfficialLinkProblem } from '../src/lib/official-links.mjs';

const dist = distDir();

async function* htmlFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(full);
    else if (entry.name.endsWith('.html')) yield full;
  }
}

function pageUrl(file) {
  const rel = path.relative(dist, file).split(path.sep).join('/');
  return `/${rel.replace(/index\.html$/, '')}`;
}

function idsOf(html) {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
}

function resolveTarget(pathname) {
  const full = path.join(dist, decodeURIComponent(pathname));
  if (existsSync(full) && statSync(full).isFile()) return full;
  const index = path.join(full, 'index.html');
  return existsSync(index) ? index : null;
}

export async function checkLinks() {
  const pages = new Map();
  for await (const file of htmlFiles(dist)) pages.set(file, await readFile(file, 'utf8'));
  const idCache = new Map([...pages].map(([file, html]) => [file, idsOf(html)]));
  const broken = [];
  let checked = 0;
  let external = 0;
  for (const [file, html] of pages) {
    const from = pageUrl(file);
    // External links a reader can follow (<a href>): checked offline for form and host. The
    // canonical <link> names the site's own origin and is not a reference.
    for (const match of html.matchAll(/<a\s[^>]*?\bhref="(https?:[^"]*)"/gi)) {
      const raw = (match[1] ?? '').replace(/&amp;/g, '&');
      external++;
      const problem = findOfficialLinkProblem(raw);
      if (problem) broken.push(`${from}: ${raw} → ${problem}`);
    }
    for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const raw = match[1].replace(/&amp;/g, '&');
      if (/^(https?:|mailto:|data:|blob:|javascript:)/.test(raw) || raw === '') continue;
      checked++;
      const url = new URL(raw, `http://site${from}`);
      const target =
        url.pathname === from && raw.startsWith('#') ? file : resolveTarget(url.pathname);
      if (!target) {
        broken.push(`${from}: ${raw} → no such file`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && target.endsWith('.html')) {
        const ids = idCache.get(target) ?? idsOf(await readFile(target, 'utf8'));
        if (!ids.has(fragment)) broken.push(`${from}: ${raw} → no element with id "${fragment}"`);
      }
    }
  }
  return { checked, external, broken, pages: pages.size };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { checked, external, broken, pages } = await checkLinks();
  if (broken.length) {
    console.error(
      `links: ${broken.length} broken of ${checked} internal and ${external} external links in ${pages} pages:`,
    );
    for (const line of broken) console.error(`  ${line}`);
    process.exit(1);
  }
  console.log(
    `links: ${checked} internal links and ${external} external links (offline: form and host) in ${pages} pages, none broken`,
  );
}
