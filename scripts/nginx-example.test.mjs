// docs/deploy/nginx.conf in a real nginx (Debian's nginx-light) on the built site: the headers
// of a page, a hashed asset, /lab/ and a 404 over HTTPS, and the plain-HTTP redirect.
// Skips with the reason when there is no build or no nginx; fails in CI without nginx.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNginx, makeSelfSignedCertificate, runnableNginxConf } from './nginx-example.mjs';
import { LAB_HEADERS, SECURITY_HEADERS } from './postbuild.mjs';

const dist = path.resolve(process.env.FDL_DIST ?? 'dist');
const nginx = findNginx();
const built = existsSync(path.join(dist, 'index.html')) && existsSync(path.join(dist, '_astro'));
const skipReason = !nginx
  ? 'nginx is not installed (apt-get install nginx-light)'
  : !built
    ? `no built site in ${dist} (run npm run build first)`
    : null;
if (!nginx && process.env.CI) throw new Error('nginx is not installed (CI installs nginx-light)');
// `npm test` runs this file after its build step and sets FDL_REQUIRE_BUILD: there a missing
// build is a failure, not a skip.
if (!built && process.env.FDL_REQUIRE_BUILD) throw new Error(`no built site in ${dist}`);
if (skipReason) console.log(`skipped: ${skipReason}`);

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let child;
let httpPort;
let httpsPort;
let ca;

/** One request; resolves with the status and the headers (lower-case names). */
function request(client, port, pathname) {
  return new Promise((resolve, reject) => {
    const req = client.get(
      { host: '127.0.0.1', port, path: pathname, ca, servername: undefined, timeout: 5000 },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`timeout on ${pathname}`)));
  });
}

async function waitUntilUp() {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await request(https, httpsPort, '/');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe.skipIf(skipReason !== null)('the nginx example on the built site', () => {
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fdl-nginx-run-'));
    const { cert, key } = makeSelfSignedCertificate(dir);
    ca = readFileSync(cert);
    httpPort = await freePort();
    httpsPort = await freePort();
    const file = path.join(dir, 'nginx.conf');
    writeFileSync(file, runnableNginxConf({ dir, root: dist, httpPort, httpsPort, cert, key }));
    child = spawn(nginx, ['-p', dir, '-c', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    try {
      await waitUntilUp();
    } catch (error) {
      throw new Error(`nginx did not start: ${stderr}`, { cause: error });
    }
  });

  afterAll(() => {
    child?.kill('SIGTERM');
  });

  function expectSecurityHeaders(headers) {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(headers[name.toLowerCase()], name).toBe(value);
    }
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
  }

  it('a page gets every security header and HSTS, no cross-origin isolation', async () => {
    const { status, headers } = await request(https, httpsPort, '/reverse-proxies/');
    expect(status).toBe(200);
    expectSecurityHeaders(headers);
    expect(headers['cross-origin-embedder-policy']).toBeUndefined();
    expect(headers['cache-control']).toBeUndefined();
  });

  it('a hashed asset keeps the security headers beside its year-long cache lifetime', async () => {
    const asset = readdirSync(path.join(dist, '_astro')).find((name) => name.endsWith('.js'));
    expect(asset).toBeDefined();
    const { status, headers } = await request(https, httpsPort, `/_astro/${asset}`);
    expect(status).toBe(200);
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(headers);
  });

  it('/lab/ gets cross-origin isolation and still every security header', async () => {
    const { status, headers } = await request(https, httpsPort, '/lab/');
    expect(status).toBe(200);
    expectSecurityHeaders(headers);
    for (const [name, value] of Object.entries(LAB_HEADERS)) {
      expect(headers[name.toLowerCase()], name).toBe(value);
    }
  });

  it('a missing page is a 404 with the security headers', async () => {
    const { status, headers } = await request(https, httpsPort, '/no-such-page/');
    expect(status).toBe(404);
    expectSecurityHeaders(headers);
  });

  it('plain HTTP only redirects to HTTPS and sends no HSTS (RFC 6797 §7.2)', async () => {
    const { status, headers } = await request(http, httpPort, '/reverse-proxies/');
    expect(status).toBe(301);
    expect(headers.location).toMatch(/^https:\/\//);
    expect(headers['strict-transport-security']).toBeUndefined();
  });
});
