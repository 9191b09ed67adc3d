import { DOCS, defineRule, wholeContextCopies } from '../rule';
import { GUIDE_DOCKERIGNORE } from '../dockerignore';

/** Without .dockerignore, `COPY . .` sends and bakes in everything: .git, .env, instance/, venvs. */
export default defineRule(
  {
    code: 'dockerignore-missing',
    level: 'warning',
    peers: [],
    section: 'dockerignore',
    docUrl: DOCS.dockerignore,
    title: 'Whole context copied without a .dockerignore',
    fix: 'Add a .dockerignore that excludes .git, .env, .env.*, instance/, venvs, caches and tests.',
  },
  (ctx) => {
    if (ctx.ignore !== null) return [];
    const copy = wholeContextCopies(ctx)[0];
    if (!copy) return [];
    return [
      {
        line: copy.line,
        column: copy.column,
        message: `${copy.keyword} copies the whole build context and no .dockerignore was given: .git, .env, instance/ (with its secrets and SQLite files) and local venvs all end up in the image.`,
        edits: [{ target: 'dockerignore', startLine: 1, endLine: 0, lines: GUIDE_DOCKERIGNORE }],
      },
    ];
  },
);
