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
  /** Also compress the text into a share-link payload (share-codec.ts), off the main thread. */
  readonly share: boolean;
}

export type CheckReply =
  | {
      readonly id: number;
      readonly kind: 'done';
      readonly findings: Finding[];
      /** The share-link payload when asked for; null when it could not be made. */
      readonly payload?: string | null;
    }
  | {
      readonly id: number;
      readonly kind: 'fixed';
      readonly dockerfile: string;
      readonly dockerignore: string | undefined;
    }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };
