import { DOCS, defineRule, finalInstructions, varsAt } from '../rule';
import { expandVars } from '../words';

export default defineRule(
  {
    code: 'expose-mismatch',
    level: 'warning',
    peers: [],
    section: 'gunicorn-in-the-image',
    docUrl: DOCS.expose,
    title: "EXPOSE differs from Gunicorn's port",
    fix: 'EXPOSE the port Gunicorn binds (8000 in the guide).',
  },
  (ctx) => {
    const port = ctx.model.gunicorn?.port ?? null;
    if (port === null) return [];
    const exposes = finalInstructions(ctx, 'EXPOSE');
    if (exposes.length === 0) return [];
    const ports = exposes.flatMap((e) =>
      expandVars(e.args, varsAt(e), ctx.parsed.escape)
        .split(/\s+/)
        .map((p) => Number(p.split('/')[0])),
    );
    if (ports.includes(port)) return [];
    const first = exposes[0]!;
    return [
      {
        line: first.line,
        column: first.argsColumn,
        message: `EXPOSE says ${ports.filter((p) => !Number.isNaN(p)).join(', ')}, but Gunicorn listens on ${port}: docker run -P and tools that read EXPOSE publish a port where nothing answers.`,
      },
    ];
  },
);
