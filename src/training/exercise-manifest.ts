/**
 * Which exercise belongs to which chapter: all that the sidebar marks on every page need.
 * Kept apart from the exercise definitions so every page does not download them
 * (exercise-manifest.test.ts fails if this list and EXERCISES, followed by the guided goals
 * inside the simulators (WIDGET_GOALS in src/sim/training/widget-goals.ts), ever disagree).
 */
export const EXERCISE_MANIFEST: readonly { readonly id: string; readonly chapter: string }[] = [
  { id: 'dev-server-internal-tool', chapter: '/development-server/' },
  { id: 'dev-server-find-bug-dockerfile', chapter: '/development-server/' },
  { id: 'dev-server-factory-command', chapter: '/development-server/' },
  { id: 'wsgi-server-windows', chapter: '/choosing-a-wsgi-server/' },
  { id: 'wsgi-server-apache', chapter: '/choosing-a-wsgi-server/' },
  { id: 'wsgi-server-gevent-not-asgi', chapter: '/choosing-a-wsgi-server/' },
  { id: 'gunicorn-workers-start', chapter: '/gunicorn/' },
  { id: 'gunicorn-access-log', chapter: '/gunicorn/' },
  { id: 'gunicorn-find-bug-bind', chapter: '/gunicorn/' },
  { id: 'proxy-count-cloudfront-alb', chapter: '/reverse-proxies/' },
  { id: 'proxy-goal-unspoofable', chapter: '/reverse-proxies/' },
  { id: 'proxy-find-bug-nginx', chapter: '/reverse-proxies/' },
  { id: 'proxy-no-proxy', chapter: '/reverse-proxies/' },
  { id: 'dockerfile-pass', chapter: '/the-container/' },
  { id: 'capacity-guide-product', chapter: '/the-container/' },
  { id: 'capacity-deploy-peak', chapter: '/the-container/' },
  { id: 'capacity-fit-97', chapter: '/the-container/' },
  { id: 'container-find-bug-secret', chapter: '/the-container/' },
  { id: 'shutdown-zero-lost', chapter: '/graceful-shutdown/' },
  { id: 'shutdown-shell-form', chapter: '/graceful-shutdown/' },
  { id: 'shutdown-find-bug-liveness', chapter: '/graceful-shutdown/' },
  { id: 'async-concurrency', chapter: '/async-views/' },
  { id: 'async-find-bug-create-task', chapter: '/async-views/' },
  { id: 'async-extra', chapter: '/async-views/' },
  // Guided goals inside the simulators, checked live by the simulation.
  { id: 'widget-proxy-unspoofable', chapter: '/reverse-proxies/' },
  { id: 'widget-capacity-deploy-surge', chapter: '/the-container/' },
  { id: 'widget-shutdown-zero-lost-20s', chapter: '/graceful-shutdown/' },
];
