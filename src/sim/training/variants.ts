/**
 * Seeded variants for interview mode: the same exercise with a different chain, different
 * numbers or a different Dockerfile. `generateVariant(exercise, seed)` is deterministic (same
 * seed, same problem), and every generator works out its solution from the facts directly —
 * not by asking the checker — so the unit tests can hold each variant against the simulation.
 */
import { computeCapacity } from '../capacity/capacity';
import { createRandom, pick, sampleInt, type Random } from '../random';
import { countAppendingHops, countProtoWriters } from './hop-names';
import type {
  CapacityGoalExercise,
  CapacityNumberExercise,
  DockerfileGoalExercise,
  Exercise,
  HopKind,
  ProxyCountExercise,
  ProxyGoalExercise,
  ShutdownGoalExercise,
} from './types';

/** Interview seeds are shown to people and typed into URLs: 1 to 999 999. */
export const MAX_SEED = 999_999;

/** Mix the exercise id into the seed so two exercises in one interview do not move in step. */
export function seedFor(exerciseId: string, seed: number): number {
  let hash = 2166136261 ^ seed;
  for (let i = 0; i < exerciseId.length; i += 1) {
    hash ^= exerciseId.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

/** A client address from the documentation ranges (RFC 5737), never a real one. */
function clientAddress(random: Random): string {
  const prefix = pick(random, ['203.0.113', '198.51.100', '192.0.2']);
  return `${prefix}.${String(sampleInt(random, 2, 254))}`;
}

const COUNT_CHAINS: readonly (readonly HopKind[])[] = [
  ['alb'],
  ['cloudfront', 'alb'],
  ['nginx'],
  ['alb', 'nginx'],
  ['cloudfront', 'alb', 'nginx'],
];

/** Chains where request.scheme can be made https (nginx behind an ALB writes its own `http`). */
const GOAL_CHAINS: readonly (readonly HopKind[])[] = [['alb'], ['cloudfront', 'alb'], ['nginx']];

function varyProxyCount(exercise: ProxyCountExercise, random: Random): ProxyCountExercise {
  const chain = pick(random, COUNT_CHAINS);
  return {
    ...exercise,
    chain,
    clientIp: clientAddress(random),
    solution: { kind: 'number', value: countAppendingHops(chain) },
  };
}

function varyProxyGoal(exercise: ProxyGoalExercise, random: Random): ProxyGoalExercise {
  const chain = pick(random, GOAL_CHAINS);
  return {
    ...exercise,
    chain,
    clientIp: clientAddress(random),
    solution: {
      kind: 'proxy',
      x_for: countAppendingHops(chain),
      x_proto: countProtoWriters(chain),
    },
  };
}

/** ECS rounds maximumPercent down: tasks during a deploy = floor(tasks × max% / 100)
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html). */
function deployTaskCount(tasks: number, maximumPercent: number): number {
  return Math.floor((tasks * maximumPercent) / 100);
}

function varyCapacityNumber(
  exercise: CapacityNumberExercise,
  random: Random,
): CapacityNumberExercise {
  const tasks = sampleInt(random, 2, 8);
  const workers = sampleInt(random, 2, 12);
  const poolSize = sampleInt(random, 2, 10);
  const maximumPercent = pick(random, [150, 200]);
  const settings = { ...exercise.settings, tasks, workers, poolSize, maximumPercent };
  // A sync worker serves one request at a time, so it holds at most one connection (https://gunicorn.org/design/).
  const value =
    exercise.field === 'guidePoolSizeProduct'
      ? tasks * workers * poolSize
      : exercise.field === 'poolCapacity'
        ? computeCapacity({ ...settings, workerClass: exercise.workerClass }).poolCapacity
        : exercise.field === 'deployPeak' && exercise.workerClass === 'sync'
          ? workers * deployTaskCount(tasks, maximumPercent)
          : exercise.field === 'deployTasks'
            ? deployTaskCount(tasks, maximumPercent)
            : null;
  if (value === null) return exercise;
  return { ...exercise, settings, solution: { kind: 'number', value } };
}

function varyCapacityGoal(exercise: CapacityGoalExercise, random: Random): CapacityGoalExercise {
  const tasks = sampleInt(random, 3, 10);
  const workers = sampleInt(random, 3, 10);
  const otherConnections = sampleInt(random, 0, 10);
  const reserved = 3; // PostgreSQL superuser_reserved_connections default (https://www.postgresql.org/docs/current/runtime-config-connection.html)
  // Room for the steady state plus half the tasks again: a full 200 % surge does not fit, a
  // smaller one does.
  const maxConnections =
    workers * tasks + otherConnections + reserved + Math.floor((workers * tasks) / 2);
  const maximumPercent = Math.ceil((100 * (tasks + 1)) / tasks);
  const usable = maxConnections - reserved;
  return {
    ...exercise,
    title: `Fit this service under ${usable} connections`,
    prompt: `PostgreSQL allows ${maxConnections} connections and keeps ${reserved} for superusers, so the app gets ${usable}. Cron jobs and admin shells take a few more. Keep at least the current workers per task and make the rolling deploy fit.`,
    settings: {
      ...exercise.settings,
      tasks,
      workers,
      otherConnections,
      maxConnections,
      maximumPercent: 200,
    },
    editable: [
      { field: 'workers', min: workers, max: workers + 4 },
      { field: 'maximumPercent', min: 100, max: 200 },
    ],
    solution: { kind: 'capacity', values: { workers, maximumPercent } },
  };
}

function varyShutdownGoal(exercise: ShutdownGoalExercise, random: Random): ShutdownGoalExercise {
  // Below Gunicorn's 30 s worker `timeout`, which would kill a longer sync request anyway
  // (https://gunicorn.org/reference/settings/#timeout), so the stop is the only thing that can lose it.
  const longest = pick(random, [10, 15, 20, 25]);
  const margin = 5;
  return {
    ...exercise,
    longestRequestSeconds: longest,
    seed: sampleInt(random, 1, 1_000_000),
    maxStopSeconds: longest * 2 + 30,
    start: {
      pid1: 'shell-form-dash',
      deregistrationDelaySeconds: sampleInt(random, 1, Math.max(2, longest - 8)),
      gracefulTimeoutSeconds: pick(random, [5, 30]),
      stopTimeoutSeconds: pick(random, [10, 30]),
    },
    // Drain longer than the longest request, let Gunicorn finish it, and give it time to exit
    // before ECS's SIGKILL (deregistration delay, then SIGTERM, then stopTimeout:
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-connection-draining.html).
    solution: {
      kind: 'shutdown',
      settings: {
        pid1: 'exec-form',
        deregistrationDelaySeconds: longest + margin,
        gracefulTimeoutSeconds: longest + margin,
        stopTimeoutSeconds: Math.min(120, longest + 2 * margin),
      },
    },
  };
}

interface DockerfileParts {
  readonly python: string;
  readonly module: string;
  readonly port: number;
  readonly user: string;
  readonly bugs: readonly DockerfileBug[];
}

export const DOCKERFILE_BUGS = ['dev-server', 'shell-form', 'root', 'debug', 'secret'] as const;
export type DockerfileBug = (typeof DOCKERFILE_BUGS)[number];

/** The guide's production image (chapter 5), with the chosen bugs put in. */
export function renderDockerfile(parts: DockerfileParts): string {
  const has = (bug: DockerfileBug) => parts.bugs.includes(bug);
  const { python, module, port, user } = parts;
  const cmd = has('dev-server')
    ? `CMD ["flask", "--app", "${module}:create_app", "run", "--host", "0.0.0.0", "--port", "${port}"]`
    : has('shell-form')
      ? `CMD gunicorn -c gunicorn.conf.py --bind 0.0.0.0:${port} "${module}:create_app()"`
      : `CMD ["gunicorn", "-c", "gunicorn.conf.py", "--bind", "0.0.0.0:${port}", "${module}:create_app()"]`;
  return [
    `FROM python:${python}-slim AS builder`,
    'ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1',
    'RUN python -m venv /opt/venv',
    'ENV PATH="/opt/venv/bin:$PATH"',
    'COPY requirements.txt .',
    'RUN pip install -r requirements.txt gunicorn',
    '',
    `FROM python:${python}-slim`,
    'ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PATH="/opt/venv/bin:$PATH"',
    ...(has('debug') ? ['ENV FLASK_DEBUG=1'] : []),
    ...(has('secret') ? ['ENV SECRET_KEY=4f9c2d7e1a8b6c3d'] : []),
    `RUN useradd --create-home --uid 10001 ${user}`,
    'WORKDIR /app',
    'COPY --from=builder /opt/venv /opt/venv',
    `COPY --chown=${user}:${user} . .`,
    ...(has('root') ? [] : [`USER ${user}`]),
    `EXPOSE ${port}`,
    `HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:${port}/health')"]`,
    cmd,
    '',
  ].join('\n');
}

function varyDockerfileGoal(
  exercise: DockerfileGoalExercise,
  random: Random,
): DockerfileGoalExercise {
  const python = pick(random, ['3.11', '3.12', '3.13']);
  const module = pick(random, ['shop', 'billing', 'api', 'notes', 'ledger']);
  const port = pick(random, [8000, 8080, 5000]);
  const user = pick(random, ['appuser', 'app', 'web']);
  // Every variant has one way of not starting Gunicorn properly and one more problem.
  const launchBug = pick(random, ['dev-server', 'shell-form'] as const);
  const otherBug = pick(random, ['root', 'debug', 'secret'] as const);
  const parts = { python, module, port, user };
  return {
    ...exercise,
    start: renderDockerfile({ ...parts, bugs: [launchBug, otherBug] }),
    solution: { kind: 'text', text: renderDockerfile({ ...parts, bugs: [] }) },
  };
}

/** The exercise as the seed makes it; exercises without a generator come back unchanged. */
export function generateVariant(exercise: Exercise, seed: number): Exercise {
  if (exercise.variant === undefined) return exercise;
  const random = createRandom(seedFor(exercise.id, seed));
  switch (exercise.kind) {
    case 'proxy-count':
      return varyProxyCount(exercise, random);
    case 'proxy-goal':
      return varyProxyGoal(exercise, random);
    case 'capacity-number':
      return varyCapacityNumber(exercise, random);
    case 'capacity-goal':
      return varyCapacityGoal(exercise, random);
    case 'shutdown-goal':
      return varyShutdownGoal(exercise, random);
    case 'dockerfile-goal':
      return varyDockerfileGoal(exercise, random);
    default:
      return exercise;
  }
}
