/**
 * Runs the checker for the text the widget last settled on. Small files (the examples, a real
 * Dockerfile) are checked at once on the main thread: a few milliseconds. Anything larger goes
 * to a module Web Worker, and a newer text terminates a run still going, so a stale 1 MB check
 * never delays the next one. Without Worker support the check runs after a timer, as before.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { applyAllFixes, checkDockerfile, type Files } from '../../sim/dockerfile/index';
import type { Finding } from '../../sim/dockerfile/types';
import type { CheckReply, CheckRequest } from './check-protocol';
import { tryCreateWorker, useTerminateOnUnmount } from '../../runtime/module-worker';

/** Inputs up to this many characters are checked on the main thread (well under 10 ms). */
export const MAIN_THREAD_MAX_CHARS = 16 * 1024;

export interface CheckInput {
  readonly dockerfile: string;
  readonly dockerignore: string | undefined;
}

export interface CheckRunnerState {
  readonly findings: readonly Finding[];
  /** The input the findings belong to. */
  readonly input: CheckInput;
  /** A check of a larger input is running in the worker. */
  readonly running: { readonly chars: number; readonly startedAt: number } | null;
  readonly error: string | null;
  /**
   * For inputs checked in the worker: the share-link payload made there too (compressing 1 MB
   * takes the main thread tens of milliseconds). undefined when the main thread checked.
   */
  readonly payload?: string | null;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function checkNow(input: CheckInput): readonly Finding[] {
  return checkDockerfile(input.dockerfile, { dockerignore: input.dockerignore, today: today() });
}

export function createCheckWorker(): Worker | null {
  return tryCreateWorker(
    () => new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' }),
  );
}

export function useCheckRunner(input: CheckInput): CheckRunnerState {
  const [state, setState] = useState<CheckRunnerState>(() => ({
    findings: checkNow(input),
    input,
    running: null,
    error: null,
  }));
  const worker = useRef<Worker | null>(null);
  const busy = useRef(false);
  const usable = useRef(true);
  const currentId = useRef(0);
  /** The input the worker is checking. */
  const pending = useRef<CheckInput | null>(null);

  useTerminateOnUnmount(worker, currentId);

  useEffect(() => {
    if (state.input === input) return;
    const id = ++currentId.current;
    const size = input.dockerfile.length + (input.dockerignore?.length ?? 0);
    const cancelRunning = (): void => {
      if (worker.current !== null && busy.current) {
        worker.current.terminate();
        worker.current = null;
        busy.current = false;
      }
    };
    if (size <= MAIN_THREAD_MAX_CHARS) {
      cancelRunning();
      setState({ findings: checkNow(input), input, running: null, error: null });
      return;
    }
    const fallback = (): void => {
      window.setTimeout(() => {
        if (id !== currentId.current) return;
        setState({ findings: checkNow(input), input, running: null, error: null });
      }, 0);
    };
    setState((previous) => ({
      ...previous,
      running: { chars: size, startedAt: performance.now() },
      error: null,
    }));
    if (!usable.current) {
      fallback();
      return;
    }
    cancelRunning();
    if (worker.current === null) {
      const created = createCheckWorker();
      if (created === null) {
        usable.current = false;
        fallback();
        return;
      }
      created.onmessage = (event: MessageEvent<CheckReply>) => {
        const reply = event.data;
        busy.current = false;
        if (reply.id !== currentId.current) return;
        const settled = pending.current;
        if (settled === null) return;
        if (reply.kind === 'done')
          setState({
            findings: reply.findings,
            input: settled,
            running: null,
            error: null,
            payload: reply.payload ?? null,
          });
        else if (reply.kind === 'error') {
          const message = reply.message;
          setState((previous) => ({ ...previous, running: null, error: message }));
        }
      };
      created.onerror = (event) => {
        // The worker could not load or crashed: check on the main thread from now on.
        event.preventDefault();
        usable.current = false;
        busy.current = false;
        created.terminate();
        if (worker.current === created) worker.current = null;
        const settled = pending.current;
        if (settled !== null) {
          const again = currentId.current;
          window.setTimeout(() => {
            if (again !== currentId.current) return;
            setState({ findings: checkNow(settled), input: settled, running: null, error: null });
          }, 0);
        }
      };
      worker.current = created;
    }
    pending.current = input;
    busy.current = true;
    const request: CheckRequest = {
      id,
      kind: 'check',
      dockerfile: input.dockerfile,
      dockerignore: input.dockerignore,
      today: today(),
      share: true,
    };
    worker.current.postMessage(request);
    // `state.input` is read only to skip the input already checked.
  }, [input]);

  return state;
}

/**
 * "Apply all safe fixes" checks the file again after every round of edits: for a large file that
 * is a worker's job too. Small files are fixed at once.
 */
export function fixAll(files: Files): Promise<Files> {
  const size = files.dockerfile.length + (files.dockerignore?.length ?? 0);
  const worker = size > MAIN_THREAD_MAX_CHARS ? createCheckWorker() : null;
  if (worker === null) return Promise.resolve(applyAllFixes(files));
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<CheckReply>) => {
      worker.terminate();
      const reply = event.data;
      if (reply.kind === 'fixed')
        resolve({ dockerfile: reply.dockerfile, dockerignore: reply.dockerignore });
      else reject(new Error(reply.kind === 'error' ? reply.message : 'unexpected reply'));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      resolve(applyAllFixes(files));
    };
    const request: CheckRequest = {
      id: 0,
      kind: 'fix-all',
      dockerfile: files.dockerfile,
      dockerignore: files.dockerignore,
      today: today(),
      share: false,
    };
    worker.postMessage(request);
  });
}
