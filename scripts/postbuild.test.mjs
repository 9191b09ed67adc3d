import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  HEADER_POLICY,
  LAB_HEADERS,
  SEARCH_WORKER_HEADERS,
  SECURITY_HEADERS,
  headersFile,
  inlineScriptHashes,
  policyFor,
} from './postbuild.mjs';
import { findNginx, makeSelfSignedCertificate, runnableNginxConf } from './nginx-example.mjs';
import { headersFor, parseHeadersFile } from './serve.mjs';

describe('the content security policy', () => {
  it('allows only this origin and the hashed inline scripts, and never unsafe-eval', () => {
    const policy = policyFor(new Set(['sha256-abc']));
    expect(policy).toContain("default-src 'self'");
    expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-abc'(;|$)/);
    expect(policy.replaceAll("'wasm-unsafe-eval'", '')).not.toContain('unsafe-eval');
    expect(policy).not.toMatch(/https?:|\*/);
    expect(policy).toContain("object-src 'none'");
  });

  it('lets only lab pages reach the WebContainer origins', () => {
    expect(policyFor(new Set(), { lab: true })).toMatch(/connect-src 'self' https:\/\//);
    expect(policyFor(new Set())).toContain("connect-src 'self';");
  });

  it('hashes exactly the inline scripts and skips external and JSON ones', () => {
    const body = 'console.log(1)';
    const html = `<script>${body}</script><script type="module" src="/a.js"></script><script type="application/json">{}</script>`;
    const expected = `sha256-${createHash('sha256').update(body).digest('base64')}`;
    expect([...inlineScriptHashes(html)]).toEqual([expected]);
  });
});

describe('the host header file', () => {
  it('sends the security headers everywhere and cross-origin isolation only on /lab/', () => {
    const rules = parseHeadersFile(headersFile());
    const chapter = headersFor(rules, '/reverse-proxies/');
    const lab = headersFor(rules, '/lab/');
    expect(chapter['Content-Security-Policy']).toBe(HEADER_POLICY);
    expect(chapter['Cross-Origin-Embedder-Policy']).toBeUndefined();
    expect(lab['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(lab['Cross-Origin-Opener-Policy']).toBe('same-origin');
  });

  it('serves the search worker so a cross-origin isolated page (/lab/) may start it', () => {
    const rules = parseHeadersFile(headersFile());
    expect(headersFor(rules, '/pagefind/pagefind-worker.js')['Cross-Origin-Embedder-Policy']).toBe(
      'require-corp',
    );
    // Other search files keep the site-wide headers only.
    expect(
      headersFor(rules, '/pagefind/pagefind.js')['Cross-Origin-Embedder-Policy'],
    ).toBeUndefined();
  });

  it('matches the nginx self-hosting example', () => {
    const conf = readFileSync(
      path.join(import.meta.dirname, '..', 'docs', 'deploy', 'nginx.conf'),
      'utf8',
    );
    for (const [name, value] of Object.entries({
      ...SECURITY_HEADERS,
      ...LAB_HEADERS,
      ...SEARCH_WORKER_HEADERS,
    })) {
      expect(conf, name).toContain(`add_header ${name} "${value}" always;`);
    }
  });

  it('the nginx example is a valid nginx configuration', (context) => {
    const nginx = findNginx();
    if (!nginx) {
      if (process.env.CI) throw new Error('nginx is not installed (CI installs nginx-light)');
      console.log('skipped: nginx is not installed');
      context.skip();
      return;
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fdl-nginx-'));
    // nginx -t loads the certificate, so any readable pair will do: a throwaway self-signed one.
    const { cert, key } = makeSelfSignedCertificate(dir);
    const file = path.join(dir, 'nginx.conf');
    writeFileSync(
      file,
      runnableNginxConf({ dir, root: dir, httpPort: 8080, httpsPort: 8443, cert, key }),
    );
    const out = execFileSync(nginx, ['-t', '-p', dir, '-c', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toBe('');
  });
});
