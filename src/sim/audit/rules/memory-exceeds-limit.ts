/**
 * Per-worker memory × workers (+ master) against the task's or container's memory limit,
 * when the user gives the per-worker figure. Verdict: the capacity model's memory verdict
 * (`oom`).
 */
import { computeCapacity } from '../../capacity/capacity';
import { memoryLimitMiB } from '../derive';
import { capacityOf } from '../to-scenario';
import { defineAuditRule, SOURCES } from './rule';

export default defineAuditRule(
  {
    code: 'memory-exceeds-limit',
    level: 'error',
    title: 'The workers need more memory than the limit',
    failure:
      'The kernel OOM-kills workers (or the whole task) under load, dropping the requests they were serving.',
    fix: 'Run fewer workers per task, raise the memory limit, or use preload_app to share memory copy-on-write.',
    sources: [SOURCES.gunicornWorkers, SOURCES.ecsTaskSize],
  },
  ({ facts, options }) => {
    const limit = memoryLimitMiB(facts);
    if (options.perWorkerMemoryMiB === undefined || !limit) return [];
    const settings = capacityOf(facts, options);
    if (!settings || typeof facts.gunicorn.workers?.value === 'object') return [];
    const m = computeCapacity(settings).memory;
    if (m.verdict !== 'oom') return [];
    return [
      {
        at: facts.gunicorn.workers ?? limit,
        message: `${settings.workers} workers × ${options.perWorkerMemoryMiB} MiB + the master need about ${Math.round(m.perTaskMiB)} MiB, above the ${limit.value} MiB limit.${m.largestWorkersThatFit !== null ? ` At most ${m.largestWorkersThatFit} workers fit.` : ''}`,
        related: [limit],
      },
    ];
  },
);
