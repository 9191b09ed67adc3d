/**
 * Runs a keep-alive scenario on real software: Debian's nginx (its own prefix and config,
 * `daemon off`, 127.0.0.1 only) in front of a Gunicorn gthread/sync worker serving
 * harness/keepalive/app.py, and an ALB-like client in front of a second Gunicorn. Each proxy
 * reaches its Gunicorn through a link that delays every packet (link.ts). Every process is
 * started here and stopped before the promise settles.
 *
 * Per request it reports what the client got and, for nginx, what nginx saw upstream
 * (`$upstream_status`: "502, 200" is a request nginx resent), and whether the request
 * reached the Flask app at all (Gunicorn's access log).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RealLane, RealScenario } from '../../src/sim/keepalive/real-scenarios';
import type { RecordedRequest } from '../../src/sim/keepalive/recording';
import { AlbLikeClient } from './alb-like-client';
import { startLink, type Link } from './link';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const GUNICORN = process.env['FDL_KEEPALIVE_GUNICORN'] ?? 'gunicorn';
export const NGINX = process.env['FDL_KEEPALIVE_NGINX'] ?? 'nginx';

/** What one request got (the recording's shape: src/sim/keepalive/recording.ts). */
export type RealRequestResult = RecordedRequest;

export interface RealScenarioRun {
  scenario: string;
  requests: RealRequestResult[];
}

/** Versions of the real software, or a reason it cannot run. */
export function probeTools(): { nginx: string; gunicorn: string } | { missing: string } {
  const g = spawnSync(GUNICORN, ['--version'], { encoding: 'utf8' });
  if (g.error || g.status !== 0) return { missing: `${GUNICORN} not runnable` };
  const gunicorn = /(\d+\.\d+(?:\.\d+)?)/.exec(g.stdout + g.stderr)?.[1];
  if (!gunicorn) return { missing: `no version from ${GUNICORN} --version` };
  const n = spawnSync(NGINX, ['-v'], { encoding: 'utf8' });
  if (n.error || n.status !== 0) return { missing: `${NGINX} not runnable` };
  const nginx = /nginx\/(\d+\.\d+\.\d+)/.exec(n.stderr + n.stdout)?.[1];
  if (!nginx) return { missing: `no version from ${NGINX} -v` };
  return { nginx, gunicorn };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = address !== null && typeof address === 'object' ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 20_000) {
  const deadline = Date.now() + ms;
  return new Promise<void>((resolve, reject) => {
    const poll = async () => {
      if (await check()) {
        resolve();
        return;
      }
      if (Date.now() > deadline) {
        reject(new Error(`timed out waiting for ${what}`));
        return;
      }
      setTimeout(() => void poll(), 50);
    };
    void poll();
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => {
      resolve(false);
    });
  });
}

interface Gunicorn {
  process: ChildProcess;
  port: number;
  log: () => string;
}

async function startGunicorn(scenario: RealScenario): Promise<Gunicorn> {
  const port = await freePort();
  const child = spawn(
    GUNICORN,
    [
      '--bind',
      `127.0.0.1:${port}`,
      '--chdir',
      HERE,
      '--workers',
      '1',
      '--worker-class',
      scenario.workerClass,
      // Gunicorn turns a sync worker with threads > 1 into gthread: keep sync at 1 thread.
      '--threads',
      scenario.workerClass === 'sync' ? '1' : '2',
      '--keep-alive',
      String(scenario.gunicornKeepaliveSeconds),
      '--access-logfile',
      '-',
      '--access-logformat',
      'fdl-access probe=%({x-probe}i)s status=%(s)s',
      'app:app',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FDL_SERVICE_SECONDS: '0.3' } },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  await waitFor(() => output.includes('fdl-app-loaded'), `Gunicorn (${output.slice(-300)})`);
  return { process: child, port, log: () => output };
}

interface Nginx {
  process: ChildProcess;
  port: number;
  prefix: string;
  accessLog: () => string;
}

async function startNginx(upstreamPort: number, idleTimeoutSeconds: number): Promise<Nginx> {
  const port = await freePort();
  const prefix = mkdtempSync(join(tmpdir(), 'fdl-keepalive-nginx-'));
  mkdirSync(join(prefix, 'tmp'));
  const conf = `
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log info;
events { worker_connections 64; }
http {
  log_format probe '$http_x_probe $status "$upstream_status"';
  access_log ${prefix}/access.log probe;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  upstream gunicorn {
    server 127.0.0.1:${upstreamPort};
    keepalive 4;
    keepalive_timeout ${idleTimeoutSeconds}s;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://gunicorn;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`;
  writeFileSync(join(prefix, 'nginx.conf'), conf);
  const child = spawn(
    NGINX,
    ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log')],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await waitFor(() => canConnect(port), `nginx (${stderr.slice(-300)})`);
  return {
    process: child,
    port,
    prefix,
    accessLog: () => {
      try {
        return readFileSync(join(prefix, 'access.log'), 'utf8');
      } catch {
        return '';
      }
    },
  };
}

function getThroughNginx(port: number, method: string, probe: string) {
  return new Promise<{ status: number | null; error?: string }>((resolve) => {
    const body = method === 'POST' ? 'x=1' : '';
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: '/',
        agent: false,
        headers: {
          'X-Probe': probe,
          'Content-Length': String(body.length),
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        timeout: 15_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          resolve({ status: res.statusCode ?? null });
        });
      },
    );
    req.on('error', (e) => {
      resolve({ status: null, error: e.message });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGQUIT'); // nginx: graceful; Gunicorn: quick stop
  });
}

/** Runs one scenario on both lanes at once. */
export async function runRealScenario(
  scenario: RealScenario,
  linkDelaySeconds: number,
): Promise<RealScenarioRun> {
  const children: ChildProcess[] = [];
  const links: Link[] = [];
  let nginx: Nginx | undefined;
  let client: AlbLikeClient | undefined;
  try {
    const [gNginx, gDirect] = await Promise.all([startGunicorn(scenario), startGunicorn(scenario)]);
    children.push(gNginx.process, gDirect.process);
    const delayMs = linkDelaySeconds * 1000;
    const [toNginxGunicorn, toDirectGunicorn] = await Promise.all([
      startLink(gNginx.port, delayMs),
      startLink(gDirect.port, delayMs),
    ]);
    links.push(toNginxGunicorn, toDirectGunicorn);
    nginx = await startNginx(toNginxGunicorn.port, scenario.proxyIdleTimeoutSeconds);
    children.push(nginx.process);
    client = new AlbLikeClient(toDirectGunicorn.port, scenario.proxyIdleTimeoutSeconds * 1000);

    const t0 = performance.now() + 500;
    const at = (seconds: number) =>
      new Promise<void>((resolve) =>
        setTimeout(resolve, Math.max(0, t0 + seconds * 1000 - performance.now())),
      );
    const since = () => (performance.now() - t0) / 1000;
    const lanes = {
      nginx: [] as Omit<RealRequestResult, 'reachedApp'>[],
      direct: [] as Omit<RealRequestResult, 'reachedApp'>[],
    };
    const proxied = nginx;
    const direct = client;
    const runLane = async (lane: RealLane) => {
      for (const [index, request] of scenario.requests.entries()) {
        await at(request.sendAtSeconds);
        const probe = `${lane}-${index}`;
        const sentAtSeconds = since();
        const got =
          lane === 'nginx'
            ? await getThroughNginx(proxied.port, request.method, probe)
            : await direct.send(request.method, probe);
        lanes[lane].push({
          index,
          lane,
          method: request.method,
          plannedAtSeconds: request.sendAtSeconds,
          sentAtSeconds: Math.round(sentAtSeconds * 1000) / 1000,
          ...got,
        });
      }
    };
    await Promise.all([runLane('nginx'), runLane('direct')]);
    await new Promise((r) => setTimeout(r, 300)); // let nginx flush its access log line

    const nginxLog = nginx.accessLog();
    const appLog = gNginx.log() + gDirect.log();
    const requests: RealRequestResult[] = [...lanes.nginx, ...lanes.direct].map((r) => {
      const probe = `${r.lane}-${r.index}`;
      const upstream = new RegExp(`^${probe} \\d+ "([^"]*)"$`, 'm').exec(nginxLog)?.[1];
      return {
        ...r,
        ...(r.lane === 'nginx' && upstream !== undefined ? { upstreamStatus: upstream } : {}),
        reachedApp: appLog.includes(`fdl-access probe=${probe} `),
      };
    });
    return { scenario: scenario.id, requests };
  } finally {
    client?.close();
    await Promise.all(children.map(stop));
    await Promise.all(links.map((l) => l.close()));
    if (nginx) rmSync(nginx.prefix, { recursive: true, force: true });
  }
}
