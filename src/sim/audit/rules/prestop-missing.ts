/**
 * Kubernetes sends SIGTERM while the endpoint removal is still propagating to kube-proxy and
 * the load balancers, so new connections can still arrive after Gunicorn closed its listener.
 * A preStop sleep delays SIGTERM. Verdict: `adviseShutdown` rule `prestop`; the propagation
 * time is not documented by Kubernetes (the model's value is marked UNVERIFIED).
 */
import { adviseShutdown } from '../../shutdown/advice';
import { shutdownScenarioOf } from '../to-scenario';
import { defineAuditRule, SOURCES } from './rule';

export default defineAuditRule(
  {
    code: 'prestop-missing',
    level: 'warning',
    title: 'No preStop hook on a pod behind a Service or Ingress',
    failure:
      'Requests that arrive in the seconds after SIGTERM, while endpoints are still being removed, are refused or reset on every rollout.',
    fix: 'Add lifecycle.preStop.sleep.seconds (Kubernetes 1.30+, or an exec `sleep` where the image has one) of a few seconds, and add it to terminationGracePeriodSeconds.',
    sources: [SOURCES.k8sHooks, SOURCES.k8sTermination],
  },
  ({ facts }) => {
    const k8s = facts.kubernetes;
    const scenario = shutdownScenarioOf(facts);
    if (!k8s?.exposed || scenario?.platform !== 'kubernetes') return [];
    if (k8s.preStop?.value.kind === 'other') return [];
    const rule = adviseShutdown(scenario).rules.find((r) => r.id === 'prestop');
    if (rule?.status !== 'fix') return [];
    return [
      {
        at: k8s.preStop ?? k8s.terminationGracePeriodSeconds ?? k8s.at,
        message: `${k8s.preStop ? `preStop sleeps only ${scenario.kubernetes.preStopSeconds} s` : 'The pod has no preStop hook'} and a ${k8s.exposed.value} sends it traffic: ${rule.text}`,
        related: [k8s.exposed],
      },
    ];
  },
);
