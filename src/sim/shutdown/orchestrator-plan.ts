/**
 * The orchestrator's side of a stop (ECS, Kubernetes, docker stop): when routing stops, when
 * the signal and the SIGKILL come. Decided before any request is looked at (`shutdown.ts`).
 */
import { effectiveEcsStopTimeoutSeconds, type ShutdownScenario } from './scenario';
import { PRESTOP_OVERRUN_EXTENSION_MS, seconds, type ShutdownEvent } from './shutdown-types';

export interface OrchestratorPlan {
  routingStopAtMs: number;
  lbDeadlineAtMs: number;
  preStopEndAtMs: number;
  signalAtMs: number;
  killAtMs: number;
}

/** The orchestrator's side, decided before any request is looked at. */
export function planOrchestrator(
  scenario: ShutdownScenario,
  events: ShutdownEvent[],
): OrchestratorPlan {
  const t0 = scenario.stopAtSeconds * 1000;
  const signalName = `SIG${scenario.container.stopSignal}`;
  const plan: OrchestratorPlan = {
    routingStopAtMs: Infinity,
    lbDeadlineAtMs: Infinity,
    preStopEndAtMs: Infinity,
    signalAtMs: Infinity,
    killAtMs: Infinity,
  };
  switch (scenario.platform) {
    case 'ecs-service': {
      // §3: deregister → draining for the whole delay → STOPSIGNAL → stopTimeout → SIGKILL.
      const delayMs = scenario.ecs.deregistrationDelaySeconds * 1000;
      const stopMs = effectiveEcsStopTimeoutSeconds(scenario) * 1000;
      plan.routingStopAtMs = t0;
      plan.lbDeadlineAtMs = t0 + delayMs;
      plan.signalAtMs = t0 + delayMs;
      plan.killAtMs = plan.signalAtMs + stopMs;
      events.push(
        {
          atMs: t0,
          lane: 'orchestrator',
          label: 'Deployment stops the old task: deregister it from the target group',
          state: 'DEACTIVATING: waiting for the target to drain',
        },
        {
          atMs: t0,
          lane: 'load-balancer',
          label: 'Target draining: no new requests are routed to it',
          state: `draining (deregistration delay ${seconds(delayMs)})`,
        },
        {
          atMs: plan.lbDeadlineAtMs,
          lane: 'load-balancer',
          label: 'Deregistration delay elapsed: requests still in flight get a 502',
          state: 'deregistered',
        },
        {
          atMs: plan.signalAtMs,
          lane: 'orchestrator',
          label: `${signalName} to PID 1; stopTimeout ${seconds(stopMs)} starts`,
          state: 'STOPPING',
        },
      );
      break;
    }
    case 'ecs-stop-task': {
      // §3 caveat: a manual StopTask historically sent SIGTERM without draining (UNVERIFIED today).
      const stopMs = effectiveEcsStopTimeoutSeconds(scenario) * 1000;
      plan.signalAtMs = t0;
      plan.killAtMs = t0 + stopMs;
      events.push({
        atMs: t0,
        lane: 'orchestrator',
        label: `StopTask: ${signalName} to PID 1 at once, no drain (UNVERIFIED today); stopTimeout ${seconds(stopMs)}`,
        state: 'STOPPING',
      });
      break;
    }
    case 'kubernetes': {
      // §4: the grace clock starts at delete; preStop uses it; then STOPSIGNAL; SIGKILL at the
      // end of the grace period, +2 s once if preStop was still running.
      const { terminationGracePeriodSeconds, preStop, preStopSeconds, endpointPropagationSeconds } =
        scenario.kubernetes;
      const graceMs = terminationGracePeriodSeconds * 1000;
      plan.routingStopAtMs = t0 + endpointPropagationSeconds * 1000;
      events.push(
        {
          atMs: t0,
          lane: 'orchestrator',
          label: `Pod deleted: terminationGracePeriodSeconds ${seconds(graceMs)} starts`,
          state: 'Terminating',
        },
        {
          atMs: t0,
          lane: 'load-balancer',
          label: 'Endpoint marked terminating; removal still propagating',
          state: 'still routed (propagating)',
        },
        {
          atMs: plan.routingStopAtMs,
          lane: 'load-balancer',
          label: 'Endpoint removal has propagated: no new connections',
          state: 'removed',
        },
      );
      if (graceMs === 0) {
        // "if the grace period is not 0": with 0, no preStop and an immediate kill.
        plan.killAtMs = t0;
        break;
      }
      const preStopMs = preStop === 'none' ? 0 : preStopSeconds * 1000;
      const overran = preStopMs > graceMs;
      plan.preStopEndAtMs = preStop === 'none' ? Infinity : t0 + Math.min(preStopMs, graceMs);
      plan.signalAtMs = t0 + Math.min(preStopMs, graceMs);
      plan.killAtMs = t0 + graceMs + (overran ? PRESTOP_OVERRUN_EXTENSION_MS : 0);
      if (preStop !== 'none') {
        events.push({
          atMs: t0,
          lane: 'orchestrator',
          label: `preStop ${preStop === 'sleep' ? 'sleep action' : 'exec sleep'} ${seconds(preStopMs)} runs (inside the grace period)`,
          state: 'Terminating: preStop running',
        });
      }
      events.push({
        atMs: plan.signalAtMs,
        lane: 'orchestrator',
        label: overran
          ? `preStop overran the grace period: ${signalName} now, +2 s extension before SIGKILL`
          : `${signalName} to PID 1`,
        state: 'Terminating: stop signal sent',
      });
      break;
    }
    case 'docker-stop':
    case 'compose-stop': {
      // §5: stop signal, wait -t (10 s default; Compose stop_grace_period 10 s), SIGKILL.
      // -t 0 kills at once, -t -1 waits forever.
      const timeoutSeconds = scenario.docker.stopTimeoutSeconds;
      const tool = scenario.platform === 'docker-stop' ? 'docker stop' : 'docker compose stop';
      if (timeoutSeconds === 0) {
        plan.killAtMs = t0;
        break;
      }
      plan.signalAtMs = t0;
      plan.killAtMs = timeoutSeconds < 0 ? Infinity : t0 + timeoutSeconds * 1000;
      events.push({
        atMs: t0,
        lane: 'orchestrator',
        label:
          timeoutSeconds < 0
            ? `${tool}: ${signalName} to PID 1, waits forever (-t -1)`
            : `${tool}: ${signalName} to PID 1, SIGKILL in ${seconds(timeoutSeconds * 1000)}`,
        state: 'stopping',
      });
      events.push({
        atMs: t0,
        lane: 'load-balancer',
        label: 'No load balancer: clients keep connecting',
        state: 'nothing stops new connections',
      });
      break;
    }
  }
  if (Number.isFinite(plan.killAtMs)) {
    events.push({
      atMs: plan.killAtMs,
      lane: 'orchestrator',
      label: 'SIGKILL deadline',
      state: 'SIGKILL deadline passed',
    });
  }
  return plan;
}
