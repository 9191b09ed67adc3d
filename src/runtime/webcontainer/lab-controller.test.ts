import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeAdapter, type FakeBootBehaviour } from './fake-adapter';
import {
  createLabController,
  DEFAULT_LAB_TIMEOUT_MS,
  isFailure,
  parseTimeoutMs,
  type LabController,
  type LabState,
} from './lab-controller';
import type { LabChainConfig, LabFileTree } from './lab-types';
import type { PreflightEnvironment } from './preflight';

const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
const ISOLATED: PreflightEnvironment = {
  crossOriginIsolated: true,
  hasSharedArrayBuffer: true,
  userAgent: CHROME,
};
const FILES: LabFileTree = { 'chain.mjs': { file: { contents: '// lab' } } };
const CONFIG: LabChainConfig = { hops: ['cloudfront', 'alb'], x_for: 2 };

function setup(
  behaviour: FakeBootBehaviour,
  extra: { environment?: PreflightEnvironment; timeoutMs?: number; chainError?: string } = {},
) {
  const adapter = createFakeAdapter({
    behaviour,
    chainMs: 200,
    ...(extra.chainError === undefined ? {} : { chainError: extra.chainError }),
  });
  const files = vi.fn(() => FILES);
  const controller: LabController = createLabController({
    adapter,
    files,
    environment: () => extra.environment ?? ISOLATED,
    config: CONFIG,
    ...(extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs }),
  });
  const seen: LabState[] = [];
  controller.subscribe((state) => seen.push(state));
  const statuses = () => seen.map((s) => (s.status === 'booting' ? `booting:${s.step}` : s.status));
  return { adapter, files, controller, statuses };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the live lab state machine', () => {
  it('stays idle and loads nothing until start()', async () => {
    const { adapter, files, controller } = setup({ kind: 'ready', bootMs: 1000 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(controller.getState()).toEqual({ status: 'idle' });
    expect(adapter.bootCalls).toBe(0);
    expect(files).not.toHaveBeenCalled();
  });

  it('goes idle → preflight → booting (each step) → ready, and mounts the project', async () => {
    const { adapter, controller, statuses } = setup({ kind: 'ready', bootMs: 5000 });
    const started = controller.start();
    await vi.advanceTimersByTimeAsync(5000 + 200);
    await started;
    expect(statuses()).toEqual([
      'preflight',
      'booting:loading-api',
      'booting:booting',
      'booting:mounting',
      'booting:starting-chain',
      'ready',
    ]);
    expect(adapter.mounted).toBe(FILES);
    const state = controller.getState();
    expect(state.status === 'ready' && state.chain.hops.map((h) => h.kind)).toEqual([
      'cloudfront',
      'alb',
    ]);
  });

  it('a second start() while booting does not boot twice', async () => {
    const { adapter, controller } = setup({ kind: 'ready', bootMs: 1000 });
    const first = controller.start();
    const second = controller.start();
    await vi.advanceTimersByTimeAsync(2000);
    await Promise.all([first, second]);
    expect(adapter.bootCalls).toBe(1);
    expect(controller.getState().status).toBe('ready');
  });

  it('is ready just before the default 30 s timeout, and answers requests from the model', async () => {
    const { controller } = setup({ kind: 'ready', bootMs: DEFAULT_LAB_TIMEOUT_MS - 300 });
    const started = controller.start();
    await vi.advanceTimersByTimeAsync(DEFAULT_LAB_TIMEOUT_MS - 50);
    await started;
    expect(controller.getState().status).toBe('ready');
    const honest = await controller.send(null);
    const forged = await controller.send({ xff: '6.6.6.6', xfp: '', xfh: '' });
    expect(honest.app?.view.remote_addr).toBe(forged.app?.view.remote_addr);
    expect(forged.app?.view.access_route[0]).toBe('6.6.6.6');
  });

  it('times out at the default 30 s when boot never settles (StackBlitz unreachable)', async () => {
    const { controller, statuses } = setup({ kind: 'hang' });
    const started = controller.start();
    await vi.advanceTimersByTimeAsync(DEFAULT_LAB_TIMEOUT_MS - 1);
    expect(controller.getState().status).toBe('booting');
    await vi.advanceTimersByTimeAsync(1);
    await started;
    const state = controller.getState();
    expect(state.status).toBe('timeout');
    expect(isFailure(state) && state.reason).toMatch(/30 s.*StackBlitz/);
    expect(statuses().at(-1)).toBe('timeout');
  });

  it('honours a shorter timeout, and disposes a session that arrives too late', async () => {
    const { adapter, controller } = setup({ kind: 'ready', bootMs: 3000 }, { timeoutMs: 2000 });
    const started = controller.start();
    await vi.advanceTimersByTimeAsync(2000);
    await started;
    expect(controller.getState().status).toBe('timeout');
    await vi.advanceTimersByTimeAsync(5000);
    expect(controller.getState().status).toBe('timeout');
    expect(adapter.disposedSessions).toBe(1);
  });

  it('reports an error when boot rejects', async () => {
    const { controller } = setup({
      kind: 'fail',
      message: 'Unable to create more instances',
      afterMs: 500,
    });
    const started = controller.start();
    await vi.advanceTimersByTimeAsync(500);
    await started;
    const state = controller.getState();
    expect(state.status).toBe('error');
    expect(isFailure(state) && state.reason).toContain('Unable to create more instances');
  });

  it('reports an error when the chain does not start, and shuts the container down', async () => {
    const { adapter, controller } = setup(
      { kind: 'ready', bootMs: 10 },
      { chainError: 'EADDRINUSE' },
    );
    const started = controller.start();
    await vi.advanceTimersByTimeAsync(1000);
    await started;
    expect(controller.getState().status).toBe('error');
    expect(adapter.disposedSessions).toBe(1);
  });

  it('is unsupported without cross-origin isolation, and never boots', async () => {
    const { adapter, files, controller, statuses } = setup(
      { kind: 'ready', bootMs: 10 },
      { environment: { ...ISOLATED, crossOriginIsolated: false, hasSharedArrayBuffer: false } },
    );
    await controller.start();
    expect(statuses()).toEqual(['preflight', 'unsupported']);
    expect(adapter.bootCalls).toBe(0);
    expect(files).not.toHaveBeenCalled();
  });

  it('restarts the chain with a new config', async () => {
    const { controller, statuses } = setup({ kind: 'ready', bootMs: 10 });
    const started = controller.start();
    await vi.advanceTimersByTimeAsync(1000);
    await started;
    const restarted = controller.restart({ hops: ['nginx'], x_for: 1 });
    expect(controller.getState()).toMatchObject({ status: 'ready', busy: true });
    await vi.advanceTimersByTimeAsync(200);
    await restarted;
    const state = controller.getState();
    expect(state.status === 'ready' && state.chain.hops.map((h) => h.kind)).toEqual(['nginx']);
    expect(statuses().slice(-2)).toEqual(['ready', 'ready']);
  });

  it('refuses requests unless ready', async () => {
    const { controller } = setup({ kind: 'hang' });
    await expect(controller.send(null)).rejects.toThrow(/not running/);
  });
});

describe('parseTimeoutMs (the ?lab-timeout-ms= override)', () => {
  it.each([
    [null, DEFAULT_LAB_TIMEOUT_MS],
    ['', DEFAULT_LAB_TIMEOUT_MS],
    ['abc', DEFAULT_LAB_TIMEOUT_MS],
    ['Infinity', DEFAULT_LAB_TIMEOUT_MS],
    ['2500', 2500],
    ['1', 100],
    ['1e12', 300_000],
    [4000.4, 4000],
  ] as const)('%j → %d', (raw, expected) => {
    expect(parseTimeoutMs(raw)).toBe(expected);
  });
});
