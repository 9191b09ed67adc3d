/**
 * Runs the worker-model simulations for the current settings: in a module Web Worker when the
 * browser has one, otherwise on the main thread in small chunks (a few milliseconds each, with a
 * timer between them) so the page keeps responding either way. Stale runs are dropped.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { WorkerSettings } from '../../sim/workers';
import { stepModel, type ModelOutput, type ModelProgress } from './run-model';
import type { WorkerReply, WorkerRequest } from './worker-protocol';
import { tryCreateWorker, useTerminateOnUnmount } from '../../runtime/module-worker';

export interface ModelRunnerState {
  readonly output: ModelOutput | null;
  readonly progress: ModelProgress | null;
  readonly error: string | null;
  /** Where the last run happened, for the status line. */
  readonly where: 'worker' | 'main thread' | null;
}

const CHUNK_BUDGET_MS = 12;

function createSimWorker(): Worker | null {
  return tryCreateWorker(
    () => new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' }),
  );
}

export function useModelRunner(settings: WorkerSettings, debounceMs = 150): ModelRunnerState {
  const [state, setState] = useState<ModelRunnerState>({
    output: null,
    progress: null,
    error: null,
    where: null,
  });
  const worker = useRef<Worker | null>(null);
  const workerBusy = useRef(false);
  const workerUsable = useRef(true);
  const currentId = useRef(0);
  const key = JSON.stringify(settings);

  useTerminateOnUnmount(worker, currentId);

  useEffect(() => {
    const runOnMainThread = (id: number, wanted: WorkerSettings): void => {
      const steps = stepModel(wanted);
      const tick = (): void => {
        if (id !== currentId.current) return;
        const started = performance.now();
        try {
          for (;;) {
            const step = steps.next();
            if (step.done === true) {
              setState({ output: step.value, progress: null, error: null, where: 'main thread' });
              return;
            }
            if (performance.now() - started > CHUNK_BUDGET_MS) {
              const progress = step.value;
              setState((previous) => ({ ...previous, progress }));
              window.setTimeout(tick, 0);
              return;
            }
          }
        } catch (error) {
          setState((previous) => ({
            ...previous,
            progress: null,
            error: error instanceof Error ? error.message : 'The simulation failed.',
          }));
        }
      };
      window.setTimeout(tick, 0);
    };

    const runInWorker = (id: number, wanted: WorkerSettings): boolean => {
      if (!workerUsable.current) return false;
      if (worker.current !== null && workerBusy.current) {
        // A long run is still going: throw it away rather than queue behind it.
        worker.current.terminate();
        worker.current = null;
      }
      if (worker.current === null) {
        const created = createSimWorker();
        if (created === null) {
          workerUsable.current = false;
          return false;
        }
        created.onmessage = (event: MessageEvent<WorkerReply>) => {
          const reply = event.data;
          if (reply.id !== currentId.current) return;
          if (reply.kind === 'progress') {
            const progress = { done: reply.done, total: reply.total };
            setState((previous) => ({ ...previous, progress }));
            return;
          }
          workerBusy.current = false;
          if (reply.kind === 'done') {
            setState({ output: reply.output, progress: null, error: null, where: 'worker' });
          } else {
            setState((previous) => ({ ...previous, progress: null, error: reply.message }));
          }
        };
        created.onerror = (event) => {
          // The worker script could not load or crashed: carry on without it.
          event.preventDefault();
          workerUsable.current = false;
          workerBusy.current = false;
          created.terminate();
          if (worker.current === created) worker.current = null;
          runOnMainThread(currentId.current, wanted);
        };
        worker.current = created;
      }
      workerBusy.current = true;
      const request: WorkerRequest = { id, settings: wanted };
      worker.current.postMessage(request);
      return true;
    };

    const timer = window.setTimeout(() => {
      const id = ++currentId.current;
      setState((previous) => ({ ...previous, progress: { done: 0, total: 1 }, error: null }));
      if (!runInWorker(id, settings)) runOnMainThread(id, settings);
    }, debounceMs);
    return () => {
      window.clearTimeout(timer);
    };
    // `key` stands for `settings` by value.
  }, [key, debounceMs]);

  return state;
}
