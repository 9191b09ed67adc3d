import { DOCS, defineRule, locate } from '../rule';

const MANY_FLAGS = 4;

export default defineRule(
  {
    code: 'no-gunicorn-config',
    level: 'info',
    peers: [],
    section: 'gunicorn-in-the-image',
    docUrl: `${DOCS.gunicornSettings}#config`,
    title: 'Many Gunicorn flags, no gunicorn.conf.py',
    fix: 'Move the settings into gunicorn.conf.py (values from env vars), COPY it, and run gunicorn -c gunicorn.conf.py.',
  },
  (ctx) => {
    const g = ctx.model.gunicorn;
    if (!g || g.hasConfigFile || g.flagCount < MANY_FLAGS) return [];
    return [
      {
        ...locate(ctx, g.site.instruction, 'gunicorn'),
        message: `Gunicorn gets ${g.flagCount} flags on the command line: a gunicorn.conf.py keeps them reviewable, lets environment variables override them per deployment, and can hold hooks such as worker_exit.`,
      },
    ];
  },
);
