/**
 * Module Web Worker that runs the Dockerfile checker off the main thread, so a 1 MB paste or a
 * share link that expands to megabytes never freezes the page. One request at a time; the widget
 * terminates the worker to cancel a run that an edit has made stale.
 */
import { applyAllFixes, checkDockerfile } from '../../sim/dockerfile/index';
import type { CheckReply, CheckRequest } from './check-protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent<CheckRequest>) => void) | null;
  postMessage: (message: CheckReply) => void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, kind, dockerfile, dockerignore, today } = event.data;
  try {
    if (kind === 'fix-all') {
      const fixed = applyAllFixes({
        dockerfile: typeof dockerfile === 'string' ? dockerfile : '',
        dockerignore: typeof dockerignore === 'string' ? dockerignore : undefined,
      });
      scope.postMessage({
        id,
        kind: 'fixed',
        dockerfile: fixed.dockerfile,
        dockerignore: fixed.dockerignore,
      });
      return;
    }
    const findings = checkDockerfile(typeof dockerfile === 'string' ? dockerfile : '', {
      dockerignore: typeof dockerignore === 'string' ? dockerignore : undefined,
      today,
    });
    scope.postMessage({ id, kind: 'done', findings });
  } catch (error) {
    scope.postMessage({
      id,
      kind: 'error',
      message: error instanceof Error ? error.message : 'The check failed.',
    });
  }
};
