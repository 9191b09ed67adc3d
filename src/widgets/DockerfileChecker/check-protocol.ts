/** Messages between the Dockerfile checker widget and check.worker.ts. */
import type { Finding } from '../../sim/dockerfile/types';

export interface CheckRequest {
  readonly id: number;
  /** `check`: list the findings; `fix-all`: apply every safe fix (applyAllFixes). */
  readonly kind: 'check' | 'fix-all';
  readonly dockerfile: string;
  /** undefined: the user has no .dockerignore. */
  readonly dockerignore: string | undefined;
  readonly today: string;
}

export type CheckReply =
  | { readonly id: number; readonly kind: 'done'; readonly findings: Finding[] }
  | {
      readonly id: number;
      readonly kind: 'fixed';
      readonly dockerfile: string;
      readonly dockerignore: string | undefined;
    }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };
