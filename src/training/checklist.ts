/**
 * Chapter 8's interactive checklist. Item ids are published (anchors on the page, keys in saved
 * progress, links in runbooks): never rename or remove one — published-checklist-ids.json holds
 * every id ever published and a unit test fails when one disappears.
 */
import type { ChecklistGroup } from '../sim/training/checklist';

export const CHECKLIST_GROUPS: readonly ChecklistGroup[] = [
  {
    id: 'server',
    title: 'Server',
    items: [
      {
        id: 'check-no-dev-server',
        text: 'No production path starts the development server (`flask run`, `python app.py`, `app.run()` outside the `__main__` guard).',
        section: '/development-server/#where-apprun-may-stay',
        sectionLabel: 'Where app.run() may stay',
        sources: [
          {
            label: 'Flask: Deploying to production',
            href: 'https://flask.palletsprojects.com/en/stable/deploying/',
          },
        ],
      },
      {
        id: 'check-wsgi-server',
        text: 'A production WSGI server fits the platform: Gunicorn on Linux, Waitress on Windows.',
        section: '/choosing-a-wsgi-server/#the-four-servers-flask-documents',
        sectionLabel: 'The four servers',
        sources: [
          {
            label: 'Flask: Deploying to production',
            href: 'https://flask.palletsprojects.com/en/stable/deploying/',
          },
        ],
      },
    ],
  },
  {
    id: 'gunicorn',
    title: 'Gunicorn',
    items: [
      {
        id: 'check-workers',
        text: 'The worker count is set explicitly (about 2 × CPU), fits in memory and was load-tested.',
        section: '/gunicorn/#how-many-workers',
        sectionLabel: 'How many workers',
        sources: [
          {
            label: 'Gunicorn: how many workers',
            href: 'https://gunicorn.org/design/#how-many-workers',
          },
          { label: 'Gunicorn: workers', href: 'https://gunicorn.org/reference/settings/#workers' },
        ],
        widget: { label: 'Worker model: CPU-bound', href: '/gunicorn/#worker-model-cpu-bound' },
      },
      {
        id: 'check-worker-type',
        text: 'The worker type matches the workload: sync by default, gthread or gevent for I/O-bound concurrency.',
        section: '/gunicorn/#choosing-a-worker-type',
        sectionLabel: 'Choosing a worker type',
        sources: [
          {
            label: 'Gunicorn: worker_class',
            href: 'https://gunicorn.org/reference/settings/#worker_class',
          },
        ],
        widget: { label: 'Worker model: I/O-heavy', href: '/gunicorn/#worker-model-io-heavy' },
      },
      {
        id: 'check-not-root',
        text: 'Gunicorn does not run as root.',
        section: '/gunicorn/#never-run-as-root',
        sectionLabel: 'Never run as root',
        sources: [
          { label: 'Gunicorn: user', href: 'https://gunicorn.org/reference/settings/#user' },
          { label: 'Dockerfile: USER', href: 'https://docs.docker.com/reference/dockerfile/#user' },
        ],
      },
      {
        id: 'check-bind',
        text: 'Gunicorn is reachable only through the proxy (127.0.0.1 or a Unix socket on a VM).',
        section: '/gunicorn/#where-gunicorn-listens',
        sectionLabel: 'Where Gunicorn listens',
        sources: [
          { label: 'Gunicorn: bind', href: 'https://gunicorn.org/reference/settings/#bind' },
        ],
      },
      {
        id: 'check-logs',
        text: 'Access and error logs go to stdout/stderr with a request ID.',
        section: '/gunicorn/#logs-and-one-request-id',
        sectionLabel: 'Logs and one request ID',
        sources: [
          {
            label: 'Gunicorn: accesslog',
            href: 'https://gunicorn.org/reference/settings/#accesslog',
          },
          {
            label: 'Gunicorn: access_log_format',
            href: 'https://gunicorn.org/reference/settings/#access_log_format',
          },
        ],
      },
      {
        id: 'check-timeout',
        text: 'Long jobs go to a queue instead of a larger `timeout`.',
        section: '/gunicorn/#timeouts',
        sectionLabel: 'Timeouts',
        sources: [
          { label: 'Gunicorn: timeout', href: 'https://gunicorn.org/reference/settings/#timeout' },
        ],
      },
    ],
  },
  {
    id: 'proxy',
    title: 'Proxy',
    items: [
      {
        id: 'check-proxyfix-counts',
        text: 'ProxyFix is used only behind real proxies, with a count per header.',
        section: '/reverse-proxies/#proxyfix',
        sectionLabel: 'ProxyFix',
        sources: [
          {
            label: 'Werkzeug: ProxyFix',
            href: 'https://werkzeug.palletsprojects.com/en/stable/middleware/proxy_fix/',
          },
        ],
        widget: { label: 'Proxy hops: an ALB alone', href: '/reverse-proxies/#proxy-hops-alb' },
      },
      {
        id: 'check-proxyfix-measured',
        text: 'The counts were checked against real request headers in a production-like environment.',
        section: '/reverse-proxies/#how-many-proxies-to-trust',
        sectionLabel: 'How many proxies to trust',
        sources: [
          {
            label: 'Flask: Tell Flask it is behind a proxy',
            href: 'https://flask.palletsprojects.com/en/stable/deploying/proxy_fix/',
          },
        ],
        widget: {
          label: 'Proxy hops: CloudFront in front of an ALB',
          href: '/reverse-proxies/#proxy-hops-cloudfront-alb',
        },
      },
      {
        id: 'check-cookies-hosts',
        text: '`SESSION_COOKIE_SECURE`, `HTTPONLY`, `SAMESITE` and `TRUSTED_HOSTS` are set.',
        section: '/reverse-proxies/#secure-cookies-and-trusted-hosts',
        sectionLabel: 'Secure cookies and trusted hosts',
        sources: [
          {
            label: 'Flask: SESSION_COOKIE_SECURE',
            href: 'https://flask.palletsprojects.com/en/stable/config/#SESSION_COOKIE_SECURE',
          },
          {
            label: 'Flask: TRUSTED_HOSTS',
            href: 'https://flask.palletsprojects.com/en/stable/config/#TRUSTED_HOSTS',
          },
        ],
        widget: { label: 'Trusted hosts', href: '/reverse-proxies/#trusted-hosts' },
      },
    ],
  },
  {
    id: 'container',
    title: 'Container',
    items: [
      {
        id: 'check-multi-stage',
        text: 'Multi-stage build on a slim base; only the venv reaches the runtime stage.',
        section: '/the-container/#multi-stage',
        sectionLabel: 'Multi-stage build',
        sources: [
          {
            label: 'Docker: multi-stage builds',
            href: 'https://docs.docker.com/build/building/multi-stage/',
          },
        ],
        widget: { label: 'Dockerfile checker', href: '/the-container/#dockerfile-checker' },
      },
      {
        id: 'check-user',
        text: 'A created non-root user is set with USER before CMD.',
        section: '/the-container/#non-root',
        sectionLabel: 'Non-root user',
        sources: [
          { label: 'Dockerfile: USER', href: 'https://docs.docker.com/reference/dockerfile/#user' },
        ],
        widget: { label: 'Dockerfile checker', href: '/the-container/#dockerfile-checker' },
      },
      {
        id: 'check-exec-cmd',
        text: 'CMD is exec form and starts Gunicorn with its config file.',
        section: '/the-container/#exec-form',
        sectionLabel: 'Exec form',
        sources: [
          {
            label: 'Dockerfile: shell and exec form',
            href: 'https://docs.docker.com/reference/dockerfile/#shell-and-exec-form',
          },
        ],
        widget: { label: 'Dockerfile checker', href: '/the-container/#dockerfile-checker' },
      },
      {
        id: 'check-dockerignore',
        text: '`.dockerignore` keeps `.git`, `.env*`, `instance/`, venvs, caches and tests out of the build context.',
        section: '/the-container/#dockerignore',
        sectionLabel: '.dockerignore',
        sources: [
          {
            label: 'Docker: .dockerignore files',
            href: 'https://docs.docker.com/build/concepts/context/#dockerignore-files',
          },
        ],
      },
      {
        id: 'check-env-config',
        text: 'Secrets and settings come from the environment at run time.',
        section: '/the-container/#configuration-from-the-environment',
        sectionLabel: 'Configuration from the environment',
        sources: [
          {
            label: 'Flask: configuring from environment variables',
            href: 'https://flask.palletsprojects.com/en/stable/config/#configuring-from-environment-variables',
          },
        ],
      },
    ],
  },
  {
    id: 'database',
    title: 'Database',
    items: [
      {
        id: 'check-connections',
        text: 'Peak connections, deploy surge included, fit under max_connections minus reserved slots, or a pooler sits in between.',
        section: '/the-container/#database-connections-add-up',
        sectionLabel: 'Database connections add up',
        sources: [
          {
            label: 'SQLAlchemy: QueuePool',
            href: 'https://docs.sqlalchemy.org/en/20/core/pooling.html#sqlalchemy.pool.QueuePool',
          },
          {
            label: 'PostgreSQL: max_connections',
            href: 'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-MAX-CONNECTIONS',
          },
        ],
        widget: { label: 'Capacity calculator', href: '/the-container/#capacity-guide-example' },
      },
    ],
  },
  {
    id: 'stopping-and-deploying',
    title: 'Stopping and deploying',
    items: [
      {
        id: 'check-pid1',
        text: 'Gunicorn is PID 1 and stops gracefully on SIGTERM.',
        section: '/graceful-shutdown/#pid-1-must-be-gunicorn',
        sectionLabel: 'PID 1 must be Gunicorn',
        sources: [
          { label: 'Gunicorn: signals', href: 'https://gunicorn.org/signals/' },
          {
            label: 'Dockerfile: shell and exec form',
            href: 'https://docs.docker.com/reference/dockerfile/#shell-and-exec-form',
          },
        ],
        widget: { label: 'Shutdown timeline', href: '/graceful-shutdown/#shutdown-timeline' },
      },
      {
        id: 'check-timeouts-aligned',
        text: 'graceful_timeout is below the kill deadline and draining covers the longest request.',
        section: '/graceful-shutdown/#line-up-the-timeouts',
        sectionLabel: 'Line up the timeouts',
        sources: [
          {
            label: 'Gunicorn: graceful_timeout',
            href: 'https://gunicorn.org/reference/settings/#graceful_timeout',
          },
          {
            label: 'ECS: connection draining',
            href: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-connection-draining.html',
          },
          {
            label: 'Kubernetes: termination of Pods',
            href: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination',
          },
        ],
        widget: { label: 'Shutdown timeline', href: '/graceful-shutdown/#shutdown-timeline' },
      },
      {
        id: 'check-probes',
        text: 'Checks that restart or replace stay cheap (Kubernetes liveness; on ECS the container and ALB checks); only a Kubernetes readiness probe checks the database.',
        section: '/graceful-shutdown/#health-and-readiness-endpoints',
        sectionLabel: 'Health and readiness endpoints',
        sources: [
          {
            label: 'ECS: services replace unhealthy tasks',
            href: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html',
          },
          {
            label: 'Kubernetes: probes',
            href: 'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
          },
        ],
        widget: { label: 'Readiness', href: '/graceful-shutdown/#readiness' },
      },
    ],
  },
  {
    id: 'async',
    title: 'Async',
    items: [
      {
        id: 'check-async-capacity',
        text: 'Capacity plans assume one request holds one worker, async view or not.',
        section: '/async-views/#what-async-views-really-do',
        sectionLabel: 'What async views really do',
        sources: [
          {
            label: 'Flask: Using async and await',
            href: 'https://flask.palletsprojects.com/en/stable/async-await/',
          },
        ],
        widget: { label: 'Async view', href: '/async-views/#async-view' },
      },
      {
        id: 'check-no-fire-and-forget',
        text: 'No background work relies on `asyncio.create_task()` outliving its request.',
        section: '/async-views/#background-tasks-are-cancelled',
        sectionLabel: 'Background tasks are cancelled',
        sources: [
          {
            label: 'Flask: background tasks',
            href: 'https://flask.palletsprojects.com/en/stable/async-await/#background-tasks',
          },
        ],
      },
    ],
  },
];
