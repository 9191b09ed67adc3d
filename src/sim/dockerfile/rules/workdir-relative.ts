import { DOCS, defineRule, varsAt } from '../rule';
import { expandVars } from '../words';

export default defineRule(
  {
    code: 'workdir-relative',
    level: 'warning',
    peers: ['DL3000', 'WorkdirRelativePath'],
    section: 'hygiene',
    docUrl: DOCS.workdir,
    title: 'Relative WORKDIR',
    fix: 'Use an absolute path: WORKDIR /app.',
  },
  (ctx) =>
    ctx.parsed.instructions
      .filter((instruction) => {
        if (instruction.keyword !== 'WORKDIR') return false;
        const path = expandVars(
          instruction.args.trim(),
          varsAt(instruction),
          ctx.parsed.escape,
        ).replace(/^["']|["']$/g, '');
        return path !== '' && !path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path);
      })
      .map((instruction) => ({
        line: instruction.line,
        column: instruction.argsColumn,
        message: `WORKDIR ${instruction.args.trim()} is relative to the previous WORKDIR (or to the base image's), so the app's location depends on an image you do not control.`,
      })),
);
