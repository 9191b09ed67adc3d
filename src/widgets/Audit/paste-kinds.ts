/** The paste boxes: one per kind of file, each with the name its text is audited under. */
import type { AuditKind } from '../../sim/audit/types';

export interface PasteKind {
  readonly key: string;
  readonly kind: AuditKind;
  /** The name the pasted text is audited under (kinds are still detected from content). */
  readonly name: string;
  readonly label: string;
  readonly hint: string;
}

export const PASTE_KINDS: readonly PasteKind[] = [
  {
    key: 'dockerfile',
    kind: 'dockerfile',
    name: 'pasted/Dockerfile',
    label: 'Dockerfile',
    hint: 'Its CMD or ENTRYPOINT is read as a Gunicorn command line.',
  },
  {
    key: 'gunicorn',
    kind: 'gunicorn-conf',
    name: 'pasted/gunicorn.conf.py',
    label: 'gunicorn.conf.py',
    hint: 'Read with a Python parser, never run.',
  },
  {
    key: 'python',
    kind: 'python',
    name: 'pasted/app.py',
    label: 'Flask app (Python)',
    hint: 'ProxyFix(…), app.config keys, SQLAlchemy pool settings.',
  },
  {
    key: 'ecs',
    kind: 'ecs',
    name: 'pasted/ecs.json',
    label: 'ECS task definition or service (JSON)',
    hint: 'As aws ecs describe-task-definition / describe-services print them.',
  },
  {
    key: 'alb',
    kind: 'alb',
    name: 'pasted/alb.json',
    label: 'ALB target group or attributes (JSON)',
    hint: 'As aws elbv2 describe-target-groups / describe-*-attributes print them.',
  },
  {
    key: 'kubernetes',
    kind: 'kubernetes',
    name: 'pasted/kubernetes.yaml',
    label: 'Kubernetes manifests (YAML)',
    hint: 'Deployment, Service, Ingress; several documents separated by ---.',
  },
  {
    key: 'nginx',
    kind: 'nginx',
    name: 'pasted/nginx.conf',
    label: 'nginx.conf',
    hint: 'The http, server and location blocks in front of Gunicorn.',
  },
  {
    key: 'compose',
    kind: 'compose',
    name: 'pasted/compose.yaml',
    label: 'compose.yaml',
    hint: 'docker compose services, with command, stop_grace_period and healthcheck.',
  },
];
