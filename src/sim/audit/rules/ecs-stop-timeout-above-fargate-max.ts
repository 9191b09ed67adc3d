/**
 * ECS `stopTimeout` on Fargate: "The max stop timeout value is 120 seconds" (task definition
 * parameters). The shutdown model caps it (`effectiveEcsStopTimeoutSeconds`); a larger value
 * in the file promises drain time that never comes.
 */
import { effectiveEcsStopTimeoutSeconds } from '../../shutdown/scenario';
import { shutdownScenarioOf } from '../to-scenario';
import { defineAuditRule, SOURCES } from './rule';

export default defineAuditRule(
  {
    code: 'ecs-stop-timeout-above-fargate-max',
    level: 'warning',
    title: 'stopTimeout above the Fargate maximum',
    failure:
      'Fargate stops waiting after 120 s whatever the file says, so a drain planned for longer is cut by SIGKILL.',
    fix: 'Set stopTimeout to 120 or less on Fargate, and graceful_timeout below it.',
    sources: [SOURCES.ecsStopTimeout],
  },
  ({ facts }) => {
    const stop = facts.ecs?.stopTimeout;
    const scenario = shutdownScenarioOf(facts);
    if (!stop || !scenario || scenario.ecs.launchType !== 'fargate') return [];
    const effective = effectiveEcsStopTimeoutSeconds({
      ...scenario,
      ecs: { ...scenario.ecs, stopTimeoutSeconds: stop.value },
    });
    if (effective >= stop.value) return [];
    return [
      {
        at: stop,
        message: `stopTimeout is ${stop.value} s on Fargate, which applies at most ${effective} s.`,
        related: [facts.ecs?.launchType],
      },
    ];
  },
);
