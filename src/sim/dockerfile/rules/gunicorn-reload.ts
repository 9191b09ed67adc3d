import { DOCS, defineRule, locate } from '../rule';

export default defineRule(
  {
    code: 'gunicorn-reload',
    level: 'warning',
    peers: [],
    section: 'gunicorn-in-the-image',
    docUrl: `${DOCS.gunicornSettings}#reload`,
    title: '--reload in a production image',
    fix: 'Remove --reload; deploy a new image instead.',
  },
  (ctx) => {
    const g = ctx.model.gunicorn;
    if (!g?.reload) return [];
    return [
      {
        ...locate(ctx, g.site.instruction, 'reload'),
        message:
          '--reload is a development option: Gunicorn watches the source files and restarts workers when they change, which costs CPU and restarts workers mid-traffic if anything touches the files.',
      },
    ];
  },
);
