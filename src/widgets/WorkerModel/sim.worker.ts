/**
 * Module Web Worker that runs the worker-model simulations off the main thread, so that long
 * runs never freeze the page. Messages in: { id, settings }. Messages out:
 * { id, kind: 'progress', done, total } and { id, kind: 'done', output }, or
 * { id, kind: 'error', message }.
 */
import { validateWorkerSettings } from '../../sim/workers';
import { stepModel } from './run-model';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage: (message: WorkerReply) => void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id } = event.data;
  const settings = validateWorkerSettings(event.data.settings);
  if (settings === null) {
    scope.postMessage({ id, kind: 'error', message: 'The settings could not be read.' });
    return;
  }
  try {
    const steps = stepModel(settings);
    let lastPost = 0;
    for (;;) {
      const step = steps.next();
      if (step.done === true) {
        scope.postMessage({ id, kind: 'done', output: step.value });
        return;
      }
      const now = Date.now();
      if (now - lastPost > 50) {
        lastPost = now;
        scope.postMessage({ id, kind: 'progress', ...step.value });
      }
    }
  } catch (error) {
    scope.postMessage({
      id,
      kind: 'error',
      message: error instanceof Error ? error.message : 'The simulation failed.',
    });
  }
};
