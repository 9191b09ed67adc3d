/**
 * The shape of an audit rule: stable code, level, what goes wrong, the fix, the official
 * sources, and a check over the facts the readers produced. Rules ask the site's models
 * (shutdown advice, ProxyFix chain, capacity, keep-alive race) and never hold a copy of
 * their logic.
 */
import type { Facts, Val } from '../facts';
import type { AuditFinding, AuditFix, AuditLevel, AuditOptions, AuditSource } from '../types';

export interface AuditRuleMeta {
  readonly code: string;
  readonly level: AuditLevel;
  readonly title: string;
  /** What goes wrong in production, one sentence (the default for every finding). */
  readonly failure: string;
  /** The fix in words (the default). */
  readonly fix: string;
  readonly sources: readonly AuditSource[];
}

export interface RuleContext {
  readonly facts: Facts;
  readonly options: AuditOptions;
}

export interface RawAuditFinding {
  /** Where the fix goes. */
  readonly at: Val<unknown>;
  readonly message: string;
  readonly failure?: string;
  readonly fix?: AuditFix;
  readonly level?: AuditLevel;
  /** The other values the finding depends on (kept when in another file or line). */
  readonly related?: readonly (Val<unknown> | undefined)[];
  /**
   * A safe mechanical fix: replace the value whose text starts at `at` with `replacement`
   * (quotes kept). The report turns it into a one-line unified diff.
   */
  readonly replace?: { readonly at: Val<unknown>; readonly replacement: string };
}

export interface AuditRule {
  readonly meta: AuditRuleMeta;
  readonly check: (ctx: RuleContext) => RawAuditFinding[];
}

export function defineAuditRule(meta: AuditRuleMeta, check: AuditRule['check']): AuditRule {
  return { meta, check };
}

/** The token of a value at a column: a quoted string or a run up to a delimiter. */
const VALUE_TOKEN = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;}\]]+)/;

/**
 * A one-line unified diff replacing the value at `line`/`column` of `text`, or undefined when
 * the text there is not a single value token.
 */
export function valueDiff(
  file: string,
  text: string,
  line: number,
  column: number,
  replacement: string,
  oldValue: unknown,
): string | undefined {
  const lines = text.split('\n');
  const original = lines[line - 1];
  if (original === undefined) return undefined;
  const rest = original.slice(column - 1);
  const token = VALUE_TOKEN.exec(rest)?.[1];
  if (token === undefined) return undefined;
  const quote = token.startsWith('"') || token.startsWith("'") ? token.charAt(0) : '';
  // Only a plain number (with a unit such as 30s) that is the value read: never a token that
  // holds more (an annotation's key=value list, a whole command line).
  const bare = quote ? token.slice(1, -1) : token;
  const number = /^(-?[0-9]+(?:\.[0-9]+)?)[a-z]*$/.exec(bare)?.[1];
  if (number === undefined || typeof oldValue !== 'number' || Number(number) !== oldValue) {
    return undefined;
  }
  const changed = `${original.slice(0, column - 1)}${quote}${replacement}${quote}${rest.slice(token.length)}`;
  if (changed === original) return undefined;
  return `--- a/${file}\n+++ b/${file}\n@@ -${line} +${line} @@\n-${original}\n+${changed}\n`;
}

export function toFinding(meta: AuditRuleMeta, raw: RawAuditFinding): AuditFinding {
  const related = (raw.related ?? [])
    .filter((r): r is Val<unknown> => r !== undefined)
    .filter((r) => r.file !== raw.at.file || r.line !== raw.at.line)
    .map((r) => ({ file: r.file, line: r.line }));
  const unique = related.filter(
    (r, i) => related.findIndex((o) => o.file === r.file && o.line === r.line) === i,
  );
  return {
    file: raw.at.file,
    line: raw.at.line,
    column: raw.at.column,
    level: raw.level ?? meta.level,
    code: meta.code,
    message: raw.message,
    failure: raw.failure ?? meta.failure,
    fix: raw.fix ?? { text: meta.fix },
    sources: meta.sources,
    related: unique,
  };
}

/** Official pages the rules cite. */
export const SOURCES = {
  gunicornGraceful: {
    title: 'Gunicorn settings: graceful_timeout',
    url: 'https://gunicorn.org/reference/settings/#graceful_timeout',
  },
  gunicornTimeout: {
    title: 'Gunicorn settings: timeout',
    url: 'https://gunicorn.org/reference/settings/#timeout',
  },
  gunicornKeepalive: {
    title: 'Gunicorn settings: keepalive',
    url: 'https://gunicorn.org/reference/settings/#keepalive',
  },
  gunicornWorkers: {
    title: 'Gunicorn design: how many workers',
    url: 'https://gunicorn.org/design/#how-many-workers',
  },
  gunicornForwarded: {
    title: 'Gunicorn settings: forwarded_allow_ips',
    url: 'https://gunicorn.org/reference/settings/#forwarded_allow_ips',
  },
  gunicornSignals: { title: 'Gunicorn signal handling', url: 'https://gunicorn.org/signals/' },
  ecsStopTimeout: {
    title: 'ECS task definition parameters: stopTimeout',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html',
  },
  ecsTaskSize: {
    title: 'ECS task definition parameters: task size',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_size',
  },
  ecsDraining: {
    title: 'ECS: tune load balancer connection draining',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-connection-draining.html',
  },
  ecsHealthCheck: {
    title: 'ECS API: HealthCheck',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html',
  },
  ecsServiceGrace: {
    title: 'ECS API: Service healthCheckGracePeriodSeconds',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html',
  },
  albDeregistration: {
    title: 'ALB target groups: deregistration delay',
    url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html#deregistration-delay',
  },
  albIdle: {
    title: 'ALB: connection idle timeout',
    url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#connection-idle-timeout',
  },
  albHealth: {
    title: 'ALB target group health checks',
    url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html',
  },
  k8sTermination: {
    title: 'Kubernetes: termination of Pods',
    url: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination',
  },
  k8sHooks: {
    title: 'Kubernetes: container lifecycle hooks',
    url: 'https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/',
  },
  k8sProbes: {
    title: 'Kubernetes: configure liveness, readiness and startup probes',
    url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  },
  k8sDockerHealthcheck: {
    title: 'Kubernetes PR 50796: disable the image HEALTHCHECK for pods',
    url: 'https://github.com/kubernetes/kubernetes/pull/50796',
  },
  k8sCpu: {
    title: 'Kubernetes: CPU resource units',
    url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#meaning-of-cpu',
  },
  composeGrace: {
    title: 'Compose file: stop_grace_period',
    url: 'https://docs.docker.com/reference/compose-file/services/#stop_grace_period',
  },
  composeStopSignal: {
    title: 'Compose file: stop_signal',
    url: 'https://docs.docker.com/reference/compose-file/services/#stop_signal',
  },
  shellExecForm: {
    title: 'Dockerfile reference: shell and exec form',
    url: 'https://docs.docker.com/reference/dockerfile/#shell-and-exec-form',
  },
  nginxKeepalive: {
    title: 'nginx upstream module: keepalive',
    url: 'https://nginx.org/en/docs/http/ngx_http_upstream_module.html#keepalive',
  },
  nginxReadTimeout: {
    title: 'nginx proxy module: proxy_read_timeout',
    url: 'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_read_timeout',
  },
  ingressNginxTimeouts: {
    title: 'ingress-nginx annotations: custom timeouts',
    url: 'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#custom-timeouts',
  },
  proxyFix: {
    title: 'Werkzeug: ProxyFix',
    url: 'https://werkzeug.palletsprojects.com/en/stable/middleware/proxy_fix/',
  },
  flaskProxy: {
    title: 'Flask: tell Flask it is behind a proxy',
    url: 'https://flask.palletsprojects.com/en/stable/deploying/proxy_fix/',
  },
  flaskTrustedHosts: {
    title: 'Flask config: TRUSTED_HOSTS',
    url: 'https://flask.palletsprojects.com/en/stable/config/#TRUSTED_HOSTS',
  },
  flaskCookieSecure: {
    title: 'Flask config: SESSION_COOKIE_SECURE',
    url: 'https://flask.palletsprojects.com/en/stable/config/#SESSION_COOKIE_SECURE',
  },
  pythonCpuCount: {
    title: 'Python os.cpu_count()',
    url: 'https://docs.python.org/3/library/os.html#os.cpu_count',
  },
  sqlalchemyPool: {
    title: 'SQLAlchemy: connection pooling',
    url: 'https://docs.sqlalchemy.org/en/20/core/pooling.html',
  },
  postgresMaxConnections: {
    title: 'PostgreSQL: max_connections',
    url: 'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-MAX-CONNECTIONS',
  },
  ecsDeployment: {
    title: 'ECS: rolling update deployments',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html',
  },
} as const satisfies Record<string, AuditSource>;
