import { DOCS, defineRule, finalInstructions } from '../rule';

/**
 * HEALTHCHECK defaults 30s/30s/0s/5s/3 (https://docs.docker.com/reference/dockerfile/#healthcheck).
 * ECS ignores it ("Amazon ECS doesn't monitor Docker health checks that are embedded in a
 * container image", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/healthcheck.html);
 * Kubernetes runs its own probes instead
 * (https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/).
 */
export default defineRule(
  {
    code: 'healthcheck-missing',
    level: 'warning',
    peers: ['DL3057', 'DS-0026'],
    section: 'healthcheck',
    docUrl: DOCS.healthcheck,
    title: 'No HEALTHCHECK',
    fix: 'HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/health\', timeout=2)"]',
  },
  (ctx) => {
    const final = ctx.model.finalStage;
    if (!final || finalInstructions(ctx, 'HEALTHCHECK').length > 0) return [];
    return [
      {
        line: final.from.line,
        column: final.from.column,
        message:
          'The image has no HEALTHCHECK, so plain Docker and Compose report the container as running even when the app hangs. (ECS and Kubernetes ignore the image HEALTHCHECK and use their own checks; configure those there.)',
      },
    ];
  },
);
