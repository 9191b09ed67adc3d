import { DOCS, defineRule, locate } from '../rule';

export default defineRule(
  {
    code: 'gunicorn-timeout-zero',
    level: 'warning',
    peers: [],
    section: 'gunicorn-in-the-image',
    docUrl: `${DOCS.gunicornSettings}#timeout`,
    title: '--timeout 0 disables the worker timeout',
    fix: 'Keep the default 30 s (or a value that fits your slowest request) and move long jobs to a queue.',
  },
  (ctx) => {
    const g = ctx.model.gunicorn;
    if (!g || g.timeoutSeconds !== 0) return [];
    return [
      {
        ...locate(ctx, g.site.instruction, 'timeout'),
        message:
          "--timeout 0 turns off the arbiter's heartbeat check: a worker stuck on a hung call is never killed and restarted, so capacity drains away one worker at a time.",
      },
    ];
  },
);
