/**
 * The chapter 8 production checklist, restricted to the items a Dockerfile
 * can show. An item passes when no unsuppressed error or warning of its rules remains.
 */
import type { Finding } from './types';

export interface ChecklistItem {
  readonly id: string;
  readonly label: string;
  readonly codes: readonly string[];
}

export const CHECKLIST: readonly ChecklistItem[] = [
  {
    id: 'dev-server',
    label: 'Development server out of every production path (§1)',
    codes: ['dev-server', 'flask-debug', 'gunicorn-reload'],
  },
  {
    id: 'wsgi',
    label: 'Gunicorn reachable and configured (§3)',
    codes: ['gunicorn-bind-default', 'expose-mismatch', 'gunicorn-timeout-zero'],
  },
  {
    id: 'non-root',
    label: 'Not running as root (§3, §5)',
    codes: ['root-user', 'user-not-created'],
  },
  {
    id: 'multi-stage',
    label: 'Multi-stage, slim base (§5)',
    codes: [
      'single-stage',
      'build-tools-in-runtime',
      'alpine-base',
      'venv-not-on-path',
      'python-version-mismatch',
      'unpinned-base',
      'eol-python',
    ],
  },
  {
    id: 'exec-form',
    label: 'Exec-form Gunicorn CMD (§5, §6)',
    codes: ['shell-form-cmd', 'shell-wrapper', 'invalid-json-args', 'exec-form-variable'],
  },
  {
    id: 'dockerignore',
    label: '.dockerignore excludes .env and instance/ (§5)',
    codes: ['dockerignore-missing', 'dockerignore-incomplete', 'secret-file-copied'],
  },
  {
    id: 'secrets',
    label: 'Secrets from the environment, not the image (§5)',
    codes: ['secret-in-env'],
  },
  {
    id: 'sigterm',
    label: 'Graceful on SIGTERM with Gunicorn as PID 1 (§6)',
    codes: ['shell-form-cmd', 'shell-wrapper', 'stop-signal-quick'],
  },
  {
    id: 'health',
    label: 'Health check the image can run (§5, §6)',
    codes: ['healthcheck-tool-missing', 'healthcheck-port-mismatch', 'healthcheck-missing'],
  },
];

export interface ChecklistScore {
  readonly passed: number;
  readonly total: number;
  readonly items: readonly { readonly item: ChecklistItem; readonly ok: boolean }[];
}

export function scoreChecklist(findings: readonly Finding[]): ChecklistScore {
  const failing = new Set(
    findings.filter((f) => !f.suppressed && f.level !== 'info').map((f) => f.code),
  );
  const items = CHECKLIST.map((item) => ({
    item,
    ok: !item.codes.some((code) => failing.has(code)),
  }));
  return { passed: items.filter((i) => i.ok).length, total: items.length, items };
}
