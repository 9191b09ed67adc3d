import { DOCS, defineRule, locate, replaceLines } from '../rule';
import { isIgnored } from '../dockerignore';
import { basename } from '../words';
import type { Edit } from '../types';

/**
 * Gunicorn's bind default is 127.0.0.1:8000, or 0.0.0.0:$PORT when PORT is set
 * (https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/config.py `Bind`); it reads ./gunicorn.conf.py by default. Loopback inside a
 * container cannot be reached through the published port. When a copy of the build context may
 * bring a gunicorn.conf.py, the finding says that it cannot tell and asks for an explicit
 * --bind or -c.
 */
export default defineRule(
  {
    code: 'gunicorn-bind-default',
    level: 'error',
    peers: [],
    section: 'gunicorn-in-the-image',
    docUrl: `${DOCS.gunicornSettings}#bind`,
    title: 'Gunicorn binds 127.0.0.1 (its default)',
    fix: 'Pass --bind 0.0.0.0:8000 (or set bind in gunicorn.conf.py).',
  },
  (ctx) => {
    const g = ctx.model.gunicorn;
    if (!g || g.bindSource !== 'default') return [];
    // `COPY . .` into Gunicorn's directory may bring a gunicorn.conf.py that sets bind. The
    // Dockerfile cannot show whether it does (unless the .dockerignore keeps the file out), so
    // the message says so and asks for the explicit form, which settles it either way.
    const maybe =
      g.configMayArriveBy && !(ctx.ignore && isIgnored(ctx.ignore, 'gunicorn.conf.py'))
        ? g.configMayArriveBy
        : null;
    const site = g.site;
    const edits: Edit[] = [];
    if (site.form === 'exec') {
      const at = site.argv.findIndex((w) => basename(w) === 'gunicorn');
      if (at >= 0) {
        const argv = [
          ...site.argv.slice(0, at + 1),
          '--bind',
          '0.0.0.0:8000',
          ...site.argv.slice(at + 1),
        ];
        edits.push(
          replaceLines(site.instruction.line, site.instruction.endLine, [
            `${site.instruction.keyword} [${argv.map((w) => JSON.stringify(w)).join(', ')}]`,
          ]),
        );
      }
    }
    if (edits.length === 0) {
      // Shell form or a `sh -c` string: add the flag right after the word gunicorn.
      const at = locate(ctx, site.instruction, 'gunicorn');
      const text = ctx.parsed.lines[at.line - 1] ?? '';
      const end = at.column - 1 + 'gunicorn'.length;
      if (
        text.slice(at.column - 1, end) === 'gunicorn' &&
        (text[end] === ' ' || text[end] === '\t')
      )
        edits.push(
          replaceLines(at.line, at.line, [
            `${text.slice(0, end)} --bind 0.0.0.0:8000${text.slice(end)}`,
          ]),
        );
    }
    return [
      {
        ...locate(ctx, site.instruction, 'gunicorn'),
        message: maybe
          ? `Gunicorn gets no --bind, no bind in GUNICORN_CMD_ARGS and no PORT. Unless a gunicorn.conf.py brought in by the ${maybe.keyword} on line ${maybe.line} sets bind, it listens on 127.0.0.1:8000: loopback only inside a container, so requests through the published port or the load balancer are refused. The Dockerfile cannot show whether that file exists; pass --bind 0.0.0.0:8000, or -c gunicorn.conf.py if the file sets it.`
          : 'Gunicorn gets no --bind, no bind in GUNICORN_CMD_ARGS, no PORT and no gunicorn.conf.py, so it listens on 127.0.0.1:8000: inside a container that is loopback only, and requests through the published port or the load balancer are refused.',
        ...(edits.length > 0 ? { edits } : {}),
      },
    ];
  },
);
