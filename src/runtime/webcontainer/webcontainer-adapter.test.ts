/**
 * The real adapter's code path — dynamic import, boot, mount, the file protocol with the lab's
 * programs, restart and dispose — against a stand-in for `@webcontainer/api` that runs the very
 * bundles the page mounts under real Node in a temporary folder. (The true WebContainer needs
 * StackBlitz's servers, so it cannot run here.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildLabFileTree } from '../../../lab/build-lab.mjs';
import { modelExchange } from './lab-scenario';
import type { BootStep, LabFileTree } from './lab-types';
import { createWebContainerAdapter } from './webcontainer-adapter';

const stand = vi.hoisted(() => ({ dir: '', children: [] as ChildProcess[], tornDown: 0 }));

vi.mock('@webcontainer/api', () => {
  const at = (file: string) => path.join(stand.dir, file);
  const container = {
    fs: {
      readFile: (file: string) => readFile(at(file), 'utf8'),
      rm: (file: string, options: { recursive?: boolean; force?: boolean }) =>
        rm(at(file), options),
    },
    async mount(tree: LabFileTree) {
      await mkdir(stand.dir, { recursive: true });
      for (const [name, node] of Object.entries(tree))
        await writeFile(at(name), node.file.contents);
    },
    spawn(command: string, args: string[]) {
      expect(command).toBe('node');
      const child = spawn(process.execPath, args, {
        cwd: stand.dir,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      stand.children.push(child);
      const output = new ReadableStream<string>({
        start(controller) {
          child.stdout.on('data', (chunk: Buffer) => {
            controller.enqueue(chunk.toString());
          });
          child.on('close', () => {
            controller.close();
          });
        },
      });
      const exit = new Promise<number>((resolve) => {
        child.on('exit', (code) => {
          resolve(code ?? 1);
        });
      });
      return Promise.resolve({
        exit,
        output,
        input: new WritableStream<string>(),
        kill: () => child.kill('SIGTERM'),
        resize: () => undefined,
      });
    },
    teardown() {
      stand.tornDown += 1;
    },
  };
  return { WebContainer: { boot: () => Promise.resolve(container) } };
});

let files: LabFileTree;

beforeAll(async () => {
  stand.dir = await mkdtemp(path.join(tmpdir(), 'fdl-wc-'));
  files = await buildLabFileTree();
});

afterAll(async () => {
  for (const child of stand.children) child.kill('SIGKILL');
  await rm(stand.dir, { recursive: true, force: true });
});

describe('createWebContainerAdapter (on a Node-backed stand-in for WebContainer)', () => {
  it('boots, runs the chain, answers like the model, restarts and shuts down', async () => {
    const steps: BootStep[] = [];
    const session = await createWebContainerAdapter({ basePort: 0 }).boot(files, (step) =>
      steps.push(step),
    );
    expect(steps).toEqual(['loading-api', 'booting', 'mounting']);

    const config = { hops: ['cloudfront', 'alb'] as const, x_for: 2 };
    const info = await session.startChain(config);
    expect(info.hops.map((hop) => hop.kind)).toEqual(['cloudfront', 'alb']);
    const forged = { xff: '6.6.6.6', xfp: 'https', xfh: '' };
    const exchange = await session.send(forged);
    const model = modelExchange(config, forged, info);
    expect(exchange.app?.view).toEqual(model.app?.view);
    expect(exchange.hops.map((hop) => hop.peer)).toEqual(model.hops.map((hop) => hop.peer));

    // A restart with a count one too high lets the forged address through.
    const restarted = await session.startChain({ ...config, x_for: 3 });
    const spoofed = await session.send(forged);
    expect(spoofed.app?.view.remote_addr).toBe('6.6.6.6');
    expect(restarted.hops).toHaveLength(2);

    // Results are read once and removed.
    await expect(readFile(path.join(stand.dir, 'results', 'r1.json'))).rejects.toThrow();
    session.dispose();
    expect(stand.tornDown).toBe(1);
  });

  it('reports a chain that refuses its config instead of waiting', async () => {
    const session = await createWebContainerAdapter({ basePort: 0 }).boot(files, () => undefined);
    await expect(session.startChain({ hops: [], x_for: 1 })).rejects.toThrow(/1 to 3 proxies/);
    session.dispose();
  });
});
