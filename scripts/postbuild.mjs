// After `astro build`: give every page a Content-Security-Policy <meta> that hashes the exact
// inline scripts on that page (Astro's island loader, the theme script), and write the header
// files a static host needs (dist/_headers for Netlify / Cloudflare Pages style hosts; the
// nginx equivalent is docs/deploy/nginx.conf). See docs/adr/0005-csp-after-build.md.
//
// The policy forbids every third-party origin and 'unsafe-eval'. 'wasm-unsafe-eval' is
// allowed because Pagefind's search runs as WebAssembly; styles allow 'unsafe-inline' so
// widgets can set computed widths and colours on SVG and HTML elements.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Origins the opt-in WebContainer lab may talk to, only on /lab/ pages (docs/adr/0004).
 * `WebContainer.boot()` inserts a hidden iframe from https://stackblitz.com/headless
 * (@webcontainer/api 1.6.4 dist/internal/iframe-url.js; `*.stackblitz.com` does not match the
 * bare domain) and its optional OAuth calls go to the same origin (dist/internal/tokens.js);
 * everything the runtime loads after that is fetched inside that iframe, under StackBlitz's
 * own policy. Previews of servers started in the container live on *.webcontainer-api.io.
 */
export const LAB_ORIGINS = [
  'https://stackblitz.com',
  'https://*.stackblitz.com',
  'https://*.webcontainer-api.io',
];

export function policyFor(scriptHashes, { lab = false } = {}) {
  const extra = lab ? ` ${LAB_ORIGINS.join(' ')}` : '';
  const hashes = [...scriptHashes]
    .sort()
    .map((h) => `'${h}'`)
    .join(' ');
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${hashes ? ` ${hashes}` : ''}${extra}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${extra}`,
    `frame-src 'self'${extra}`,
    `worker-src 'self'${lab ? ' blob:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "manifest-src 'self'",
  ].join('; ');
}

/** Directives a <meta> cannot carry; they go in the HTTP header on every page. */
export const HEADER_POLICY =
  "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

export const SECURITY_HEADERS = {
  'Content-Security-Policy': HEADER_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Cross-origin isolation, which WebContainer needs; sent only on /lab/ pages. */
export const LAB_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Pagefind runs its search in a dedicated worker (/pagefind/pagefind-worker.js). A page with
 * `Cross-Origin-Embedder-Policy: require-corp` (the lab) may only start a worker whose script
 * is served with a compatible COEP, or the worker fails and search falls back to the main
 * thread with a console warning. The header is harmless elsewhere: it governs only what the
 * worker itself loads (same-origin index files here).
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cross-Origin-Embedder-Policy
 */
export const SEARCH_WORKER_PATH = '/pagefind/pagefind-worker.js';
export const SEARCH_WORKER_HEADERS = {
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;

export function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const attrs = match[1] ?? '';
    // Data blocks (JSON) are never executed, so they need no hash.
    if (/type=["']?application\/(ld\+)?json/.test(attrs)) continue;
    hashes.add(
      `sha256-${createHash('sha256')
        .update(match[2] ?? '', 'utf8')
        .digest('base64')}`,
    );
  }
  return hashes;
}

async function* htmlFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(full);
    else if (entry.name.endsWith('.html')) yield full;
  }
}

export function headersFile() {
  const lines = [
    '# Written by scripts/postbuild.mjs. Per-page script hashes live in each page’s CSP <meta>.',
    '/*',
  ];
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) lines.push(`  ${name}: ${value}`);
  lines.push('/lab/*');
  for (const [name, value] of Object.entries(LAB_HEADERS)) lines.push(`  ${name}: ${value}`);
  lines.push(SEARCH_WORKER_PATH);
  for (const [name, value] of Object.entries(SEARCH_WORKER_HEADERS))
    lines.push(`  ${name}: ${value}`);
  lines.push('/_astro/*', '  Cache-Control: public, max-age=31536000, immutable', '');
  return lines.join('\n');
}

export async function applySecurityPolicy(out) {
  let pages = 0;
  const all = new Set();
  for await (const file of htmlFiles(out)) {
    const html = await readFile(file, 'utf8');
    if (html.includes('http-equiv="content-security-policy"')) continue;
    const hashes = inlineScriptHashes(html);
    for (const h of hashes) all.add(h);
    const rel = `/${path.relative(out, file).split(path.sep).join('/')}`;
    const lab = rel.startsWith('/lab/');
    const meta = `<meta http-equiv="content-security-policy" content="${policyFor(hashes, { lab })}">`;
    const withMeta = html.replace(/<meta charset="utf-8"\s*\/?>/i, (m) => `${m}${meta}`);
    if (withMeta === html)
      throw new Error(`postbuild: no <meta charset> to anchor the CSP in ${rel}`);
    await writeFile(file, withMeta);
    pages++;
  }
  await writeFile(path.join(out, '_headers'), headersFile());
  return { pages, hashes: all.size };
}
