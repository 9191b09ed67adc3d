// Differential test: the live lab's real HTTP chain (Node proxies on 127.0.0.1, ephemeral ports)
// against the site's chain model (src/sim/proxy/hops.ts) for the same chain. The programs run are
// the exact bundles the /lab/ page mounts into WebContainer (lab/build-lab.mjs).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAlbHop,
  createCloudFrontHop,
  createNginxHop,
  headerValue,
  simulateChain,
} from '../src/sim/proxy/hops';
import { buildLabFileTree } from './build-lab.mjs';

const SHOWN_KEYS = [
  'REMOTE_ADDR',
  'wsgi.url_scheme',
  'HTTP_HOST',
  'SERVER_NAME',
  'SERVER_PORT',
  'SCRIPT_NAME',
  'HTTP_X_FORWARDED_FOR',
  'HTTP_X_FORWARDED_PROTO',
  'HTTP_X_FORWARDED_HOST',
  'HTTP_X_FORWARDED_PORT',
  'HTTP_X_FORWARDED_PREFIX',
];
/** Lines that differ by design: Node's own Connection header and CloudFront's request id. */
const IGNORED_LINES = new Set(['connection', 'x-amz-cf-id']);

let projectDir = '';
const running = [];

beforeAll(async () => {
  projectDir = await mkdtemp(path.join(tmpdir(), 'fdl-lab-'));
  const tree = await buildLabFileTree();
  for (const [name, node] of Object.entries(tree)) {
    await writeFile(path.join(projectDir, name), node.file.contents);
  }
});

afterAll(async () => {
  for (const child of running) child.kill('SIGTERM');
  if (projectDir) await rm(projectDir, { recursive: true, force: true });
});

function runNode(args, cwd) {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
  return { child, exited, output: () => output };
}

/** Start chain.mjs in its own folder and wait for state/ready.json. */
async function startChain(config) {
  const dir = await mkdtemp(path.join(projectDir, 'run-'));
  for (const name of ['package.json', 'chain.mjs', 'send.mjs']) {
    await writeFile(path.join(dir, name), await readFile(path.join(projectDir, name)));
  }
  const run = runNode(['chain.mjs', JSON.stringify(config)], dir);
  running.push(run.child);
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      const state = JSON.parse(await readFile(path.join(dir, 'state', 'ready.json'), 'utf8'));
      if (state.error) throw new Error(state.error);
      return { dir, state, stop: () => run.child.kill('SIGTERM') };
    } catch (error) {
      if (error instanceof SyntaxError || error.code === 'ENOENT') {
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      throw error;
    }
  }
  throw new Error(`the chain did not start: ${run.output()}`);
}

let requestCounter = 0;
async function send(chain, forged) {
  requestCounter += 1;
  const id = `r${requestCounter}`;
  const { code, output } = await runNode(['send.mjs', JSON.stringify({ id, forged })], chain.dir)
    .exited;
  expect(code, output).toBe(0);
  return JSON.parse(await readFile(path.join(chain.dir, 'results', `${id}.json`), 'utf8'));
}

/** The model scenario for the chain the lab reported (same addresses, ports and settings). */
function scenarioFor(state, forged) {
  const hops = state.hops.map((hop, i) => {
    const next = i + 1 < state.hops.length ? state.hops[i + 1].port : state.appPort;
    const address = hop.connectsFrom;
    if (hop.kind === 'nginx') {
      return createNginxHop({
        address,
        xff: 'proxy_add',
        xfp: 'scheme',
        xfh: 'host',
        host: 'host',
        prefix: '',
        upstream: `127.0.0.1:${next}`,
        upstreamScheme: 'http',
        setRealIpFrom: [],
        underscoresInHeaders: false,
      });
    }
    if (hop.kind === 'alb') {
      return createAlbHop({
        address,
        xffMode: 'append',
        clientPort: false,
        preserveHost: false,
        listenerPort: hop.port,
        targetScheme: 'http',
      });
    }
    return createCloudFrontHop({
      address,
      originDomain: `127.0.0.1:${next}`,
      forwardHost: false,
      addForwardedProto: true,
      originScheme: 'http',
    });
  });
  return {
    client: {
      ip: state.clientAddress,
      port: 0,
      scheme: 'http',
      host: `127.0.0.1:${state.entry.port}`,
      mode: forged ? 'attacker' : 'honest',
      spoof: {
        xff: forged?.xff ?? '',
        xfp: forged?.xfp ?? '',
        xfh: forged?.xfh ?? '',
        host: '',
        underscoreXff: '',
      },
    },
    hops,
    gunicorn: {
      version: '23.0',
      forwardedAllowIps: ['127.0.0.1', '::1'],
      bindHost: '127.0.0.1',
      bindPort: state.appPort,
    },
    proxyFix: {
      enabled: true,
      x_for: state.config.x_for,
      x_proto: 1,
      x_host: 0,
      x_port: 0,
      x_prefix: 0,
      werkzeugVersion: '3.1.8',
    },
    app: { trustedHosts: null, sessionCookieSecure: false },
  };
}

function pick(environ) {
  const out = {};
  for (const key of SHOWN_KEYS) if (environ?.[key] !== undefined) out[key] = environ[key];
  return out;
}

const labLines = (lines) =>
  lines.filter(([name]) => !IGNORED_LINES.has(name)).map(([name, value]) => [name, value]);
const modelLines = (lines) =>
  lines
    .map((line) => [line.name.toLowerCase(), headerValue(line)])
    .filter(([name]) => !IGNORED_LINES.has(name));

const CHAINS = [
  ['nginx'],
  ['alb'],
  ['cloudfront'],
  ['cloudfront', 'alb'],
  ['alb', 'nginx'],
  ['cloudfront', 'alb', 'nginx'],
];
const REQUESTS = [
  ['honest', null],
  ['forged X-Forwarded-For', { xff: '6.6.6.6' }],
  ['forged XFF, XFP and XFH', { xff: '6.6.6.6, 7.7.7.7', xfp: 'https', xfh: 'evil.test' }],
  ['forged XFF with an empty item', { xff: '1.1.1.1, , 2.2.2.2' }],
  ['forged XFF with an unclosed quote', { xff: '"9.9.9.9' }],
];

describe('the live lab chain agrees with the src/sim chain model', () => {
  for (const hops of CHAINS) {
    const xForValues = [...new Set([1, hops.length, hops.length + 1])];
    for (const xFor of xForValues) {
      it(`${hops.join(' → ')} with x_for=${xFor}`, async () => {
        const chain = await startChain({ hops, x_for: xFor });
        try {
          for (const [label, forged] of REQUESTS) {
            const result = await send(chain, forged);
            expect(result.status, label).toBe(200);
            const model = simulateChain(scenarioFor(chain.state, forged));
            const { app, hops: log } = result.body;
            // What the client sent and what each proxy forwarded, line by line.
            expect(labLines(result.sent), `${label}: client`).toEqual(
              modelLines(model.hops[0].headers),
            );
            expect(log).toHaveLength(hops.length);
            log.forEach((entry, i) => {
              expect(entry.peer, `${label}: peer of hop ${i + 1}`).toBe(
                model.hops[i].sourceAddress,
              );
              expect(labLines(entry.sent), `${label}: hop ${i + 1}`).toEqual(
                modelLines(model.hops[i + 1].headers),
              );
            });
            // What Gunicorn built, what ProxyFix changed, and what Werkzeug's Request reports.
            expect(app.peer, label).toBe(model.peerAddress);
            expect(app.environ, `${label}: environ`).toEqual(pick(model.environ));
            expect(app.orig, `${label}: orig`).toEqual(model.proxyFix.orig);
            expect(app.fixedEnviron, `${label}: after ProxyFix`).toEqual(
              pick(model.proxyFix.environ),
            );
            const { host_error: hostError, ...view } = model.request;
            expect(hostError).toBeNull();
            expect(app.view, `${label}: request view`).toEqual(view);
          }
        } finally {
          chain.stop();
        }
      });
    }
  }
});

describe('the lesson the lab demonstrates, on real HTTP', () => {
  it('CloudFront → ALB with x_for=2 gives the real client; x_for=3 lets the client spoof', async () => {
    const right = await startChain({ hops: ['cloudfront', 'alb'], x_for: 2 });
    const tooMany = await startChain({ hops: ['cloudfront', 'alb'], x_for: 3 });
    try {
      const honest = await send(right, null);
      expect(honest.body.app.view.remote_addr).toBe(right.state.clientAddress);
      const attacked = await send(right, { xff: '6.6.6.6' });
      expect(attacked.body.app.view.remote_addr).toBe(right.state.clientAddress);
      const spoofed = await send(tooMany, { xff: '6.6.6.6' });
      expect(spoofed.body.app.view.remote_addr).toBe('6.6.6.6');
      // access_route is the raw list, spoofed entry included, whatever x_for says.
      expect(attacked.body.app.view.access_route[0]).toBe('6.6.6.6');
    } finally {
      right.stop();
      tooMany.stop();
    }
  });

  it('x_for=1 behind CloudFront → ALB gives the CloudFront edge address, not the client', async () => {
    const chain = await startChain({ hops: ['cloudfront', 'alb'], x_for: 1 });
    try {
      const result = await send(chain, null);
      expect(result.body.app.view.remote_addr).toBe(chain.state.hops[0].connectsFrom);
      if (chain.state.distinctAddresses) {
        expect(result.body.app.view.remote_addr).not.toBe(chain.state.clientAddress);
      }
    } finally {
      chain.stop();
    }
  });

  it('refuses a config outside the whitelist instead of starting', async () => {
    await expect(startChain({ hops: ['squid'], x_for: 1 })).rejects.toThrow(/unknown proxy kind/);
    await expect(startChain({ hops: [], x_for: 1 })).rejects.toThrow(/1 to 3/);
  });
});
