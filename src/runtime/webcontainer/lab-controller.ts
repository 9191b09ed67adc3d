/**
 * The live lab's state machine, independent of any UI:
 *
 *   idle → preflight → booting(step…) → ready
 *                 ↘ unsupported   ↘ timeout | error
 *
 * Nothing is loaded before `start()` (the "Start live lab" click). The boot — loading the
 * API, booting WebContainer, mounting the project, starting the chain — races our own timer,
 * because `WebContainer.boot()` neither resolves nor rejects when StackBlitz cannot be reached.
 * A session that arrives after the timeout is disposed. Timers are the global setTimeout, so
 * tests drive them with fake timers.
 */
import {
  BOOT_STEP_LABELS,
  type BootStep,
  type LabAdapter,
  type LabChainConfig,
  type LabChainInfo,
  type LabExchange,
  type LabFileTree,
  type LabForged,
  type LabSession,
} from './lab-types';
import { checkPreflight, type PreflightEnvironment } from './preflight';

export const DEFAULT_LAB_TIMEOUT_MS = 30_000;
export const MIN_LAB_TIMEOUT_MS = 100;
export const MAX_LAB_TIMEOUT_MS = 300_000;

export type LabState =
  | { readonly status: 'idle' }
  | { readonly status: 'preflight' }
  | { readonly status: 'booting'; readonly step: BootStep }
  | { readonly status: 'ready'; readonly chain: LabChainInfo; readonly busy: boolean }
  | { readonly status: 'unsupported'; readonly reason: string }
  | { readonly status: 'timeout'; readonly reason: string }
  | { readonly status: 'error'; readonly reason: string };

export type LabStatus = LabState['status'];

/** The states in which the page shows the simulator instead of the lab. */
export function isFailure(state: LabState): state is Extract<LabState, { reason: string }> {
  return state.status === 'unsupported' || state.status === 'timeout' || state.status === 'error';
}

export interface LabControllerOptions {
  readonly adapter: LabAdapter;
  /** The project to mount; called only after the preflight passed. */
  readonly files: () => LabFileTree | Promise<LabFileTree>;
  readonly environment: () => PreflightEnvironment;
  readonly config: LabChainConfig;
  /** Our own limit for the whole boot (default 30 s). */
  readonly timeoutMs?: number;
}

export interface LabController {
  getState(): LabState;
  subscribe(listener: (state: LabState) => void): () => void;
  /** The click on "Start live lab". Does nothing unless idle. */
  start(): Promise<void>;
  /** Restart the chain with a new config (only when ready). */
  restart(config: LabChainConfig): Promise<void>;
  send(forged: LabForged | null): Promise<LabExchange>;
  dispose(): void;
}

/** A timeout in ms from a query parameter or prop; anything unusable gives the default. */
export function parseTimeoutMs(raw: string | number | null | undefined): number {
  const value = typeof raw === 'string' ? Number(raw.trim() === '' ? NaN : raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_LAB_TIMEOUT_MS;
  return Math.round(Math.min(MAX_LAB_TIMEOUT_MS, Math.max(MIN_LAB_TIMEOUT_MS, value)));
}

/** An error as the end of one sentence: at most 300 characters, ending with a full stop. */
function describeError(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).trim();
  const short = message.length > 300 ? `${message.slice(0, 300)}…` : message;
  return /[.!?…]$/.test(short) ? short : `${short}.`;
}

export function createLabController(options: LabControllerOptions): LabController {
  const timeoutMs = parseTimeoutMs(options.timeoutMs);
  let state: LabState = { status: 'idle' };
  let session: LabSession | null = null;
  let disposed = false;
  const listeners = new Set<(state: LabState) => void>();

  const set = (next: LabState): void => {
    if (disposed) return;
    state = next;
    for (const listener of listeners) listener(state);
  };

  // Read through a function: `set` runs in callbacks, which TypeScript's narrowing cannot see.
  const current = (): LabState => state;

  const start = async (): Promise<void> => {
    if (current().status !== 'idle') return;
    set({ status: 'preflight' });
    // Let listeners render the preflight step before the check runs.
    await Promise.resolve();
    const check = checkPreflight(options.environment());
    if (!check.ok) {
      set({ status: 'unsupported', reason: check.reason });
      return;
    }
    const attempt = { timedOut: false };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onStep = (step: BootStep): void => {
      if (!attempt.timedOut) set({ status: 'booting', step });
    };
    onStep('loading-api');
    const work = (async () => {
      const files = await options.files();
      const booted = await options.adapter.boot(files, onStep);
      if (attempt.timedOut || disposed) {
        booted.dispose();
        throw new Error('superseded');
      }
      onStep('starting-chain');
      try {
        const chain = await booted.startChain(options.config);
        return { booted, chain };
      } catch (error) {
        booted.dispose();
        throw error;
      }
    })();
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        resolve('timeout');
      }, timeoutMs);
    });
    const outcome = await Promise.race([
      work.then(
        (value) => ({ kind: 'ok' as const, value }),
        (error: unknown) => ({ kind: 'error' as const, error }),
      ),
      deadline.then(() => ({ kind: 'timeout' as const })),
    ]);
    clearTimeout(timer);
    if (outcome.kind === 'timeout') {
      attempt.timedOut = true;
      // A late session is disposed inside `work`; a late failure is of no interest.
      const last = current();
      const step =
        last.status === 'booting' ? BOOT_STEP_LABELS[last.step].toLowerCase() : 'booting';
      set({
        status: 'timeout',
        reason: `The live lab did not start within ${Math.round(timeoutMs / 100) / 10} s (stuck at: ${step}); StackBlitz’s servers may be blocked or unreachable.`,
      });
      return;
    }
    if (outcome.kind === 'error') {
      set({
        status: 'error',
        reason: `The live lab failed to start: ${describeError(outcome.error)}`,
      });
      return;
    }
    if (disposed) {
      outcome.value.booted.dispose();
      return;
    }
    session = outcome.value.booted;
    set({ status: 'ready', chain: outcome.value.chain, busy: false });
  };

  const whenReady = (): LabSession => {
    if (current().status !== 'ready' || !session) throw new Error('the live lab is not running');
    return session;
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start,
    async restart(config) {
      const running = whenReady();
      const before = current();
      if (before.status === 'ready') set({ ...before, busy: true });
      try {
        const chain = await running.startChain(config);
        set({ status: 'ready', chain, busy: false });
      } catch (error) {
        running.dispose();
        session = null;
        set({
          status: 'error',
          reason: `The lab could not restart the chain: ${describeError(error)}`,
        });
      }
    },
    async send(forged) {
      return whenReady().send(forged);
    },
    dispose() {
      session?.dispose();
      session = null;
      listeners.clear();
      disposed = true;
    },
  };
}
