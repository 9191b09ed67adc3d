/**
 * The settings of one shutdown scenario: which platform stops the container, how PID 1 is
 * started, how Gunicorn is configured, what sits in front of it and what traffic arrives.
 *
 * Each default names the upstream file (at a release tag) or documentation page it was read
 * from.
 */

/** Who stops the old container. */
export type Platform =
  // ECS service deploy / scale-in: deregister, drain, then stop
  // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-connection-draining.html)
  | 'ecs-service'
  // A manual StopTask on a service task: historically no drain
  // (https://github.com/aws/amazon-ecs-agent/issues/2316; UNVERIFIED today)
  | 'ecs-stop-task'
  // Pod delete during a rollout
  // (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination)
  | 'kubernetes'
  // `docker stop` (https://docs.docker.com/reference/cli/docker/container/stop/)
  | 'docker-stop'
  // `docker compose stop/down`, `stop_grace_period`
  // (https://docs.docker.com/reference/compose-file/services/#stop_grace_period)
  | 'compose-stop';

/** How the container's main process is started, which decides who is PID 1. */
export type Pid1Mode =
  | 'exec-form' // CMD ["gunicorn", …]: Gunicorn is PID 1
  | 'shell-form-dash' // CMD gunicorn …  under Debian's /bin/sh = dash: dash stays PID 1
  | 'shell-form-exec' // CMD exec gunicorn …: dash replaces itself with Gunicorn
  | 'shell-form-bash' // SHELL ["/bin/bash","-c"]: bash execs a single command
  | 'init'; // docker run --init / Compose init: true / ECS initProcessEnabled (tini)

export type StopSignal = 'TERM' | 'INT' | 'QUIT';
export type WorkerClass = 'sync' | 'gthread' | 'gevent';
/**
 * Gunicorn versions whose gthread shutdown differs (`workers/gthread.py` `run`:
 * https://github.com/benoitc/gunicorn/blob/20.1.0/gunicorn/workers/gthread.py,
 * https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/workers/gthread.py,
 * https://github.com/benoitc/gunicorn/blob/26.1.0/gunicorn/workers/gthread.py).
 */
export type GunicornVersion = '20.1' | '23' | '24+';
/** What routes requests to the container. ECS uses an ALB, docker nothing. */
export type Ingress = 'kube-proxy' | 'alb';
export type PreStopKind = 'none' | 'sleep' | 'exec-sleep';

/** One entry of the request-duration mix: this share of requests takes about this long. */
export interface DurationShare {
  durationSeconds: number;
  share: number;
}

/** One request given explicitly (the real-Gunicorn harness and property tests use these). */
export interface ExplicitRequest {
  arriveAtSeconds: number;
  durationSeconds: number;
}

export interface ShutdownScenario {
  seed: number;
  platform: Platform;
  /** When the orchestrator is told to stop the old container (seconds from the start). */
  stopAtSeconds: number;
  ecs: {
    /**
     * ALB target group `deregistration_delay.timeout_seconds`, default 300, 0–3600
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html#deregistration-delay).
     */
    deregistrationDelaySeconds: number;
    /**
     * Container `stopTimeout`, default 30, at most 120 on Fargate
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html).
     */
    stopTimeoutSeconds: number;
    launchType: 'fargate' | 'ec2';
  };
  kubernetes: {
    /**
     * `terminationGracePeriodSeconds`, default 30
     * (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination).
     */
    terminationGracePeriodSeconds: number;
    preStop: PreStopKind;
    preStopSeconds: number;
    /**
     * How long until no new connection reaches the pod after delete; no documented value
     * (UNVERIFIED; endpoint removal runs "at the same time" as shutdown:
     * https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination).
     */
    endpointPropagationSeconds: number;
    ingress: Ingress;
  };
  docker: {
    /** `docker stop -t` / `--stop-timeout` (default 10 on Linux) or Compose `stop_grace_period` (default 10 s). */
    stopTimeoutSeconds: number;
  };
  container: {
    pid1: Pid1Mode;
    /**
     * Dockerfile `STOPSIGNAL`, default SIGTERM
     * (https://docs.docker.com/reference/dockerfile/#stopsignal).
     */
    stopSignal: StopSignal;
  };
  gunicorn: {
    version: GunicornVersion;
    workers: number;
    workerClass: WorkerClass;
    threads: number;
    gracefulTimeoutSeconds: number;
    timeoutSeconds: number;
    keepaliveSeconds: number;
  };
  /**
   * ALB health check
   * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html):
   * interval 30 s, timeout 5 s, unhealthy threshold 2.
   */
  healthCheck: {
    intervalSeconds: number;
    timeoutSeconds: number;
    unhealthyThreshold: number;
  };
  traffic: {
    arrivalsPerSecond: number;
    /** Requests arrive from 0 until this time (seconds). */
    untilSeconds: number;
    mix: DurationShare[];
  };
  /** When present, these requests replace the generated traffic. */
  requests?: ExplicitRequest[];
}

/** Limits used by the URL validator and the sim's own clamping. */
export const LIMITS = {
  stopAtSeconds: [0, 600],
  deregistrationDelaySeconds: [0, 3600],
  ecsStopTimeoutSeconds: [2, 600],
  fargateMaxStopTimeoutSeconds: 120,
  terminationGracePeriodSeconds: [0, 3600],
  preStopSeconds: [0, 3600],
  endpointPropagationSeconds: [0, 600],
  dockerStopTimeoutSeconds: [-1, 3600],
  workers: [1, 32],
  threads: [1, 64],
  gracefulTimeoutSeconds: [0, 3600],
  timeoutSeconds: [0, 3600],
  keepaliveSeconds: [0, 300],
  healthCheckIntervalSeconds: [5, 300],
  healthCheckTimeoutSeconds: [2, 120],
  unhealthyThreshold: [2, 10],
  arrivalsPerSecond: [0, 500],
  untilSeconds: [0, 3600],
  durationSeconds: [0.001, 3600],
  mixEntries: 8,
  explicitRequests: 20_000,
  generatedRequests: 50_000,
} as const;

/** A typical web mix with a few long requests (reports, exports). */
export const DEFAULT_MIX: DurationShare[] = [
  { durationSeconds: 0.05, share: 80 },
  { durationSeconds: 0.3, share: 17 },
  { durationSeconds: 2, share: 2.5 },
  { durationSeconds: 15, share: 0.5 },
];

/**
 * Defaults of every tool:
 * - Gunicorn: https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/config.py
 * - ECS: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html
 * - ALB: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html#deregistration-delay
 * - Kubernetes: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
 * - Docker: https://docs.docker.com/reference/cli/docker/container/stop/
 */
export function createDefaultScenario(): ShutdownScenario {
  return {
    seed: 1,
    platform: 'ecs-service',
    stopAtSeconds: 60,
    ecs: { deregistrationDelaySeconds: 300, stopTimeoutSeconds: 30, launchType: 'fargate' },
    kubernetes: {
      terminationGracePeriodSeconds: 30,
      preStop: 'none',
      preStopSeconds: 0,
      endpointPropagationSeconds: 3,
      ingress: 'kube-proxy',
    },
    docker: { stopTimeoutSeconds: 10 },
    container: { pid1: 'exec-form', stopSignal: 'TERM' },
    gunicorn: {
      version: '23',
      workers: 4,
      workerClass: 'sync',
      threads: 1,
      gracefulTimeoutSeconds: 30,
      timeoutSeconds: 30,
      keepaliveSeconds: 2,
    },
    healthCheck: { intervalSeconds: 30, timeoutSeconds: 5, unhealthyThreshold: 2 },
    traffic: { arrivalsPerSecond: 10, untilSeconds: 150, mix: DEFAULT_MIX.map((m) => ({ ...m })) },
  };
}

/**
 * The worker class Gunicorn really runs: `sync` with threads > 1 becomes gthread
 * (https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/config.py `worker_class`).
 */
export function effectiveWorkerClass(scenario: ShutdownScenario): WorkerClass {
  const { workerClass, threads } = scenario.gunicorn;
  return workerClass === 'sync' && threads > 1 ? 'gthread' : workerClass;
}

/**
 * Whether Gunicorn's master receives the stop signal: not when dash stays PID 1
 * (https://docs.docker.com/reference/dockerfile/#shell-and-exec-form; dash measured on Debian
 * bookworm in real-gunicorn.test.ts).
 */
export function gunicornReceivesSignal(pid1: Pid1Mode): boolean {
  return pid1 !== 'shell-form-dash';
}

/** The load balancer in front: ECS uses an ALB, Kubernetes kube-proxy or an ALB ingress, docker none. */
export function effectiveLoadBalancer(scenario: ShutdownScenario): 'alb' | 'kube-proxy' | 'none' {
  switch (scenario.platform) {
    case 'ecs-service':
    case 'ecs-stop-task':
      return 'alb';
    case 'kubernetes':
      return scenario.kubernetes.ingress;
    case 'docker-stop':
    case 'compose-stop':
      return 'none';
  }
}

/**
 * The stopTimeout ECS really applies: Fargate caps it at 120 s
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html).
 */
export function effectiveEcsStopTimeoutSeconds(scenario: ShutdownScenario): number {
  const { stopTimeoutSeconds, launchType } = scenario.ecs;
  return launchType === 'fargate'
    ? Math.min(stopTimeoutSeconds, LIMITS.fargateMaxStopTimeoutSeconds)
    : stopTimeoutSeconds;
}
