/** Messages between the WorkerModel widget and sim.worker.ts. */
import type { WorkerSettings } from '../../sim/workers';
import type { ModelOutput } from './run-model';

export interface WorkerRequest {
  readonly id: number;
  readonly settings: WorkerSettings;
}

export type WorkerReply =
  | {
      readonly id: number;
      readonly kind: 'progress';
      readonly done: number;
      readonly total: number;
    }
  | { readonly id: number; readonly kind: 'done'; readonly output: ModelOutput }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };
