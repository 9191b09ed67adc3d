/**
 * Module Web Worker that runs the deployment audit off the main thread, so a 1 MB paste or a
 * hostile file never freezes the page. Messages in: AuditRequest. Messages out: a 'progress'
 * reply when the run starts, then 'done' with the report, or 'error'.
 */
import { auditFiles, KIND_LABELS } from '../../sim/audit';
import type { AuditReply, AuditRequest } from './audit-protocol';
import { sanitizeInputs, sanitizeOptions } from './input-limits';

interface WorkerScope {
  onmessage: ((event: MessageEvent<AuditRequest>) => void) | null;
  postMessage: (message: AuditReply) => void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const id = typeof event.data.id === 'number' ? event.data.id : 0;
  const inputs = sanitizeInputs(event.data.inputs);
  if (inputs === null) {
    scope.postMessage({ id, kind: 'error', message: 'The files could not be read.' });
    return;
  }
  scope.postMessage({ id, kind: 'progress', done: 0, total: inputs.length });
  try {
    const started = performance.now();
    const report = auditFiles(inputs, sanitizeOptions(event.data.options));
    scope.postMessage({
      id,
      kind: 'done',
      report,
      ms: performance.now() - started,
      kindLabels: KIND_LABELS,
    });
  } catch (error) {
    scope.postMessage({
      id,
      kind: 'error',
      message: error instanceof Error ? error.message : 'The audit failed.',
    });
  }
};
