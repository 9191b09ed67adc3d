/**
 * Module Web Worker that runs the Dockerfile checker off the main thread, so a 1 MB paste or a
 * share link that expands to megabytes never freezes the page. One request at a time; the widget
 * terminates the worker to cancel a run that an edit has made stale.
 */
import { applyAllFixes, checkDockerfile } from '../../sim/dockerfile/index';
import type { CheckReply, CheckRequest } from './check-protocol';
import { canCompress, encodeShared } from './share-codec';

interface WorkerScope {
  onmessage: ((event: MessageEvent<CheckRequest>) => void) | null;
  postMessage: (message: CheckReply) => void;
}

const scope = self as unknown as WorkerScope;

async function sharePayload(dockerfile: string, dockerignore: string | undefined) {
  if (!canCompress()) return null;
  try {
    return await encodeShared({ dockerfile, dockerignore: dockerignore ?? null });
  } catch {
    return null;
  }
}

scope.onmessage = (event) => {
  const { id, kind, dockerfile, dockerignore, today, share } = event.data;
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
    if (!share) {
      scope.postMessage({ id, kind: 'done', findings });
      return;
    }
    void sharePayload(dockerfile, dockerignore).then((payload) => {
      scope.postMessage({ id, kind: 'done', findings, payload });
    });
  } catch (error) {
    scope.postMessage({
      id,
      kind: 'error',
      message: error instanceof Error ? error.message : 'The check failed.',
    });
  }
};
