/**
 * An image HEALTHCHECK does nothing on Kubernetes (the kubelet disables it: kubernetes PR
 * 50796; probes are configured on the pod) and nothing on ECS unless the task definition
 * has its own healthCheck ("Amazon ECS does not monitor Docker health checks that are
 * embedded in a container image", ECS API HealthCheck).
 */
import { defineAuditRule, SOURCES, type RawAuditFinding } from './rule';

export default defineAuditRule(
  {
    code: 'image-healthcheck-ignored',
    level: 'info',
    title: 'The image HEALTHCHECK is ignored on this platform',
    failure:
      'The team believes the container is health-checked, but the platform never runs the check, so a hung app keeps receiving traffic.',
    fix: 'Configure the check on the platform: liveness/readiness probes on Kubernetes, a container healthCheck in the ECS task definition.',
    sources: [SOURCES.k8sDockerHealthcheck, SOURCES.k8sProbes, SOURCES.ecsHealthCheck],
  },
  ({ facts }) => {
    const hc = facts.docker?.healthcheck;
    if (!hc || /^NONE\b/i.test(hc.value.trim())) return [];
    const out: RawAuditFinding[] = [];
    if (
      facts.kubernetes &&
      facts.kubernetes.probes.every((p) => p.kind !== 'liveness' && p.kind !== 'readiness')
    ) {
      out.push({
        at: facts.kubernetes.at,
        message: `The image has a HEALTHCHECK (${hc.file} line ${hc.line}) and the pod has no liveness or readiness probe: Kubernetes does not run the image's check.`,
        related: [hc],
      });
    }
    if (facts.ecs && !facts.ecs.containerHealthCheck) {
      out.push({
        at: facts.ecs.at,
        message: `The image has a HEALTHCHECK (${hc.file} line ${hc.line}) but the task definition has no healthCheck: ECS does not monitor the image's check.`,
        related: [hc],
      });
    }
    return out;
  },
);
