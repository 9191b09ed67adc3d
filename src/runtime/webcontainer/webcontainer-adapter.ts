/**
 * The real lab: WebContainer (StackBlitz's in-browser Node runtime) running lab/project.
 *
 * `@webcontainer/api` is imported dynamically inside `boot()`, so not a byte of it — and no
 * request to a StackBlitz host — happens before the learner clicks "Start live lab". Booting
 * inserts a hidden iframe from https://stackblitz.com/headless (@webcontainer/api 1.6.4
 * dist/index.js `serverFactory`), which is why /lab/ pages allow that origin in frame-src.
 *
 * The page and the Node programs talk through files, not terminal output: chain.mjs writes
 * state/ready.json when every server listens; send.mjs writes results/<id>.json. Both are
 * read with `fs.readFile` and checked field by field (parse-lab-output.ts).
 */
import type { WebContainer, WebContainerProcess } from '@webcontainer/api';
import { LAB_BASE_PORT } from './lab-scenario';
import type { LabAdapter, LabChainConfig, LabSession } from './lab-types';
import { parseChainInfo, parseExchange } from './parse-lab-output';

const POLL_MS = 100;
const CHAIN_START_LIMIT_MS = 20_000;
const REQUEST_LIMIT_MS = 15_000;

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Read and parse a JSON file, polling until it exists or `limitMs` passes. */
async function readJsonWhenWritten(
  container: WebContainer,
  file: string,
  limitMs: number,
): Promise<unknown> {
  const started = Date.now();
  for (;;) {
    try {
      return JSON.parse(await container.fs.readFile(file, 'utf-8')) as unknown;
    } catch {
      if (Date.now() - started > limitMs) throw new Error(`${file} was not written in time`);
      await wait(POLL_MS);
    }
  }
}

/** Drain a process's terminal output so it never blocks (the lab reads files instead). */
function drain(process: WebContainerProcess): void {
  void process.output.pipeTo(new WritableStream()).catch(() => undefined);
}

/** How long a restart waits for the old chain to exit and free its ports. */
const CHAIN_EXIT_WAIT_MS = 3000;

function createSession(container: WebContainer, basePort: number): LabSession {
  let chain: { process: WebContainerProcess; exited: Promise<number> } | null = null;
  let requestNumber = 0;
  const stopChain = async (): Promise<void> => {
    if (!chain) return;
    const { process, exited } = chain;
    chain = null;
    process.kill();
    await Promise.race([exited.catch(() => 0), wait(CHAIN_EXIT_WAIT_MS)]);
  };
  return {
    async startChain(config: LabChainConfig) {
      await stopChain();
      await container.fs.rm('state', { recursive: true, force: true });
      const args = JSON.stringify({
        hops: config.hops,
        x_for: config.x_for,
        basePort,
      });
      const process = await container.spawn('node', ['chain.mjs', args]);
      drain(process);
      chain = { process, exited: process.exit };
      // If the chain exits before it is ready, report its own reason from state/ready.json.
      const exitedEarly = process.exit.then(async (code) => {
        let raw: unknown = null;
        try {
          raw = JSON.parse(await container.fs.readFile('state/ready.json', 'utf-8'));
        } catch {
          // No reason written.
        }
        if (raw !== null) parseChainInfo(raw);
        throw new Error(`the chain exited with code ${code}`);
      });
      const ready = readJsonWhenWritten(container, 'state/ready.json', CHAIN_START_LIMIT_MS);
      // Whichever loses the race settles later (the chain exits on restart); never unhandled.
      exitedEarly.catch(() => undefined);
      ready.catch(() => undefined);
      return parseChainInfo(await Promise.race([ready, exitedEarly]));
    },
    async send(forged) {
      requestNumber += 1;
      const id = `r${requestNumber}`;
      const process = await container.spawn('node', ['send.mjs', JSON.stringify({ id, forged })]);
      drain(process);
      const code = await process.exit;
      if (code !== 0) throw new Error(`send.mjs exited with code ${code}`);
      const file = `results/${id}.json`;
      const raw = await readJsonWhenWritten(container, file, REQUEST_LIMIT_MS);
      await container.fs.rm(file, { force: true });
      return parseExchange(raw);
    },
    dispose() {
      chain?.process.kill();
      chain = null;
      container.teardown();
    },
  };
}

export interface WebContainerAdapterOptions {
  /** First port of the chain inside the container (0 = any free port; tests use 0). */
  readonly basePort?: number;
}

export function createWebContainerAdapter(options: WebContainerAdapterOptions = {}): LabAdapter {
  const basePort = options.basePort ?? LAB_BASE_PORT;
  return {
    kind: 'webcontainer',
    async boot(files, onStep) {
      onStep('loading-api');
      const api = await import('@webcontainer/api');
      onStep('booting');
      const container = await api.WebContainer.boot({ coep: 'require-corp', workdirName: 'lab' });
      onStep('mounting');
      await container.mount(files);
      return createSession(container, basePort);
    },
  };
}
