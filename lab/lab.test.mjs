// Differential test: the live lab's real HTTP chain (Node proxies on 127.0.0.1, ephemeral ports)
// against the site's chain model (src/sim/proxy/hops.ts) for the same chain. The programs run are
// the exact bundles the /lab/ page mounts into WebContainer (lab/build-lab.mjs).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateChain } from '../src/sim/proxy/hops';
import { labScenario, modelExchange } from '../src/runtime/webcontainer/lab-scenario';
import { parseChainInfo, parseExchange } from '../src/runtime/webcontainer/parse-lab-output';
import { buildLabFileTree } from './build-lab.mjs';

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

function runNode(args, cwd, env = {}) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
  return { child, exited, output: () => output };
}

/** Start chain.mjs in its own folder and wait for state/ready.json. */
async function startChain(config, env = {}) {
  const dir = await mkdtemp(path.join(projectDir, 'run-'));
  for (const name of ['package.json', 'chain.mjs', 'send.mjs']) {
    await writeFile(path.join(dir, name), await readFile(path.join(projectDir, name)));
  }
  const run = runNode(['chain.mjs', JSON.stringify(config)], dir, env);
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

const IGNORED = new Set(['connection', 'x-amz-cf-id']);
/** Lines that differ by design: Node's own Connection header and CloudFront's request id. */
const comparable = (lines) => lines.filter(([name]) => !IGNORED.has(name));

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
          const info = parseChainInfo(chain.state);
          const config = { hops, x_for: xFor };
          for (const [label, forged] of REQUESTS) {
            const raw = await send(chain, forged);
            expect(raw.status, label).toBe(200);
            const lab = parseExchange(raw);
            const model = modelExchange(config, forged, info);
            // What the client sent and what each proxy forwarded, line by line.
            expect(comparable(lab.sent), `${label}: client`).toEqual(comparable(model.sent));
            expect(lab.hops).toHaveLength(hops.length);
            lab.hops.forEach((hop, i) => {
              expect(hop.peer, `${label}: peer of hop ${i + 1}`).toBe(model.hops[i].peer);
              expect(comparable(hop.sent), `${label}: hop ${i + 1}`).toEqual(
                comparable(model.hops[i].sent),
              );
            });
            // What Gunicorn built, what ProxyFix changed, and what Werkzeug's Request reports.
            expect(lab.app.peer, label).toBe(model.app.peer);
            expect(lab.app.environ, `${label}: environ`).toEqual(model.app.environ);
            expect(lab.app.fixedEnviron, `${label}: after ProxyFix`).toEqual(
              model.app.fixedEnviron,
            );
            expect(lab.app.view, `${label}: request view`).toEqual(model.app.view);
            const predicted = simulateChain(labScenario(config, forged, info));
            expect(raw.body.app.orig, `${label}: werkzeug.proxy_fix.orig`).toEqual(
              predicted.proxyFix.orig,
            );
          }
        } finally {
          chain.stop();
        }
      });
    }
  }
});

describe('the 127.0.0.1-only mode (every hop connects from the same address)', () => {
  it('still agrees with the model, which then sees 127.0.0.1 everywhere', async () => {
    const config = { hops: ['cloudfront', 'alb', 'nginx'], x_for: 3 };
    const chain = await startChain(config, { FDL_LAB_LOOPBACK_ONLY: '1' });
    try {
      const info = parseChainInfo(chain.state);
      expect(info.distinctAddresses).toBe(false);
      expect(new Set([info.clientAddress, ...info.hops.map((hop) => hop.connectsFrom)])).toEqual(
        new Set(['127.0.0.1']),
      );
      for (const [label, forged] of REQUESTS) {
        const lab = parseExchange(await send(chain, forged));
        const model = modelExchange(config, forged, info);
        expect(lab.app.environ, label).toEqual(model.app.environ);
        expect(lab.app.fixedEnviron, label).toEqual(model.app.fixedEnviron);
        expect(lab.app.view, label).toEqual(model.app.view);
      }
    } finally {
      chain.stop();
    }
  });
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
