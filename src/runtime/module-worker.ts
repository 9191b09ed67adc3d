/**
 * The two pieces every Web-Worker runner (the worker model, the Dockerfile checker, the
 * deployment audit) shares: start a module worker when the browser can, and stop it with the
 * component. Each runner keeps its own `new Worker(new URL('./x.worker.ts', import.meta.url))`
 * expression, because the bundler finds the worker file only in that literal form.
 */
import { useEffect, type MutableRef } from 'preact/hooks';

/** The worker `make` starts, or null where workers are missing or refused (the caller then runs on the main thread). */
export function tryCreateWorker(make: () => Worker): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return make();
  } catch {
    return null;
  }
}

/**
 * On unmount: invalidate the run in flight (bump its id, so a late reply is ignored) and
 * terminate the worker.
 */
export function useTerminateOnUnmount(
  worker: MutableRef<Worker | null>,
  runId: MutableRef<number>,
): void {
  useEffect(
    () => () => {
      runId.current += 1;
      worker.current?.terminate();
      worker.current = null;
    },
    [],
  );
}
