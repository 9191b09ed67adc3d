import { DOCS, defineRule } from '../rule';
import { basename } from '../words';

/**
 * Whatever ENTRYPOINT starts is PID 1 and receives docker stop's SIGTERM
 * (https://docs.docker.com/reference/dockerfile/#entrypoint). A
 * script must `exec "$@"`; a process manager must forward TERM. tini/dumb-init forward signals.
 */
const MANAGERS = new Set([
  'supervisord',
  'honcho',
  'circusd',
  'runsvdir',
  's6-svscan',
  'pm2',
  'pm2-runtime',
  'foreman',
]);

export default defineRule(
  {
    code: 'entrypoint-not-pid1',
    level: 'info',
    peers: [],
    section: 'exec-form',
    docUrl: DOCS.entrypoint,
    title: 'PID 1 is a script, process manager or uv run',
    fix: 'End the entrypoint script with exec "$@" (or exec gunicorn …), or run the venv\'s gunicorn directly.',
  },
  (ctx) => {
    const argv = ctx.model.pid1Argv;
    const site = ctx.model.entrypoint ?? ctx.model.cmd;
    if (!argv || !site || argv.length === 0) return [];
    const program = basename(argv[0]!);
    let what: string | null = null;
    if (program === 'uv' && argv[1] === 'run')
      what =
        '`uv run` starts the server as its child process; whether it passes SIGTERM on depends on the uv version (unverified here)';
    else if (MANAGERS.has(program))
      what = `${program} is a process manager: it must forward SIGTERM to Gunicorn and wait for it`;
    else if (program.endsWith('.sh') || program === 'docker-entrypoint' || program === 'entrypoint')
      what = `the script ${argv[0]!} is PID 1: unless it ends with exec "$@" (or exec gunicorn …), Gunicorn runs as its child and never receives SIGTERM`;
    if (!what) return [];
    return [
      {
        line: site.instruction.line,
        column: site.instruction.argsColumn,
        message: `${what[0]!.toUpperCase()}${what.slice(1)}. Without that, docker stop ends in SIGKILL and in-flight requests are cut.`,
      },
    ];
  },
);
