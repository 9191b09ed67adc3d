/**
 * What the readers found in the files: typed settings, each with the file, line and column
 * of its value. The rules read only this; they never see file text. A setting a file holds
 * but whose value cannot be known without running something is not here: it is a
 * `CannotTell` on that file's result.
 */
import type { CannotTell } from './types';

/** A value and where its text is. */
export interface Val<T> {
  readonly value: T;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

/** `multiprocessing.cpu_count() * perCpu + plus`: known once the CPU granted is known. */
export interface CpuRelative {
  readonly perCpu: number;
  readonly plus: number;
}

export type WorkersValue = number | CpuRelative;

/**
 * Where a Gunicorn setting came from, in Gunicorn's order of precedence (lowest first):
 * environment variables such as WEB_CONCURRENCY, the config file, GUNICORN_CMD_ARGS, the
 * command line (https://gunicorn.org/configure/).
 */
export type GunicornSource = 'env' | 'config-file' | 'cmd-args-env' | 'command-line';
export const GUNICORN_SOURCE_RANK: Readonly<Record<GunicornSource, number>> = {
  env: 0,
  'config-file': 1,
  'cmd-args-env': 2,
  'command-line': 3,
};

export interface GunicornFacts {
  workers?: Val<WorkersValue>;
  threads?: Val<number>;
  workerClass?: Val<string>;
  keepalive?: Val<number>;
  timeout?: Val<number>;
  gracefulTimeout?: Val<number>;
  forwardedAllowIps?: Val<readonly string[]>;
  preloadApp?: Val<boolean>;
  bind?: Val<readonly string[]>;
}
export type GunicornKey = keyof GunicornFacts;

/** One place that starts Gunicorn (a Dockerfile CMD, a compose `command`, a Procfile line…). */
export interface GunicornLaunch {
  readonly at: Val<string>;
  /** A shell stays PID 1 and does not pass SIGTERM on (shell-form CMD without `exec`, `sh -c "… gunicorn"` with more than one command). */
  readonly shellStaysPid1: boolean;
}

export interface HealthProbe {
  readonly kind: 'liveness' | 'readiness' | 'startup' | 'alb' | 'container';
  readonly path: Val<string> | null;
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly failureThreshold?: number;
  readonly at: Val<string>;
}

export interface EcsFacts {
  readonly at: Val<string>;
  stopTimeout?: Val<number>;
  /** Task-level `cpu` in CPU units (1024 = 1 vCPU). */
  cpuUnits?: Val<number>;
  memoryMiB?: Val<number>;
  launchType?: Val<'fargate' | 'ec2'>;
  initProcessEnabled?: Val<boolean>;
  healthCheckGracePeriodSeconds?: Val<number>;
  desiredCount?: Val<number>;
  maximumPercent?: Val<number>;
  minimumHealthyPercent?: Val<number>;
  containerHealthCheck?: Val<string>;
}

export interface AlbFacts {
  readonly at: Val<string>;
  deregistrationDelaySeconds?: Val<number>;
  idleTimeoutSeconds?: Val<number>;
  slowStartSeconds?: Val<number>;
  healthCheck?: HealthProbe;
  /** `routing.http.xff_header_processing.mode`. */
  xffMode?: Val<'append' | 'preserve' | 'remove'>;
  preserveHost?: Val<boolean>;
}

export interface KubernetesFacts {
  readonly at: Val<string>;
  terminationGracePeriodSeconds?: Val<number>;
  preStop?: Val<{ kind: 'sleep' | 'exec-sleep' | 'other'; seconds: number | null }>;
  probes: HealthProbe[];
  cpuLimit?: Val<number>;
  memoryLimitMiB?: Val<number>;
  replicas?: Val<number>;
  maxSurge?: Val<number | string>;
  /** A Service or Ingress routes to the pods. */
  exposed?: Val<string>;
  ingressClass?: Val<'alb' | 'nginx' | 'other'>;
  /** Ingress-nginx `proxy-read-timeout` annotation, seconds. */
  nginxProxyReadTimeout?: Val<number>;
  /** Ingress-nginx upstream keep-alive timeout is cluster-wide (ConfigMap): not read here. */
  shareProcessNamespace?: Val<boolean>;
}

export interface ComposeFacts {
  readonly at: Val<string>;
  stopGracePeriodSeconds?: Val<number>;
  stopSignal?: Val<string>;
  init?: Val<boolean>;
  healthcheck?: Val<string>;
  ports?: Val<readonly string[]>;
}

export interface NginxFacts {
  readonly at: Val<string>;
  /** `proxy_set_header NAME VALUE` in effect for the proxied location (lower-cased name). */
  proxySetHeaders: Map<string, Val<string>>;
  setRealIpFrom: Val<string>[];
  realIpHeader?: Val<string>;
  realIpRecursive?: Val<boolean>;
  /** `keepalive N` in an upstream block. */
  upstreamKeepalive?: Val<number>;
  /** `keepalive_timeout` inside the upstream block (nginx ≥ 1.15.3), seconds. */
  upstreamKeepaliveTimeout?: Val<number>;
  proxyHttpVersion?: Val<string>;
  proxyReadTimeout?: Val<number>;
  proxyNextUpstream?: Val<string>;
  proxyPass?: Val<string>;
  listensTls?: Val<boolean>;
  serverName?: Val<string>;
}

export interface FlaskFacts {
  proxyFix?: Val<{
    x_for: number;
    x_proto: number;
    x_host: number;
    x_port: number;
    x_prefix: number;
  }>;
  trustedHosts?: Val<readonly string[]>;
  sessionCookieSecure?: Val<boolean>;
  preferredUrlScheme?: Val<string>;
  poolSize?: Val<number>;
  maxOverflow?: Val<number>;
  /** Health routes whose handler touches the database: path → where. */
  dbHealthRoutes: Map<string, Val<string>>;
  /** Where the app is created (`Flask(__name__)`), the place a missing ProxyFix goes. */
  appAt?: Val<string>;
  /** Python files read (the Flask side is known only when at least one was given). */
  appFiles: string[];
}

export interface DockerFacts {
  readonly at: Val<string>;
  healthcheck?: Val<string>;
  stopSignal?: Val<string>;
}

export interface CloudFrontFacts {
  readonly at: Val<string>;
  forwardsHost?: boolean;
}

export interface Facts {
  gunicorn: GunicornFacts;
  /** The source rank each Gunicorn setting was taken from. */
  gunicornRank: Partial<Record<GunicornKey, number>>;
  launches: GunicornLaunch[];
  ecs?: EcsFacts;
  alb?: AlbFacts;
  cloudfront?: CloudFrontFacts;
  kubernetes?: KubernetesFacts;
  compose?: ComposeFacts;
  nginx?: NginxFacts;
  docker?: DockerFacts;
  flask: FlaskFacts;
}

export function createFacts(): Facts {
  return {
    gunicorn: {},
    gunicornRank: {},
    launches: [],
    flask: { dbHealthRoutes: new Map(), appFiles: [] },
  };
}

/** Records a Gunicorn setting unless a more authoritative source already set it. */
export function setGunicorn<K extends GunicornKey>(
  facts: Facts,
  key: K,
  value: NonNullable<GunicornFacts[K]>,
  source: GunicornSource,
): void {
  const rank = GUNICORN_SOURCE_RANK[source];
  const had = facts.gunicornRank[key];
  if (had !== undefined && had > rank) return;
  facts.gunicorn[key] = value;
  facts.gunicornRank[key] = rank;
}

/** What one reader made of one file. */
export interface ReadOutcome {
  notice?: string;
  cannotTell: CannotTell[];
}
