/**
 * The time a platform gives a new replica before failed checks count, against the app's boot
 * time when the user gives it. Kubernetes: the startup probe's initialDelaySeconds +
 * failureThreshold × periodSeconds (without one, the liveness probe's); ECS: the service's
 * healthCheckGracePeriodSeconds (default 0) before ALB health check failures count.
 */
import { defineAuditRule, SOURCES, type RawAuditFinding } from './rule';

export default defineAuditRule(
  {
    code: 'startup-shorter-than-boot',
    level: 'warning',
    title: 'Health checks start failing before the app has booted',
    failure:
      'New replicas are killed or replaced before they finish booting, so a deploy never becomes healthy (a restart loop).',
    fix: 'Give the app time to boot: a startupProbe whose failureThreshold × periodSeconds covers the boot on Kubernetes; healthCheckGracePeriodSeconds on the ECS service.',
    sources: [SOURCES.k8sProbes, SOURCES.ecsServiceGrace],
  },
  ({ facts, options }) => {
    const boot = options.appBootSeconds;
    if (boot === undefined) return [];
    const out: RawAuditFinding[] = [];
    const k8s = facts.kubernetes;
    const probe =
      k8s?.probes.find((p) => p.kind === 'startup') ??
      k8s?.probes.find((p) => p.kind === 'liveness');
    if (probe) {
      const budget =
        (probe.initialDelaySeconds ?? 0) +
        (probe.failureThreshold ?? 3) * (probe.periodSeconds ?? 10);
      if (budget < boot) {
        out.push({
          at: probe.at,
          message: `The ${probe.kind} probe allows ${budget} s (initialDelaySeconds ${probe.initialDelaySeconds ?? 0} + failureThreshold ${probe.failureThreshold ?? 3} × periodSeconds ${probe.periodSeconds ?? 10}) but the app takes ${boot} s to boot.`,
        });
      }
    }
    if (facts.ecs && facts.alb) {
      const grace = facts.ecs.healthCheckGracePeriodSeconds;
      const g = grace?.value ?? 0;
      const hc = facts.alb.healthCheck;
      const window = g + (hc?.periodSeconds ?? 30) * (hc?.failureThreshold ?? 2);
      if (window < boot) {
        out.push({
          at: grace ?? facts.ecs.at,
          message: `healthCheckGracePeriodSeconds is ${g} s${grace ? '' : ' (default)'}; with the ALB check every ${hc?.periodSeconds ?? 30} s and ${hc?.failureThreshold ?? 2} failures to mark a target unhealthy, a task is failed after about ${window} s, but the app takes ${boot} s to boot.`,
          related: [hc?.at],
        });
      }
    }
    return out;
  },
);
