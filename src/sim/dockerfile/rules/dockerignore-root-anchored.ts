import { DOCS, defineRule } from '../rule';
import { ANYWHERE_NAMES } from '../dockerignore';

/** Docker anchors every pattern at the context root: `.env` does not match `app/.env`. */
export default defineRule(
  {
    code: 'dockerignore-root-anchored',
    level: 'info',
    peers: [],
    section: 'dockerignore',
    docUrl: DOCS.dockerignore,
    title: 'Pattern only matches at the context root',
    fix: 'Prefix it with **/ so it matches in every directory.',
  },
  (ctx) =>
    (ctx.ignore ?? [])
      .filter((p) => !p.exclusion && ANYWHERE_NAMES.includes(p.pattern))
      .map((p) => ({
        file: 'dockerignore' as const,
        line: p.line,
        column: 1,
        message: `"${p.pattern}" only matches at the root of the build context (Docker anchors .dockerignore patterns), so app/${p.pattern} and the like still go into the image.`,
        fix: `Write **/${p.pattern}.`,
        edits: [
          {
            target: 'dockerignore' as const,
            startLine: p.line,
            endLine: p.line,
            lines: [`${p.exclusion ? '!' : ''}**/${p.pattern}`],
          },
        ],
      })),
);
