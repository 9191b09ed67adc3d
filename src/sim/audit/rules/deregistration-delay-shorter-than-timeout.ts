/**
 * ECS deregisters a task from the target group and waits the deregistration delay before it
 * sends SIGTERM (ECS "load-balancer-connection-draining"); when the delay ends, the ALB
 * closes connections still in flight. A sync worker can legitimately run a request for up
 * to Gunicorn's `timeout`, so the delay should cover it. Verdict: `adviseShutdown` rule
 * `deregistration-delay` with the longest request = Gunicorn `timeout`.
 */
import { adviseShutdown } from '../../shutdown/advice';
import { gunicornValue, keepAliveWorkerClass } from '../derive';
import { shutdownScenarioOf } from '../to-scenario';
import { defineAuditRule, SOURCES } from './rule';

export default defineAuditRule(
  {
    code: 'deregistration-delay-shorter-than-timeout',
    level: 'warning',
    title: "The ALB's deregistration delay is shorter than the requests Gunicorn allows",
    failure:
      'During a deploy the ALB drops requests still running when the deregistration delay ends; their clients get an error.',
    fix: "Set deregistration_delay.timeout_seconds to at least Gunicorn's timeout (the longest request a sync worker may run).",
    sources: [SOURCES.albDeregistration, SOURCES.ecsDraining, SOURCES.gunicornTimeout],
  },
  ({ facts }) => {
    const base = shutdownScenarioOf(facts);
    const alb = facts.alb;
    if (!base || !alb || keepAliveWorkerClass(facts) !== 'sync') return [];
    if (!(
      base.platform === 'ecs-service' ||
      (base.platform === 'kubernetes' && base.kubernetes.ingress === 'alb')
    ))
      return [];
    const timeout = gunicornValue(facts, 'timeout');
    if (timeout <= 0) return [];
    const rule = adviseShutdown({
      ...base,
      requests: [{ arriveAtSeconds: 0, durationSeconds: timeout }],
    }).rules.find((r) => r.id === 'deregistration-delay');
    if (rule?.status !== 'fix') return [];
    const delay = base.ecs.deregistrationDelaySeconds;
    return [
      {
        at: alb.deregistrationDelaySeconds ?? alb.at,
        message: `deregistration_delay.timeout_seconds is ${delay} s but Gunicorn's sync workers may run a request for up to timeout ${timeout} s. ECS waits for the delay, then sends SIGTERM: requests longer than ${delay} s are cut when the delay ends.`,
        fix: { text: `Set deregistration_delay.timeout_seconds to ${timeout + 5}.` },
        ...(alb.deregistrationDelaySeconds
          ? { replace: { at: alb.deregistrationDelaySeconds, replacement: String(timeout + 5) } }
          : {}),
        related: [facts.gunicorn.timeout],
      },
    ];
  },
);
