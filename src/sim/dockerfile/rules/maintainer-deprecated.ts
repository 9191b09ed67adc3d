import { DOCS, defineRule, replaceLines } from '../rule';

export default defineRule(
  {
    code: 'maintainer-deprecated',
    level: 'info',
    peers: ['DL4000', 'MaintainerDeprecated'],
    section: 'hygiene',
    docUrl: DOCS.maintainer,
    title: 'MAINTAINER is deprecated',
    fix: 'LABEL org.opencontainers.image.authors="…"',
  },
  (ctx) =>
    ctx.parsed.instructions
      .filter((instruction) => instruction.keyword === 'MAINTAINER')
      .map((instruction) => ({
        line: instruction.line,
        column: instruction.column,
        message:
          'MAINTAINER is deprecated; the author belongs in the org.opencontainers.image.authors label, where tools look for it.',
        edits: [
          replaceLines(instruction.line, instruction.endLine, [
            `LABEL org.opencontainers.image.authors=${JSON.stringify(instruction.args.trim())}`,
          ]),
        ],
      })),
);
