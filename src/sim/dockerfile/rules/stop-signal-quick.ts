import { DOCS, defineRule, finalInstructions } from '../rule';

/**
 * Gunicorn: TERM is graceful, INT and QUIT are quick, KILL cannot be handled
 * (https://gunicorn.org/signals/; https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/arbiter.py).
 */
const QUICK = new Set(['SIGINT', 'INT', '2', 'SIGQUIT', 'QUIT', '3', 'SIGKILL', 'KILL', '9']);

export default defineRule(
  {
    code: 'stop-signal-quick',
    level: 'warning',
    peers: [],
    section: 'stop-signal',
    docUrl: DOCS.stopsignal,
    title: 'STOPSIGNAL makes Gunicorn quit at once',
    fix: 'Remove STOPSIGNAL (SIGTERM is the default) or set STOPSIGNAL SIGTERM.',
  },
  (ctx) => {
    const signals = finalInstructions(ctx, 'STOPSIGNAL');
    const last = signals[signals.length - 1];
    if (!last || !QUICK.has(last.args.trim().toUpperCase())) return [];
    return [
      {
        line: last.line,
        column: last.argsColumn,
        message: `STOPSIGNAL ${last.args.trim()} makes docker stop send a signal Gunicorn treats as a quick shutdown (or cannot handle at all): in-flight requests are cut instead of drained.`,
      },
    ];
  },
);
