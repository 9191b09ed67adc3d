import { DOCS, defineRule, locate } from '../rule';

/**
 * Gunicorn waits up to graceful_timeout (default 30 s, https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/config.py) for
 * in-flight requests; docker stop waits 10 s by default, then SIGKILL
 * (https://docs.docker.com/reference/cli/docker/container/stop/). ECS stopTimeout defaults to
 * 30 s (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html)
 * and Kubernetes terminationGracePeriodSeconds to 30 s
 * (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination).
 */
export default defineRule(
  {
    code: 'graceful-vs-stop-timeout',
    level: 'info',
    peers: [],
    section: 'stop-signal',
    docUrl: DOCS.dockerStop,
    title: "Gunicorn's graceful timeout exceeds docker stop's 10 s",
    fix: 'Make the platform wait longer than graceful_timeout: docker stop -t / Compose stop_grace_period, ECS stopTimeout, Kubernetes terminationGracePeriodSeconds.',
  },
  (ctx) => {
    const g = ctx.model.gunicorn;
    if (!g) return [];
    const graceful = g.gracefulTimeoutSeconds ?? (g.hasConfigFile ? null : 30);
    if (graceful === null || graceful <= 10) return [];
    return [
      {
        ...locate(
          ctx,
          g.site.instruction,
          g.gracefulTimeoutSeconds !== null ? 'graceful' : 'gunicorn',
        ),
        message: `Gunicorn gives in-flight requests up to ${graceful} s after SIGTERM${g.gracefulTimeoutSeconds === null ? ' (its default)' : ''}, but docker stop sends SIGKILL after 10 s by default: requests longer than that are cut. The platform's stop timeout must exceed ${graceful} s (docker stop -t, Compose stop_grace_period, ECS stopTimeout — default 30 s, Kubernetes terminationGracePeriodSeconds — default 30 s).`,
      },
    ];
  },
);
