/**
 * adviseShutdown: the ordering of limits that drains cleanly on the chosen platform, each rule
 * checked against the scenario, plus the scenario with every fix applied ("Fix it").
 *
 * The orderings and their sources:
 * - ECS (task lifecycle and connection draining,
 *   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html,
 *   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-connection-draining.html):
 *   deregistration delay ≥ the longest request; Gunicorn graceful_timeout < stopTimeout
 *   (≤ 120 s on Fargate). ECS docs: "StopTimeout … longer than the target group deregistration
 *   delay, which should be longer than your client connection timeout" is about the ALB side; the
 *   delay already runs before SIGTERM, so the stop timeout only needs to cover Gunicorn's drain.
 * - Kubernetes (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination,
 *   https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/): preStop sleep ≥ endpoint propagation; grace ≥ preStop + drain + margin.
 * - Docker (https://docs.docker.com/reference/cli/docker/container/stop/,
 *   https://docs.docker.com/reference/dockerfile/#shell-and-exec-form): stop timeout > graceful_timeout; exec form so Gunicorn gets the signal.
 * - Gunicorn (https://gunicorn.org/signals/, https://gunicorn.org/reference/settings/#graceful_timeout):
 *   TERM (graceful), graceful_timeout ≥ the longest request, sync `timeout` ≥ it.
 */
import {
  LIMITS,
  effectiveEcsStopTimeoutSeconds,
  effectiveWorkerClass,
  type ShutdownScenario,
} from './scenario';
import { longestRequestSeconds } from './traffic';

export type RuleStatus = 'ok' | 'fix' | 'note';

export interface AdviceRule {
  id: string;
  status: RuleStatus;
  text: string;
  /** The official page for this rule. */
  docUrl: string;
  unverified?: true;
}

export interface ShutdownAdvice {
  /** The ordering of limits for this platform, as one sentence. */
  ordering: string;
  rules: AdviceRule[];
  recommended: ShutdownScenario;
  /**
   * How long a request routed before the routing stop can run and still complete under the
   * recommended settings (null where nothing stops routing, as with docker stop).
   */
  recommendedDrainWindowMs: number | null;
}

export const DOCS = {
  gracefulTimeout: 'https://gunicorn.org/reference/settings/#graceful_timeout',
  timeout: 'https://gunicorn.org/reference/settings/#timeout',
  signals: 'https://gunicorn.org/signals/',
  shellExecForm: 'https://docs.docker.com/reference/dockerfile/#shell-and-exec-form',
  dockerStop: 'https://docs.docker.com/reference/cli/docker/container/stop/',
  composeGrace: 'https://docs.docker.com/reference/compose-file/services/#stop_grace_period',
  ecsStopTimeout:
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html',
  ecsDraining:
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-connection-draining.html',
  albDeregistration:
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html#deregistration-delay',
  albHealthChecks:
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html',
  k8sTermination:
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination',
  k8sHooks: 'https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/',
} as const;

/** Seconds of slack added on top of each measured need. */
export const MARGIN_SECONDS = 5;

export function adviseShutdown(scenario: ShutdownScenario): ShutdownAdvice {
  const rules: AdviceRule[] = [];
  const rec: ShutdownScenario = structuredClone(scenario);
  const longest = Math.ceil(longestRequestSeconds(scenario));
  const g = scenario.gunicorn;

  // PID 1 (§5).
  if (scenario.container.pid1 === 'shell-form-dash') {
    rules.push({
      id: 'pid1',
      status: 'fix',
      text: 'Shell-form CMD under dash: dash stays PID 1 and ignores SIGTERM, so Gunicorn never hears it and everything is SIGKILLed at the timeout. Use the exec form CMD ["gunicorn", …] (or `exec gunicorn`, or --init).',
      docUrl: DOCS.shellExecForm,
    });
    rec.container.pid1 = 'exec-form';
  } else {
    rules.push({
      id: 'pid1',
      status: 'ok',
      text: 'Gunicorn (or an init that forwards signals) is PID 1 and receives the stop signal.',
      docUrl: DOCS.shellExecForm,
    });
  }

  // Stop signal (§2.2).
  if (scenario.container.stopSignal !== 'TERM') {
    rules.push({
      id: 'stop-signal',
      status: 'fix',
      text: `STOPSIGNAL SIG${scenario.container.stopSignal} makes Gunicorn stop quickly and cut requests in progress; use SIGTERM for a graceful stop.`,
      docUrl: DOCS.signals,
    });
    rec.container.stopSignal = 'TERM';
  } else {
    rules.push({
      id: 'stop-signal',
      status: 'ok',
      text: 'SIGTERM: Gunicorn stops gracefully.',
      docUrl: DOCS.signals,
    });
  }

  // Gunicorn's own limits (§2.1, §2.4).
  const wantGraceful = Math.max(g.gracefulTimeoutSeconds, longest + MARGIN_SECONDS);
  rules.push({
    id: 'graceful-timeout',
    status: g.gracefulTimeoutSeconds >= longest ? 'ok' : 'fix',
    text: `graceful_timeout (${g.gracefulTimeoutSeconds} s) should cover the longest request (about ${longest} s).`,
    docUrl: DOCS.gracefulTimeout,
  });
  rec.gunicorn.gracefulTimeoutSeconds = wantGraceful;
  if (effectiveWorkerClass(scenario) === 'sync' && g.timeoutSeconds > 0) {
    rules.push({
      id: 'worker-timeout',
      status: g.timeoutSeconds > longest ? 'ok' : 'fix',
      text: `A sync worker busy longer than timeout (${g.timeoutSeconds} s) is killed by the master: keep it above the longest request.`,
      docUrl: DOCS.timeout,
    });
    rec.gunicorn.timeoutSeconds = Math.max(g.timeoutSeconds, longest + MARGIN_SECONDS);
  }
  if (effectiveWorkerClass(scenario) === 'gthread' && g.version === '20.1') {
    rules.push({
      id: 'gthread-20',
      status: 'note',
      text: 'Gunicorn 20.1 gthread still accepts a connection that arrives within about a second of SIGTERM and serves it; 23 accepts it and drops it unanswered; 24+ stops accepting at once (all measured).',
      docUrl: DOCS.signals,
    });
  }

  let ordering = '';
  let window: number | null = null;
  switch (scenario.platform) {
    case 'ecs-stop-task':
    case 'ecs-service': {
      ordering =
        'longest request ≤ deregistration delay; graceful_timeout < stopTimeout (≤ 120 s on Fargate).';
      if (scenario.platform === 'ecs-stop-task') {
        rules.push({
          id: 'ecs-stop-task',
          status: 'fix',
          text: 'A manual StopTask historically sent SIGTERM without deregistering first (UNVERIFIED today), so the ALB kept routing until health checks failed. Let the service scheduler stop tasks (deployment or scale-in), which drains first.',
          docUrl: DOCS.ecsDraining,
          unverified: true,
        });
        rec.platform = 'ecs-service';
      }
      const delay = scenario.ecs.deregistrationDelaySeconds;
      rules.push({
        id: 'deregistration-delay',
        status: delay >= longest ? 'ok' : 'fix',
        text:
          delay >= longest
            ? `Deregistration delay ${delay} s covers the longest request (${longest} s)${delay > longest + 60 ? `; every deploy waits the whole ${delay} s, so ${longest + MARGIN_SECONDS} s would be faster` : ''}.`
            : `Deregistration delay ${delay} s is shorter than the longest request (${longest} s): those get a 502 when it elapses.`,
        docUrl: DOCS.albDeregistration,
      });
      const wantDelay = longest + MARGIN_SECONDS;
      rec.ecs.deregistrationDelaySeconds = wantDelay;
      const fargate = scenario.ecs.launchType === 'fargate';
      const maxStop = fargate ? LIMITS.fargateMaxStopTimeoutSeconds : Infinity;
      const stopTimeout = effectiveEcsStopTimeoutSeconds(scenario);
      rules.push({
        id: 'stop-timeout',
        status: g.gracefulTimeoutSeconds < stopTimeout ? 'ok' : 'fix',
        text: `graceful_timeout (${g.gracefulTimeoutSeconds} s) must be shorter than stopTimeout (${stopTimeout} s${fargate ? ', at most 120 on Fargate' : ''}), so Gunicorn, not SIGKILL, decides what is cut.`,
        docUrl: DOCS.ecsStopTimeout,
      });
      rec.gunicorn.gracefulTimeoutSeconds = Math.min(wantGraceful, maxStop - MARGIN_SECONDS);
      rec.ecs.stopTimeoutSeconds = Math.min(
        rec.gunicorn.gracefulTimeoutSeconds + MARGIN_SECONDS,
        maxStop,
      );
      window = wantDelay * 1000;
      break;
    }
    case 'kubernetes': {
      ordering =
        'endpoint propagation ≤ preStop sleep; preStop + graceful_timeout < terminationGracePeriodSeconds.';
      const k = scenario.kubernetes;
      const preStopSeconds = k.preStop === 'none' ? 0 : k.preStopSeconds;
      rules.push({
        id: 'prestop',
        status: preStopSeconds >= k.endpointPropagationSeconds ? 'ok' : 'fix',
        text:
          k.preStop === 'none'
            ? `No preStop: SIGTERM arrives while the endpoint removal is still propagating (${k.endpointPropagationSeconds} s here), so new connections land in a closing backlog. Add preStop sleep ≥ the propagation time.`
            : `preStop sleep ${preStopSeconds} s vs endpoint propagation ${k.endpointPropagationSeconds} s (a guess: Kubernetes documents no fixed value).`,
        docUrl: DOCS.k8sHooks,
        unverified: true,
      });
      if (k.preStop === 'exec-sleep') {
        rules.push({
          id: 'prestop-exec',
          status: 'note',
          text: 'An exec preStop runs `sleep` inside the image, which distroless images lack; the kubelet sleep action (beta and on by default in 1.30, GA in 1.34) needs no binary.',
          docUrl: DOCS.k8sHooks,
        });
      }
      const wantPreStop = Math.max(preStopSeconds, Math.ceil(k.endpointPropagationSeconds) + 2);
      rec.kubernetes.preStop = k.preStop === 'none' ? 'sleep' : k.preStop;
      rec.kubernetes.preStopSeconds = wantPreStop;
      const need = preStopSeconds + g.gracefulTimeoutSeconds;
      rules.push({
        id: 'grace',
        status: k.terminationGracePeriodSeconds > need ? 'ok' : 'fix',
        text: `terminationGracePeriodSeconds (${k.terminationGracePeriodSeconds} s) must exceed preStop + graceful_timeout (${need} s): the grace clock starts at delete, before preStop.`,
        docUrl: DOCS.k8sTermination,
      });
      rec.kubernetes.terminationGracePeriodSeconds =
        wantPreStop + rec.gunicorn.gracefulTimeoutSeconds + MARGIN_SECONDS;
      if (k.ingress === 'alb') {
        const delay = scenario.ecs.deregistrationDelaySeconds;
        rules.push({
          id: 'deregistration-delay',
          status: delay >= longest ? 'ok' : 'fix',
          text: `ALB ingress: the target group's deregistration delay (${delay} s) must cover the longest request (${longest} s), or it ends in a 502.`,
          docUrl: DOCS.albDeregistration,
        });
        rec.ecs.deregistrationDelaySeconds = Math.max(delay, longest + MARGIN_SECONDS);
      }
      window =
        (wantPreStop - k.endpointPropagationSeconds + rec.gunicorn.gracefulTimeoutSeconds) * 1000;
      break;
    }
    case 'docker-stop':
    case 'compose-stop': {
      ordering =
        'graceful_timeout < stop timeout; and take the container out of your proxy before stopping it.';
      const t = scenario.docker.stopTimeoutSeconds;
      rules.push({
        id: 'docker-timeout',
        status: t < 0 || t > g.gracefulTimeoutSeconds ? 'ok' : 'fix',
        text: `The stop timeout (${t} s; docker stop default 10, Compose stop_grace_period default 10 s) must exceed graceful_timeout (${g.gracefulTimeoutSeconds} s).`,
        docUrl: scenario.platform === 'docker-stop' ? DOCS.dockerStop : DOCS.composeGrace,
      });
      rec.docker.stopTimeoutSeconds = rec.gunicorn.gracefulTimeoutSeconds + MARGIN_SECONDS;
      rules.push({
        id: 'docker-routing',
        status: 'note',
        text: 'docker stop does not stop traffic: clients connecting after the signal are reset or refused. Remove the container from your proxy or load balancer first.',
        docUrl: DOCS.dockerStop,
      });
      break;
    }
  }
  return { ordering, rules, recommended: rec, recommendedDrainWindowMs: window };
}
