import { DOCS, defineRule, insertBefore } from '../rule';
import { isOfficialPython } from '../model';
import { basename } from '../words';

/** Python block-buffers stdout when it is not a terminal; PYTHONUNBUFFERED makes it write through. */
export default defineRule(
  {
    code: 'python-unbuffered',
    level: 'info',
    peers: [],
    section: 'environment',
    docUrl: DOCS.pythonUnbuffered,
    title: 'PYTHONUNBUFFERED not set',
    fix: 'Add ENV PYTHONUNBUFFERED=1 to the runtime stage.',
  },
  (ctx) => {
    const final = ctx.model.finalStage;
    if (!final) return [];
    const value = final.env.get('PYTHONUNBUFFERED');
    if (value !== undefined && value !== '') return [];
    let root = final;
    while (root.parent) root = root.parent;
    const python =
      isOfficialPython(root.ref) ||
      ctx.model.launch.some((c) =>
        /^(python[0-9.]*|gunicorn|flask|uv)$/.test(basename(c.words[0] ?? '')),
      );
    if (!python) return [];
    return [
      {
        line: final.from.line,
        column: final.from.column,
        message:
          'PYTHONUNBUFFERED is not set: print() and logging to stdout are block-buffered when stdout is not a terminal, so docker logs shows lines late, and loses them if the container is killed.',
        edits: [insertBefore(final.from.endLine + 1, ['ENV PYTHONUNBUFFERED=1'])],
      },
    ];
  },
);
