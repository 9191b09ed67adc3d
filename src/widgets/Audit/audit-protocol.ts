/** Messages between the audit page and its Web Worker (audit.worker.ts). */
import type { AuditInput, AuditKind, AuditOptions, AuditReport } from '../../sim/audit/types';

export interface AuditRequest {
  readonly id: number;
  readonly inputs: readonly AuditInput[];
  readonly options: AuditOptions;
}

export type AuditReply =
  | {
      readonly id: number;
      readonly kind: 'progress';
      readonly done: number;
      readonly total: number;
    }
  | {
      readonly id: number;
      readonly kind: 'done';
      readonly report: AuditReport;
      readonly ms: number;
      /** The audit's own names for the kinds of file (src/sim/audit/detect.ts). */
      readonly kindLabels: Readonly<Record<AuditKind, string>>;
    }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };
