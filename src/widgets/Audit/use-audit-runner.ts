/**
 * Runs the audit for the current inputs in a module Web Worker, so the page keeps responding
 * whatever it is given. New inputs cancel the run in progress (its worker is terminated and
 * a fresh one started). Without Worker support the audit runs on the main thread after a
 * timer, and the status line says so.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AuditInput, AuditKind, AuditOptions, AuditReport } from '../../sim/audit/types';
import type { AuditReply, AuditRequest } from './audit-protocol';
import { tryCreateWorker, useTerminateOnUnmount } from '../../runtime/module-worker';

export interface AuditRunnerState {
  readonly report: AuditReport | null;
  /** The audit's names for the kinds of file, sent with the report. */
  readonly kindLabels: Readonly<Record<AuditKind, string>> | null;
  /** Files being audited right now; null when idle. */
  readonly running: { readonly files: number } | null;
  readonly error: string | null;
  readonly ms: number | null;
  readonly where: 'worker' | 'main thread' | null;
}

/** Longest an audit may run in the worker before it is stopped. */
export const MAX_RUN_MS = 15_000;

const IDLE: AuditRunnerState = {
  report: null,
  kindLabels: null,
  running: null,
  error: null,
  ms: null,
  where: null,
};

function createAuditWorker(): Worker | null {
  return tryCreateWorker(
    () => new Worker(new URL('./audit.worker.ts', import.meta.url), { type: 'module' }),
  );
}

export function useAuditRunner(
  inputs: readonly AuditInput[],
  options: AuditOptions,
): AuditRunnerState {
  const [state, setState] = useState<AuditRunnerState>(IDLE);
  const worker = useRef<Worker | null>(null);
  const busy = useRef(false);
  const usable = useRef(true);
  const currentId = useRef(0);
  /** The worker script loaded and answered once: a later failure is the audit's, not the browser's. */
  const loaded = useRef(false);
  const latest = useRef<{ inputs: readonly AuditInput[]; options: AuditOptions }>({
    inputs,
    options,
  });
  latest.current = { inputs, options };

  useTerminateOnUnmount(worker, currentId);

  useEffect(() => {
    const id = ++currentId.current;
    if (inputs.length === 0) {
      if (busy.current) {
        worker.current?.terminate();
        worker.current = null;
        busy.current = false;
      }
      setState(IDLE);
      return;
    }
    setState((previous) => ({ ...previous, running: { files: inputs.length }, error: null }));

    const runOnMainThread = (): void => {
      const runId = currentId.current;
      window.setTimeout(() => {
        void import('../../sim/audit').then(({ auditFiles, KIND_LABELS }) => {
          if (runId !== currentId.current) return;
          try {
            const started = performance.now();
            const report = auditFiles(latest.current.inputs, latest.current.options);
            const ms = performance.now() - started;
            setState({
              report,
              kindLabels: KIND_LABELS,
              running: null,
              error: null,
              ms,
              where: 'main thread',
            });
          } catch (error) {
            setState((previous) => ({
              ...previous,
              running: null,
              error: error instanceof Error ? error.message : 'The audit failed.',
            }));
          }
        });
      }, 0);
    };

    if (!usable.current) {
      runOnMainThread();
      return;
    }
    if (worker.current !== null && busy.current) {
      // A run is still going: cancel it rather than queue behind it.
      worker.current.terminate();
      worker.current = null;
    }
    if (worker.current === null) {
      const created = createAuditWorker();
      if (created === null) {
        usable.current = false;
        runOnMainThread();
        return;
      }
      created.onmessage = (event: MessageEvent<AuditReply>) => {
        const reply = event.data;
        loaded.current = true;
        if (reply.id !== currentId.current) return;
        if (reply.kind === 'progress') return;
        busy.current = false;
        if (reply.kind === 'done') {
          setState({
            report: reply.report,
            kindLabels: reply.kindLabels,
            running: null,
            error: null,
            ms: reply.ms,
            where: 'worker',
          });
        } else {
          setState((previous) => ({ ...previous, running: null, error: reply.message }));
        }
      };
      created.onerror = (event) => {
        event.preventDefault();
        busy.current = false;
        created.terminate();
        if (worker.current === created) worker.current = null;
        if (loaded.current) {
          // The audit itself failed (out of memory, say): never retry that on the main thread.
          setState((previous) => ({
            ...previous,
            running: null,
            error: 'The audit stopped before finishing; the other results are from the last run.',
          }));
          return;
        }
        // The worker script could not load: carry on without it.
        usable.current = false;
        runOnMainThread();
      };
      worker.current = created;
    }
    busy.current = true;
    const request: AuditRequest = { id, inputs, options };
    worker.current.postMessage(request);
    // A run that takes far longer than any real deployment's files is stopped, not waited on.
    const watchdog = window.setTimeout(() => {
      if (id !== currentId.current || !busy.current) return;
      worker.current?.terminate();
      worker.current = null;
      busy.current = false;
      setState((previous) => ({
        ...previous,
        running: null,
        error: `The audit took longer than ${MAX_RUN_MS / 1000} s and was stopped; the last report is kept. Remove the largest files and try again.`,
      }));
    }, MAX_RUN_MS);
    return () => {
      window.clearTimeout(watchdog);
    };
  }, [inputs, options]);

  return state;
}
