/**
 * Workers (× threads) against the CPU the task or pod is granted (ECS task `cpu` / 1024,
 * Kubernetes `limits.cpu`), not the host's. Verdict: the capacity model's
 * `workers-beyond-cpu` warning (more than 2 × CPU + 1 workers, Gunicorn's design page).
 */
import { computeCapacity } from '../../capacity/capacity';
import { cpusGranted } from '../derive';
import { capacityOf } from '../to-scenario';
import { defineAuditRule, SOURCES } from './rule';

export default defineAuditRule(
  {
    code: 'workers-exceed-cpu',
    level: 'warning',
    title: 'More workers than the CPU granted can run',
    failure:
      'The workers fight over a fraction of a CPU: latency rises under load and health checks time out, with no gain in throughput.',
    fix: 'Size workers from the CPU the task or pod is granted (about 2 × CPU + 1 at most), and add tasks or replicas for more capacity.',
    sources: [SOURCES.gunicornWorkers, SOURCES.ecsTaskSize, SOURCES.k8sCpu],
  },
  ({ facts, options }) => {
    const cpus = cpusGranted(facts);
    const settings = capacityOf(facts, options);
    const workers = facts.gunicorn.workers;
    if (!cpus || !settings || !workers || typeof workers.value !== 'number') return [];
    const warning = computeCapacity(settings).warnings.find((w) => w.code === 'workers-beyond-cpu');
    if (!warning) return [];
    return [
      {
        at: workers,
        message: `${warning.text} (CPU read from ${cpus.file} line ${cpus.line}: ${cpus.value} vCPU.)`,
        related: [cpus],
      },
    ];
  },
);
