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
      },
      {
        id: 'check-wsgi-server',
        text: 'A production WSGI server fits the platform: Gunicorn on Linux, Waitress on Windows.',
        section: '/choosing-a-wsgi-server/#the-four-servers-flask-documents',
        sectionLabel: 'The four servers',
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
        widget: { label: 'Worker model: CPU-bound', href: '/gunicorn/#worker-model-cpu-bound' },
      },
      {
        id: 'check-worker-type',
        text: 'The worker type matches the workload: sync by default, gthread or gevent for I/O-bound concurrency.',
        section: '/gunicorn/#choosing-a-worker-type',
        sectionLabel: 'Choosing a worker type',
        widget: { label: 'Worker model: I/O-heavy', href: '/gunicorn/#worker-model-io-heavy' },
      },
      {
        id: 'check-not-root',
        text: 'Gunicorn does not run as root.',
        section: '/gunicorn/#never-run-as-root',
        sectionLabel: 'Never run as root',
      },
      {
        id: 'check-bind',
        text: 'Gunicorn is reachable only through the proxy (127.0.0.1 or a Unix socket on a VM).',
        section: '/gunicorn/#where-gunicorn-listens',
        sectionLabel: 'Where Gunicorn listens',
      },
      {
        id: 'check-logs',
        text: 'Access and error logs go to stdout/stderr with a request ID.',
        section: '/gunicorn/#logs-and-one-request-id',
        sectionLabel: 'Logs and one request ID',
      },
      {
        id: 'check-timeout',
        text: 'Long jobs go to a queue instead of a larger `timeout`.',
        section: '/gunicorn/#timeouts',
        sectionLabel: 'Timeouts',
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
        widget: { label: 'Proxy hops: an ALB alone', href: '/reverse-proxies/#proxy-hops-alb' },
      },
      {
        id: 'check-proxyfix-measured',
        text: 'The counts were checked against real request headers in a production-like environment.',
        section: '/reverse-proxies/#how-many-proxies-to-trust',
        sectionLabel: 'How many proxies to trust',
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
        widget: { label: 'Dockerfile checker', href: '/the-container/#dockerfile-checker' },
      },
      {
        id: 'check-user',
        text: 'A created non-root user is set with USER before CMD.',
        section: '/the-container/#non-root',
        sectionLabel: 'Non-root user',
        widget: { label: 'Dockerfile checker', href: '/the-container/#dockerfile-checker' },
      },
      {
        id: 'check-exec-cmd',
        text: 'CMD is exec form and starts Gunicorn with its config file.',
        section: '/the-container/#exec-form',
        sectionLabel: 'Exec form',
        widget: { label: 'Dockerfile checker', href: '/the-container/#dockerfile-checker' },
      },
      {
        id: 'check-dockerignore',
        text: '`.dockerignore` keeps `.git`, `.env*`, `instance/`, venvs, caches and tests out of the build context.',
        section: '/the-container/#dockerignore',
        sectionLabel: '.dockerignore',
      },
      {
        id: 'check-env-config',
        text: 'Secrets and settings come from the environment at run time.',
        section: '/the-container/#configuration-from-the-environment',
        sectionLabel: 'Configuration from the environment',
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
        widget: { label: 'Shutdown timeline', href: '/graceful-shutdown/#shutdown-timeline' },
      },
      {
        id: 'check-timeouts-aligned',
        text: 'graceful_timeout is below the kill deadline and draining covers the longest request.',
        section: '/graceful-shutdown/#line-up-the-timeouts',
        sectionLabel: 'Line up the timeouts',
        widget: { label: 'Shutdown timeline', href: '/graceful-shutdown/#shutdown-timeline' },
      },
      {
        id: 'check-probes',
        text: 'Checks that restart or replace stay cheap (Kubernetes liveness; on ECS the container and ALB checks); only a Kubernetes readiness probe checks the database.',
        section: '/graceful-shutdown/#health-and-readiness-endpoints',
        sectionLabel: 'Health and readiness endpoints',
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
        widget: { label: 'Async view', href: '/async-views/#async-view' },
      },
      {
        id: 'check-no-fire-and-forget',
        text: 'No background work relies on `asyncio.create_task()` outliving its request.',
        section: '/async-views/#background-tasks-are-cancelled',
        sectionLabel: 'Background tasks are cancelled',
      },
    ],
  },
];
