/**
 * Example Dockerfiles for the checker: the guide's production image (§5) and broken variants,
 * each showing one failure the chapter teaches. Written for this site; `expected` lists the
 * rule codes each one must trigger.
 */

export interface DockerfileExample {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly dockerfile: string;
  readonly dockerignore?: string;
  /** Codes the checker must report for this example. */
  readonly expected: readonly string[];
}

/** The guide's .dockerignore (§5), with `**` for names that appear in any directory. */
export const GOOD_DOCKERIGNORE = `# Never send these to the Docker daemon, let alone into the image.
.git
.gitignore
**/__pycache__
**/*.pyc
.venv/
venv/
**/.env
**/.env.*
instance/
tests/
.pytest_cache/
*.md
Dockerfile
.dockerignore
`;

export const GOOD_DOCKERFILE = `# syntax=docker/dockerfile:1
ARG PYTHON_VERSION=3.12

# --- build stage: compilers and headers live only here ---
FROM python:\${PYTHON_VERSION}-slim-bookworm AS builder
ENV PIP_NO_CACHE_DIR=1 \\
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \\
 && apt-get install -y --no-install-recommends build-essential=12.* libpq-dev=15.* \\
 && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY requirements.txt .
RUN pip install -r requirements.txt gunicorn==23.0.0

# --- runtime stage: only the venv and the app ---
FROM python:\${PYTHON_VERSION}-slim-bookworm AS runtime
ENV PYTHONUNBUFFERED=1 \\
    PYTHONDONTWRITEBYTECODE=1 \\
    PATH="/opt/venv/bin:$PATH"
RUN apt-get update \\
 && apt-get install -y --no-install-recommends libpq5=15.* \\
 && rm -rf /var/lib/apt/lists/* \\
 && useradd --create-home --uid 10001 appuser
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --chown=appuser:appuser . .
USER appuser
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \\
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=2)"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "myapp:create_app()"]
`;

/** A compact runtime stage shared by the broken examples, so each differs in one idea. */
function runtime(body: string, from = 'python:3.12-slim-bookworm'): string {
  return `FROM ${from} AS builder
ENV PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY requirements.txt .
RUN pip install -r requirements.txt gunicorn

FROM ${from}
ENV PYTHONUNBUFFERED=1 \\
    PATH="/opt/venv/bin:$PATH"
${body}`;
}

const NON_ROOT = 'RUN useradd --create-home --uid 10001 appuser';
const HEALTH = `HEALTHCHECK --interval=30s --timeout=3s \\
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=2)"]`;

export const EXAMPLES: readonly DockerfileExample[] = [
  {
    id: 'good',
    title: 'The guide’s production image',
    summary:
      'Multi-stage, slim, non-root, exec-form Gunicorn with a config file, Python health check.',
    dockerfile: GOOD_DOCKERFILE,
    dockerignore: GOOD_DOCKERIGNORE,
    expected: [],
  },
  {
    id: 'dev-server',
    title: 'Development server as CMD',
    summary: 'flask run in the image: Werkzeug’s development server in production.',
    dockerfile: runtime(`${NON_ROOT}
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --chown=appuser:appuser . .
USER appuser
EXPOSE 8000
${HEALTH}
CMD ["flask", "--app", "myapp", "run", "--host", "0.0.0.0", "--port", "8000"]
`),
    dockerignore: GOOD_DOCKERIGNORE,
    expected: ['dev-server'],
  },
  {
    id: 'shell-form',
    title: 'Shell-form CMD',
    summary: 'CMD without brackets: /bin/sh (dash) is PID 1 and swallows SIGTERM.',
    dockerfile: runtime(`${NON_ROOT}
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --chown=appuser:appuser . .
USER appuser
EXPOSE 8000
${HEALTH}
CMD gunicorn --bind 0.0.0.0:8000 --workers 4 myapp:app
`),
    dockerignore: GOOD_DOCKERIGNORE,
    expected: ['shell-form-cmd'],
  },
  {
    id: 'root',
    title: 'Runs as root',
    summary: 'No USER instruction: the app runs as root.',
    dockerfile: runtime(`WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY . .
EXPOSE 8000
${HEALTH}
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "myapp:app"]
`),
    dockerignore: GOOD_DOCKERIGNORE,
    expected: ['root-user'],
  },
  {
    id: 'curl-healthcheck',
    title: 'curl health check on a slim image',
    summary:
      'python:*-slim has no curl: the check fails with exit 127 and the container turns unhealthy.',
    dockerfile: runtime(`${NON_ROOT}
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --chown=appuser:appuser . .
USER appuser
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:8000/health || exit 1
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "myapp:app"]
`),
    dockerignore: GOOD_DOCKERIGNORE,
    expected: ['healthcheck-tool-missing'],
  },
  {
    id: 'secrets',
    title: 'Secrets baked into the image',
    summary: 'SECRET_KEY and a database password in ENV, and the .env file copied in.',
    dockerfile: runtime(`${NON_ROOT}
ENV SECRET_KEY=dev-9f8e7d6c5b4a \\
    DATABASE_URL=postgresql://app:hunter2@db.internal:5432/app
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --chown=appuser:appuser myapp/ ./myapp/
COPY gunicorn.conf.py .
COPY .env .
USER appuser
EXPOSE 8000
${HEALTH}
CMD ["gunicorn", "-c", "gunicorn.conf.py", "myapp:create_app()"]
`),
    expected: ['secret-in-env', 'secret-file-copied'],
  },
  {
    id: 'single-stage',
    title: 'One stage with build tools',
    summary: 'Compilers and headers ship in the production image.',
    dockerfile: `FROM python:3.12-slim-bookworm
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \\
 && apt-get install -y --no-install-recommends build-essential libpq-dev \\
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt gunicorn
RUN useradd --create-home --uid 10001 appuser
COPY --chown=appuser:appuser . .
USER appuser
EXPOSE 8000
${HEALTH}
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "myapp:app"]
`,
    dockerignore: GOOD_DOCKERIGNORE,
    expected: ['single-stage', 'build-tools-in-runtime'],
  },
  {
    id: 'alpine',
    title: 'Alpine base',
    summary:
      'musl: packages without a musllinux wheel compile from source; the build group is never deleted.',
    dockerfile: `FROM python:3.12-alpine
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apk add --no-cache --virtual .build-deps gcc musl-dev postgresql-dev
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt gunicorn
RUN adduser -D -u 10001 appuser
COPY --chown=appuser:appuser . .
USER appuser
EXPOSE 8000
HEALTHCHECK CMD wget -q -O /dev/null http://127.0.0.1:8000/health || exit 1
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "myapp:app"]
`,
    dockerignore: GOOD_DOCKERIGNORE,
    expected: ['alpine-base', 'build-tools-in-runtime'],
  },
  {
    id: 'default-bind',
    title: 'Gunicorn’s default bind',
    summary:
      'No --bind: Gunicorn listens on 127.0.0.1:8000, unreachable from outside the container.',
    dockerfile: runtime(`${NON_ROOT}
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --chown=appuser:appuser myapp/ ./myapp/
USER appuser
EXPOSE 8000
${HEALTH}
CMD ["gunicorn", "--workers", "4", "myapp:app"]
`),
    expected: ['gunicorn-bind-default'],
  },
  {
    id: 'shell-wrapper',
    title: 'sh -c wrapper',
    summary: 'Exec form that runs a shell: migrations, then Gunicorn as the shell’s child.',
    dockerfile: runtime(`${NON_ROOT}
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --chown=appuser:appuser . .
USER appuser
EXPOSE 8000
${HEALTH}
CMD ["sh", "-c", "flask --app myapp db upgrade && gunicorn --bind 0.0.0.0:8000 myapp:app"]
`),
    dockerignore: GOOD_DOCKERIGNORE,
    expected: ['shell-wrapper'],
  },
  {
    id: 'dockerignore-root',
    title: '.dockerignore that only works at the root',
    summary:
      'Patterns without **/ miss app/.env and nested __pycache__; instance/ is not excluded.',
    dockerfile: GOOD_DOCKERFILE,
    dockerignore: `.git
.env
__pycache__
*.pyc
venv/
`,
    expected: ['dockerignore-root-anchored', 'dockerignore-incomplete'],
  },
];

export function findExample(id: string): DockerfileExample | undefined {
  return EXAMPLES.find((example) => example.id === id);
}
