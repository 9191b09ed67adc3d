// docs/deploy/nginx.conf made runnable on this machine: the listen addresses, certificate and
// root replaced, wrapped in a minimal main configuration with every path under `dir`, so an
// unprivileged nginx (Debian's nginx-light) can test it or serve it. Used by
// scripts/postbuild.test.mjs (nginx -t) and scripts/nginx-example.test.mjs (real requests).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const NGINX_EXAMPLE = path.join(import.meta.dirname, '..', 'docs', 'deploy', 'nginx.conf');

/** Debian's nginx binary, another install's, or `nginx` on PATH; null when there is none. */
export function findNginx() {
  const found = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find(existsSync);
  if (found) return found;
  return spawnSync('nginx', ['-v'], { encoding: 'utf8' }).status === 0 ? 'nginx' : null;
}

/** Replace `from` once in `text`, failing loudly when the example no longer has it. */
function replaceOnce(text, from, to) {
  if (!text.includes(from)) throw new Error(`nginx-example: the example has no "${from}" any more`);
  return text.replace(from, to);
}

/**
 * The example as a complete nginx.conf: HTTP on 127.0.0.1:httpPort, HTTPS on
 * 127.0.0.1:httpsPort with the given certificate, `root` instead of /srv/…/dist.
 */
export function runnableNginxConf({ dir, root, httpPort, httpsPort, cert, key }) {
  let server = readFileSync(NGINX_EXAMPLE, 'utf8');
  server = replaceOnce(server, 'listen 80;', `listen 127.0.0.1:${httpPort};`);
  server = replaceOnce(server, 'listen 443 ssl;', `listen 127.0.0.1:${httpsPort} ssl;`);
  server = replaceOnce(
    server,
    'ssl_certificate /etc/ssl/certs/lab.example.internal.pem;',
    `ssl_certificate ${cert};`,
  );
  server = replaceOnce(
    server,
    'ssl_certificate_key /etc/ssl/private/lab.example.internal.key;',
    `ssl_certificate_key ${key};`,
  );
  server = replaceOnce(server, 'root /srv/flask-deploy-lab/dist;', `root ${root};`);
  const mimeTypes = existsSync('/etc/nginx/mime.types')
    ? 'include /etc/nginx/mime.types;'
    : 'types { text/html html; text/javascript js; text/css css; application/json json; }';
  return [
    'daemon off;',
    // One process: no worker to switch to another user, so it runs the same as root or not.
    'master_process off;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log;`,
    'events { worker_connections 64; }',
    'http {',
    `  ${mimeTypes}`,
    `  access_log ${dir}/access.log;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
      (name) => `  ${name}_temp_path ${dir}/${name};`,
    ),
    server,
    '}',
    '',
  ].join('\n');
}

/** A throwaway self-signed certificate for 127.0.0.1 in `dir`; returns { cert, key } paths. */
export function makeSelfSignedCertificate(dir) {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
    ].concat(['-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert]),
    { stdio: 'ignore' },
  );
  return { cert, key };
}
