/**
 * The three sample bundles (src/training/audit-samples/<id>/), loaded only when a reader
 * picks one. Each is a realistic set of deployment files with known mistakes.
 */
import type { AuditInput } from '../../sim/audit/types';

export interface SampleBundle {
  readonly id: string;
  readonly label: string;
  readonly description: string;
}

export const SAMPLE_BUNDLES: readonly SampleBundle[] = [
  {
    id: 'ecs-fargate-alb',
    label: 'ECS Fargate + ALB',
    description:
      'Task definition, service, target group and load balancer as the AWS CLI prints them, with the image, gunicorn.conf.py and the Flask app.',
  },
  {
    id: 'kubernetes-nginx-ingress',
    label: 'Kubernetes + nginx ingress',
    description: 'Deployment, Service and ingress-nginx Ingress, with the image and the Flask app.',
  },
  {
    id: 'compose-nginx',
    label: 'docker compose + nginx',
    description:
      'compose.yaml with nginx in front of Gunicorn, nginx.conf, the image and the Flask app.',
  },
];

export function isSampleId(id: string): boolean {
  return SAMPLE_BUNDLES.some((bundle) => bundle.id === id);
}

const PREFIX = '../../training/audit-samples/';

// `exhaustive` so that dotfiles (.dockerignore) are included.
const FILES = import.meta.glob<string>('../../training/audit-samples/**/*', {
  query: '?raw',
  import: 'default',
  exhaustive: true,
});

/** The bundle's files as audit inputs, named by their path inside the bundle. */
export async function loadSample(id: string): Promise<AuditInput[]> {
  const prefix = `${PREFIX}${id}/`;
  const entries = Object.entries(FILES)
    .filter(([path]) => path.startsWith(prefix))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(
    entries.map(async ([path, load]) => ({ name: path.slice(prefix.length), text: await load() })),
  );
}
