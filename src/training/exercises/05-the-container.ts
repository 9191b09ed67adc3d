import { renderDockerfile } from '../../sim/training/variants';
import type { Exercise } from '../../sim/training/types';
import { DOC } from './docs';

const dockerfileParts = { python: '3.12', module: 'myapp', port: 8000, user: 'appuser' } as const;

export const containerExercises: readonly Exercise[] = [
  {
    id: 'dockerfile-pass',
    kind: 'dockerfile-goal',
    variant: 'dockerfile-goal',
    chapter: '/the-container/',
    title: 'Make this Dockerfile pass with no errors',
    prompt:
      'Edit the Dockerfile until the checker (the same one as in the Dockerfile widget) reports no errors. The image must still start Gunicorn.',
    start: renderDockerfile({ ...dockerfileParts, bugs: ['dev-server', 'root'] }),
    solution: { kind: 'text', text: renderDockerfile({ ...dockerfileParts, bugs: [] }) },
    hints: [
      'Run the check: each error names its line.',
      'What should PID 1 be, and in which form should CMD be written?',
      'Which user does the final stage run as?',
    ],
    explanation:
      'Gunicorn in exec form is PID 1 and receives SIGTERM; the development server never belongs in an image; a non-root USER limits what an exploit can do; debug flags and secrets stay out of the image and come from the environment at run time.',
    docs: [DOC.dockerCmd, DOC.dockerUser, DOC.flaskDeploying],
    minutes: 8,
    rubric: {
      strong:
        'Fixes every error with the guide’s patterns (exec-form Gunicorn CMD, USER after the COPYs, secrets from the environment) and can say what each one prevents at run time.',
      acceptable: 'Gets the checker to pass, with some explanation.',
      weak: 'Silences findings or deletes lines without knowing why they matter.',
    },
    followUps: [
      'Why does the shell form of CMD break graceful shutdown on python:*-slim?',
      'Where should SECRET_KEY come from?',
    ],
  },
  {
    id: 'capacity-guide-product',
    kind: 'capacity-number',
    variant: 'capacity-number',
    chapter: '/the-container/',
    title: 'The pools’ connection ceiling',
    prompt:
      'Every Gunicorn worker has its own SQLAlchemy QueuePool, and a QueuePool lets pool_size + max_overflow connections be checked out at once. Multiply it out: tasks × workers per task × (pool_size + max_overflow). How many connections could the pools hold at once?',
    settings: {
      vcpus: 4,
      tasks: 4,
      workers: 8,
      poolSize: 5,
      maxOverflow: 10,
      maximumPercent: 200,
      containerMemoryMiB: 2048,
    },
    workerClass: 'sync',
    field: 'poolCapacity',
    solution: { kind: 'number', value: 480 },
    hints: [
      'Each worker process has its own pool.',
      'One pool allows pool_size + max_overflow connections, not pool_size.',
      'tasks × workers × (pool_size + max_overflow)',
    ],
    explanation:
      'Every Gunicorn worker is its own process with its own SQLAlchemy pool, so pools multiply by workers and by tasks, and each pool allows pool_size + max_overflow connections at once. The usual rule of thumb, pool_size × workers × tasks, counts only the connections the pools keep, not what they allow. Both are ceilings, not the load: the next exercise shows what a sync worker really opens.',
    docs: [DOC.sqlalchemyPool, DOC.postgresConnections],
    minutes: 2,
    rubric: {
      strong:
        'Uses pool_size + max_overflow per worker, not pool_size alone, and adds that this is the ceiling, not the peak: a sync worker holds one connection; a deploy surge doubles tasks.',
      acceptable: 'Multiplies correctly.',
      weak: 'Multiplies pool_size alone, or forgets that each worker has its own pool.',
    },
    followUps: ['What does the rule of thumb pool_size × workers × tasks leave out?'],
  },
  {
    id: 'capacity-deploy-peak',
    kind: 'capacity-number',
    variant: 'capacity-number',
    chapter: '/the-container/',
    title: 'The real peak during a deploy',
    prompt:
      'Sync workers, SQLAlchemy’s default max_overflow of 10 and the settings below. During a rolling deploy ECS runs up to maximumPercent of the desired tasks. How many database connections can the app hold open at the peak of a deploy?',
    settings: {
      vcpus: 4,
      tasks: 4,
      workers: 8,
      poolSize: 5,
      maximumPercent: 200,
      containerMemoryMiB: 2048,
    },
    workerClass: 'sync',
    field: 'deployPeak',
    solution: { kind: 'number', value: 64 },
    hints: [
      'How many requests does one sync worker serve at a time?',
      'So how many connections can one worker hold, whatever its pool allows?',
      'ECS runs floor(tasks × maximumPercent / 100) tasks during the deploy.',
    ],
    explanation:
      'A sync worker serves one request at a time, so it holds at most one connection (one per engine it uses) — the pool never fills. The deploy surge multiplies the task count: workers × deploy tasks.',
    docs: [DOC.sqlalchemyPool, DOC.ecsDeploy],
    minutes: 3,
    rubric: {
      strong:
        'Bounds the per-worker peak by concurrency, applies the deploy surge, and contrasts it with the pool product.',
      acceptable: 'Gets the figure with some hesitation about the surge.',
      weak: 'Repeats the pool product or ignores the deploy.',
    },
    followUps: ['How does the answer change with gthread and 4 threads?'],
  },
  {
    id: 'capacity-fit-97',
    kind: 'capacity-goal',
    variant: 'capacity-goal',
    chapter: '/the-container/',
    title: 'Fit this service under 97 connections',
    prompt:
      'PostgreSQL allows 100 connections and keeps 3 for superusers, so the app gets 97. Cron jobs and admin shells take a few more. Keep at least the current workers per task and make the rolling deploy fit.',
    settings: {
      vcpus: 4,
      tasks: 6,
      workers: 8,
      otherConnections: 5,
      maxConnections: 100,
      maximumPercent: 200,
      containerMemoryMiB: 2048,
    },
    editable: [
      { field: 'workers', min: 8, max: 12 },
      { field: 'maximumPercent', min: 100, max: 200 },
    ],
    solution: { kind: 'capacity', values: { workers: 8, maximumPercent: 150 } },
    hints: [
      'The steady state already fits. When does it stop fitting?',
      'maximumPercent decides how many extra tasks run during a deploy.',
      'ECS must still be able to start at least one new task.',
    ],
    explanation:
      'A 200 % surge doubles the tasks and so the connections. A smaller maximumPercent starts fewer new tasks at once: the deploy is slower but stays within max_connections. PgBouncer is the fix when the service must grow further.',
    docs: [DOC.ecsDeploy, DOC.postgresConnections],
    minutes: 5,
    rubric: {
      strong:
        'Sees that the deploy, not the steady state, breaks the limit; trades surge size against deploy speed; mentions PgBouncer/RDS Proxy for growth and the 3 reserved slots.',
      acceptable: 'Finds a maximumPercent that fits.',
      weak: 'Cuts workers below the requirement or raises max_connections without thinking about memory.',
    },
    followUps: ['What does PgBouncer in transaction mode change in this arithmetic?'],
  },
  {
    id: 'container-find-bug-secret',
    kind: 'find-bug',
    chapter: '/the-container/',
    title: 'Find the bug in the runtime stage',
    prompt: 'Which line puts something in the image that must never be there?',
    fileName: 'Dockerfile',
    lines: [
      'FROM python:3.12-slim',
      'ENV PYTHONUNBUFFERED=1 PATH="/opt/venv/bin:$PATH"',
      'ENV DATABASE_URL=postgresql://shop:s3cr3t-pw@db.internal:5432/shop',
      'RUN useradd --create-home --uid 10001 appuser',
      'COPY --from=builder /opt/venv /opt/venv',
      'COPY --chown=appuser:appuser . /app',
      'USER appuser',
      'CMD ["gunicorn", "-c", "gunicorn.conf.py", "shop:create_app()"]',
    ],
    bugLines: [3],
    solution: { kind: 'find-bug', line: 3 },
    hints: ['Anyone who can pull the image can read every ENV line.'],
    explanation:
      'The password is baked into the image’s layers and metadata. Configuration and secrets come from the environment at run time (ECS secrets, Kubernetes Secrets), loaded with `app.config.from_prefixed_env()`.',
    docs: [DOC.flaskConfig],
    minutes: 2,
  },
];
