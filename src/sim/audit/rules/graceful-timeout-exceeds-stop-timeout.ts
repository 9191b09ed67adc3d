/**
 * Gunicorn's graceful_timeout must end before the platform's SIGKILL: ECS `stopTimeout`
 * (default 30 s, at most 120 s on Fargate), Kubernetes `terminationGracePeriodSeconds` minus
 * the preStop time (the grace clock starts before preStop), Compose `stop_grace_period`
 * (default 10 s). The verdict is the shutdown advice's (`adviseShutdown`, rules
 * `stop-timeout`, `grace`, `docker-timeout`) on the scenario the files describe.
 */
import { adviseShutdown } from '../../shutdown/advice';
import { effectiveEcsStopTimeoutSeconds } from '../../shutdown/scenario';
import { runsGunicorn } from '../derive';
import { shutdownScenarioOf } from '../to-scenario';
import { defineAuditRule, SOURCES, type RawAuditFinding } from './rule';

const ADVICE_ID = {
  'ecs-service': 'stop-timeout',
  kubernetes: 'grace',
  'compose-stop': 'docker-timeout',
  'docker-stop': 'docker-timeout',
} as const;

export default defineAuditRule(
  {
    code: 'graceful-timeout-exceeds-stop-timeout',
    level: 'error',
    title: "graceful_timeout does not fit inside the platform's stop timeout",
    failure:
      'On every deploy the platform SIGKILLs Gunicorn before it has finished draining, so the requests still running are cut off.',
    fix: "Make the platform's stop timeout longer than graceful_timeout (plus the preStop time on Kubernetes), or shorten graceful_timeout.",
    sources: [
      SOURCES.gunicornGraceful,
      SOURCES.ecsStopTimeout,
      SOURCES.k8sTermination,
      SOURCES.composeGrace,
    ],
  },
  ({ facts }) => {
    const scenario = shutdownScenarioOf(facts);
    if (!scenario || !runsGunicorn(facts) || scenario.platform === 'ecs-stop-task') return [];
    const id = ADVICE_ID[scenario.platform];
    const rule = adviseShutdown(scenario).rules.find((r) => r.id === id);
    if (rule?.status !== 'fix') return [];
    const graceful = facts.gunicorn.gracefulTimeout;
    const g = scenario.gunicorn.gracefulTimeoutSeconds;
    const gText = `graceful_timeout ${g} s${graceful ? '' : ' (Gunicorn default)'}`;
    const out: RawAuditFinding[] = [];
    if (scenario.platform === 'ecs-service' && facts.ecs) {
      const stop = effectiveEcsStopTimeoutSeconds(scenario);
      const at = facts.ecs.stopTimeout ?? facts.ecs.at;
      out.push({
        at,
        message: `ECS stopTimeout is ${stop} s${facts.ecs.stopTimeout ? '' : ' (ECS default)'} and ${gText}: ECS sends SIGKILL ${stop} s after SIGTERM, no later than Gunicorn's own deadline.`,
        fix: {
          text: `Set the container's stopTimeout to ${Math.min(g + 5, scenario.ecs.launchType === 'fargate' ? 120 : g + 5)} s${scenario.ecs.launchType === 'fargate' && g + 5 > 120 ? ' (the Fargate maximum) and lower graceful_timeout below it' : ''}, or lower graceful_timeout below ${stop} s.`,
        },
        related: [graceful],
        ...(facts.ecs.stopTimeout && (scenario.ecs.launchType !== 'fargate' || g + 5 <= 120)
          ? { replace: { at: facts.ecs.stopTimeout, replacement: String(g + 5) } }
          : {}),
      });
    } else if (scenario.platform === 'kubernetes' && facts.kubernetes) {
      const k = scenario.kubernetes;
      const pre = k.preStop === 'none' ? 0 : k.preStopSeconds;
      const at = facts.kubernetes.terminationGracePeriodSeconds ?? facts.kubernetes.at;
      out.push({
        at,
        message: `terminationGracePeriodSeconds is ${k.terminationGracePeriodSeconds} s${facts.kubernetes.terminationGracePeriodSeconds ? '' : ' (default)'}, but preStop (${pre} s) + ${gText} = ${pre + g} s: the grace period starts counting before preStop runs.`,
        fix: { text: `Set terminationGracePeriodSeconds to at least ${pre + g + 5}.` },
        ...(facts.kubernetes.terminationGracePeriodSeconds
          ? {
              replace: {
                at: facts.kubernetes.terminationGracePeriodSeconds,
                replacement: String(pre + g + 5),
              },
            }
          : {}),
        related: [graceful, facts.kubernetes.preStop],
      });
    } else if (facts.compose) {
      const t = scenario.docker.stopTimeoutSeconds;
      const at = facts.compose.stopGracePeriodSeconds ?? facts.compose.at;
      out.push({
        at,
        message: `stop_grace_period is ${t} s${facts.compose.stopGracePeriodSeconds ? '' : ' (Compose default)'} and ${gText}: Compose sends SIGKILL first.`,
        fix: { text: `Set stop_grace_period: ${g + 5}s on the service.` },
        ...(facts.compose.stopGracePeriodSeconds
          ? { replace: { at: facts.compose.stopGracePeriodSeconds, replacement: `${g + 5}s` } }
          : {}),
        related: [graceful],
      });
    }
    return out;
  },
);
