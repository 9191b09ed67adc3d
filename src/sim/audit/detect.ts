/**
 * Which kind of file an input is, from its name AND its content: a name alone never
 * decides (a `deploy.yaml` may be Kubernetes, Compose or CloudFormation; a `Dockerfile`
 * without FROM is not one). Bad input (binary, too large) is caught here with a notice.
 */
import {
  bracketDepthExceeds,
  linesExceed,
  MAX_DOCKERFILE_LINES,
  nestingNotice,
  pythonTokensExceed,
  pythonTokensNotice,
} from './guard';
import { parseNginx } from './read/nginx-parse';
import { parseTree, roots, type TNode, type TreeFile } from './read/tree';
import { MAX_AUDIT_FILE_CHARS, type AuditInput, type AuditKind } from './types';

export interface Detected {
  readonly kind: AuditKind;
  readonly notice?: string;
  /** The parsed tree, for YAML/JSON kinds (parsed once). */
  readonly tree?: TreeFile;
}

export const KIND_LABELS: Readonly<Record<AuditKind, string>> = {
  dockerfile: 'Dockerfile',
  dockerignore: '.dockerignore',
  'gunicorn-conf': 'Gunicorn config (Python)',
  procfile: 'Procfile',
  python: 'Python (Flask app)',
  ecs: 'ECS task definition / service (AWS CLI JSON)',
  cloudformation: 'CloudFormation template',
  terraform: 'terraform show -json',
  alb: 'ALB target group / attributes (AWS CLI JSON)',
  kubernetes: 'Kubernetes manifests',
  nginx: 'nginx configuration',
  compose: 'Compose file',
  env: 'environment file',
  unknown: 'not a kind the audit reads',
};

export function baseName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? name).toLowerCase();
}

/** Binary data: NUL bytes, or many control or replacement characters. */
export function looksBinary(text: string): boolean {
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 9 || (c > 13 && c < 32) || c === 0xfffd) && c !== 27) odd++;
  }
  return sample.length > 0 && odd / sample.length > 0.01;
}

const DOCKERFILE_NAME = /(^|\.)(dockerfile|containerfile)(\.|$)/;
const FROM_LINE = /^\s*FROM\s+\S/im;
const YAML_NAME = /\.(ya?ml|json|template|tfstate|tfplan)$/;
const NGINX_DIRECTIVES = new Set([
  'include',
  'server',
  'location',
  'upstream',
  'http',
  'events',
  'proxy_pass',
  'listen',
  'proxy_set_header',
  'set_real_ip_from',
  'keepalive_timeout',
]);

function classifyTree(docs: TNode[]): AuditKind {
  if (docs.some((d) => d.get('apiVersion') && d.get('kind'))) return 'kubernetes';
  if (
    docs.some(
      (d) =>
        d.get('AWSTemplateFormatVersion') ||
        d
          .get('Resources')
          ?.entries()
          .some(([, r]) => r.get('Type')?.str()?.startsWith('AWS::')),
    )
  ) {
    return 'cloudformation';
  }
  if (docs.some((d) => d.get('format_version') && (d.get('values') || d.get('planned_values'))))
    return 'terraform';
  if (
    docs.some(
      (d) =>
        d.get('taskDefinition') ||
        d.get('containerDefinitions') ||
        d
          .get('services')
          ?.items()
          .some((s) => s.get('serviceName') || s.get('deploymentConfiguration')),
    )
  ) {
    return 'ecs';
  }
  if (
    docs.some(
      (d) => d.get('TargetGroups') || d.get('LoadBalancers') || d.get('Attributes')?.isSeq(),
    )
  )
    return 'alb';
  if (
    docs.some((d) =>
      d
        .get('services')
        ?.entries()
        .some(([, s]) => s.get('image') || s.get('build') || s.get('command')),
    )
  ) {
    return 'compose';
  }
  return 'unknown';
}

function looksLikeYamlOrJson(text: string): boolean {
  const t = text.trimStart();
  return (
    t.startsWith('{') ||
    t.startsWith('[') ||
    t.startsWith('---') ||
    /^[A-Za-z_"][\w".-]*:(\s|$)/m.test(t)
  );
}

function looksLikePython(text: string): boolean {
  return /^(import |from \S+ import |def |class |[A-Za-z_]\w*\s*(:\s*\w+\s*)?=[^=])/m.test(text);
}

function looksLikeNginx(text: string): boolean {
  const parsed = parseNginx(text, '');
  if (parsed.error) return false;
  const names = new Set<string>();
  const walk = (ds: typeof parsed.directives) => {
    for (const d of ds) {
      names.add(d.name);
      if (d.block) walk(d.block);
    }
  };
  walk(parsed.directives);
  return [...names].some((n) => NGINX_DIRECTIVES.has(n));
}

function detectByContent(input: AuditInput, base: string): Detected {
  const text = input.text;
  if (base === '.dockerignore' || base.endsWith('.dockerignore')) return { kind: 'dockerignore' };
  if (DOCKERFILE_NAME.test(base)) {
    return FROM_LINE.test(text)
      ? { kind: 'dockerfile' }
      : {
          kind: 'unknown',
          notice: 'Named like a Dockerfile, but it has no FROM instruction: not read.',
        };
  }
  if (base === 'procfile') return { kind: 'procfile' };
  if (base === '.env' || base.endsWith('.env')) return { kind: 'env' };
  if (
    base.endsWith('.py') ||
    (!YAML_NAME.test(base) && looksLikePython(text) && !looksLikeYamlOrJson(text))
  ) {
    if (bracketDepthExceeds(text)) return { kind: 'unknown', notice: nestingNotice() };
    if (pythonTokensExceed(text)) return { kind: 'unknown', notice: pythonTokensNotice() };
    const gunicorn =
      base.includes('gunicorn') ||
      (/^(bind|workers|worker_class|graceful_timeout|keepalive|timeout)\s*=/m.test(text) &&
        !/\bflask\b|\bFlask\(/i.test(text));
    return { kind: gunicorn ? 'gunicorn-conf' : 'python' };
  }
  if (YAML_NAME.test(base) || looksLikeYamlOrJson(text)) {
    const parsed = parseTree(input.name, text);
    if (parsed.tree) {
      const kind = classifyTree(roots(parsed.tree));
      if (kind !== 'unknown') return { kind, tree: parsed.tree };
    } else if (YAML_NAME.test(base)) {
      return { kind: 'unknown', notice: parsed.notice ?? 'Not valid YAML/JSON.' };
    }
  }
  if (
    base.endsWith('.conf') ||
    base.includes('nginx') ||
    /\b(server|location|upstream)\b[^;{]*\{/.test(text)
  ) {
    if (looksLikeNginx(text)) return { kind: 'nginx' };
    if (base.includes('nginx')) {
      const error = parseNginx(text, input.name).error;
      return {
        kind: 'unknown',
        notice: error
          ? `nginx syntax error at line ${error.line}: ${error.message}. Not read.`
          : 'Named like an nginx file, but it has no directive the audit reads.',
      };
    }
  }
  if (FROM_LINE.test(text) && /^\s*(RUN|CMD|COPY|ENTRYPOINT)\s/im.test(text))
    return { kind: 'dockerfile' };
  return { kind: 'unknown' };
}

export function detectKind(input: AuditInput): Detected {
  if (input.text.length > MAX_AUDIT_FILE_CHARS) {
    return {
      kind: 'unknown',
      notice: `Larger than ${MAX_AUDIT_FILE_CHARS / 1_048_576} MB (${Math.round(input.text.length / 1024)} KB): not read. Give the deployment files themselves.`,
    };
  }
  if (looksBinary(input.text))
    return { kind: 'unknown', notice: 'Binary data, not a text file: not read.' };
  if (input.text.trim() === '') return { kind: 'unknown', notice: 'Empty: nothing to read.' };
  const byContent = detectByContent(input, baseName(input.name));
  const detected: Detected =
    byContent.kind === 'dockerfile' && linesExceed(input.text, MAX_DOCKERFILE_LINES)
      ? {
          kind: 'unknown',
          notice: `A Dockerfile of more than ${MAX_DOCKERFILE_LINES.toLocaleString('en-US')} lines: far longer than any real one, so it was not read.`,
        }
      : byContent;
  if (input.kind && input.kind !== 'unknown' && input.kind !== detected.kind) {
    const what =
      detected.kind === 'unknown'
        ? 'none of the kinds the audit reads'
        : `a ${KIND_LABELS[detected.kind]}`;
    if (detected.kind === 'unknown') {
      return {
        kind: 'unknown',
        notice: `Given as a ${KIND_LABELS[input.kind]}, but the content looks like ${what}: not read.`,
      };
    }
    return {
      ...detected,
      notice: `Given as a ${KIND_LABELS[input.kind]}, but the content is ${what}: read as that.`,
    };
  }
  if (detected.kind === 'unknown' && !detected.notice) {
    return {
      kind: 'unknown',
      notice:
        'Not a kind of file the audit reads (Dockerfile, gunicorn.conf.py, Python, Procfile, ECS/ALB JSON, CloudFormation, terraform show -json, Kubernetes, nginx, Compose).',
    };
  }
  return detected;
}
