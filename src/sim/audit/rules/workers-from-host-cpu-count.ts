/**
 * `workers = multiprocessing.cpu_count() * n + k` counts the CPUs of the machine, not the
 * CPU quota of the container: Python's docs say os.cpu_count() is "the number of logical
 * CPUs in the system", not the number the process can use, and a cgroup CPU limit (ECS task
 * `cpu`, Kubernetes `limits.cpu`) does not change it. The worker count then follows the host.
 */
import { cpusGranted } from '../derive';
import { defineAuditRule, SOURCES } from './rule';

export default defineAuditRule(
  {
    code: 'workers-from-host-cpu-count',
    level: 'warning',
    title: "workers computed from the host's CPU count",
    failure:
      'On a large host the container starts far more workers than its CPU share can run, and memory use grows with the host instead of the limit.',
    fix: 'Set workers from the CPU granted (an integer, or an environment variable set per environment), not from cpu_count().',
    sources: [SOURCES.pythonCpuCount, SOURCES.gunicornWorkers, SOURCES.k8sCpu],
  },
  ({ facts }) => {
    const w = facts.gunicorn.workers;
    if (!w || typeof w.value === 'number') return [];
    const cpus = cpusGranted(facts);
    const formula = `cpu_count() × ${w.value.perCpu}${w.value.plus ? ` + ${w.value.plus}` : ''}`;
    return [
      {
        at: w,
        message: cpus
          ? `workers = ${formula} counts the host's CPUs, but this task/pod is granted ${cpus.value} vCPU: that alone would give ${Math.max(1, Math.round(w.value.perCpu * cpus.value + w.value.plus))} workers.`
          : `workers = ${formula} counts the host's CPUs, whatever CPU limit the container has.`,
        related: [cpus],
      },
    ];
  },
);
