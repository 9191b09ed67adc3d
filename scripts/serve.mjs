// A small static server for the built site (`npm start`, `npm run preview`, the e2e tests).
// It sends the same headers a production host would, read from dist/_headers, so the
// CSP and the lab's cross-origin isolation behave here as they do when deployed.
// It binds to 127.0.0.1 only.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { distDir } from './lib.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
};

/** Parse a Netlify-style _headers file into [{ pattern, headers }]. */
export function parseHeadersFile(text) {
  const rules = [];
  let current = null;
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = { pattern: line.trim(), headers: {} };
      rules.push(current);
    } else if (current) {
      const colon = line.indexOf(':');
      if (colon > 0) current.headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
  }
  return rules;
}

function matches(pattern, pathname) {
  if (pattern.endsWith('*')) return pathname.startsWith(pattern.slice(0, -1));
  return pathname === pattern;
}

export function headersFor(rules, pathname) {
  const out = {};
  for (const rule of rules) if (matches(rule.pattern, pathname)) Object.assign(out, rule.headers);
  return out;
}

export async function startServer({
  dir = distDir(),
  port = Number(process.env.PORT ?? 4321),
  host = '127.0.0.1',
} = {}) {
  let rules = [];
  try {
    rules = parseHeadersFile(await readFile(path.join(dir, '_headers'), 'utf8'));
  } catch {
    console.warn(`serve: no ${path.join(dir, '_headers')}; serving without security headers`);
  }
  const server = http.createServer(async (req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('Bad request');
      return;
    }
    let file = path.join(dir, pathname);
    if (!file.startsWith(dir)) {
      res.writeHead(403).end('Forbidden');
      return;
    }
    let status = 200;
    try {
      const info = await stat(file);
      if (info.isDirectory()) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { Location: `${pathname}/` }).end();
          return;
        }
        file = path.join(file, 'index.html');
        await stat(file);
      }
    } catch {
      status = 404;
      file = path.join(dir, '404.html');
    }
    // Revalidate by default, but keep what _headers says (the year-long, immutable lifetime
    // of /_astro/*) for files that exist; a 404 is never cached for long.
    const ruled = headersFor(rules, pathname);
    const headers = {
      'Cache-Control': 'no-cache',
      ...ruled,
      ...(status === 200 ? {} : { 'Cache-Control': 'no-cache' }),
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    };
    res.writeHead(status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.end())
      .pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}/`;
  return { server, url };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await startServer();
  console.log(`Flask Deploy Lab is being served at ${url} (Ctrl+C to stop)`);
}
