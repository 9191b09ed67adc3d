/**
 * The tokenizer against real nginx: for each config, `parseNginx` finds a syntax error exactly
 * when `nginx -t` (Debian nginx-light 1.22) rejects it. Needs nginx: fails under CI when it is
 * missing, skips with a printed reason elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNginx } from '../../../../scripts/nginx-example.mjs';
import { parseNginx } from './nginx-parse';

/** Server-level snippets: every directive is one nginx knows, so only syntax decides. */
const CASES: readonly string[] = [
  'location / { proxy_pass http://127.0.0.1:8000; }',
  'location / { proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; }',
  'location / { add_header X-A "a;b{c}" always; }',
  "location / { add_header X-A 'it\\'s' always; }",
  'location / { add_header X-A a\\;b always; }',
  'location / { add_header X-A "${host}x" always; }',
  'location / { # comment with ; and { and }\n proxy_pass http://127.0.0.1:8000; }',
  'location / { proxy_pass http://127.0.0.1:8000 }',
  'location / { proxy_pass http://127.0.0.1:8000;',
  'location / { add_header X-A "unterminated; }',
  'location / { add_header X-A "a"b always; }',
  'location / { } }',
  'location / { ; }',
  'location / { add_header X-A ${host always; }',
  'keepalive_timeout 65s;',
  'location /a { location /a/b { proxy_pass http://127.0.0.1:8000; } }',
];

describe('parseNginx agrees with nginx -t', () => {
  const nginx = findNginx();
  if (nginx === null) {
    const reason = 'nginx is not installed (Debian: apt-get install nginx-light)';
    if (process.env['CI'] !== undefined) {
      it('has nginx (required in CI)', () => {
        expect.fail(reason);
      });
    } else {
      console.log(`nginx-real: skipping, ${reason}`);
      it.skip(`nginx -t differential: ${reason}`, () => undefined);
    }
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'fdl-audit-nginx-'));
  it.each(CASES.map((c, i) => [i, c]))('case %i', (i, snippet) => {
    const conf = join(dir, `case-${i}.conf`);
    const body = `server {\n listen 127.0.0.1:18081;\n${snippet}\n}\n`;
    writeFileSync(
      conf,
      [
        `pid ${join(dir, 'nginx.pid')};`,
        `error_log ${join(dir, 'error.log')};`,
        'events {}',
        'http {',
        ` access_log ${join(dir, 'access.log')};`,
        ` client_body_temp_path ${join(dir, 'body')};`,
        ` proxy_temp_path ${join(dir, 'proxy')};`,
        ` fastcgi_temp_path ${join(dir, 'fastcgi')};`,
        ` uwsgi_temp_path ${join(dir, 'uwsgi')};`,
        ` scgi_temp_path ${join(dir, 'scgi')};`,
        body,
        '}',
      ].join('\n'),
    );
    const real = spawnSync(nginx, ['-t', '-q', '-p', `${dir}/`, '-c', conf], { encoding: 'utf8' });
    const ours = parseNginx(body, 'server.conf');
    expect({ rejects: ours.error !== null }).toEqual({ rejects: real.status !== 0 });
  });
});
