import { DOCS, defineRule, replaceLines, sourcesOf } from '../rule';
import { splitFlags } from '../words';

/** ADD auto-extracts archives and fetches URLs; for local files COPY says what it does (DL3020). */
export default defineRule(
  {
    code: 'add-instead-of-copy',
    level: 'warning',
    peers: ['DL3020', 'DS-0005'],
    section: 'hygiene',
    docUrl: DOCS.bestPractices,
    title: 'ADD used for local files',
    fix: 'Use COPY for local files and directories.',
  },
  (ctx) =>
    ctx.parsed.instructions
      .filter((instruction) => {
        if (instruction.keyword !== 'ADD' || instruction.heredocs.length > 0) return false;
        const sources = sourcesOf(splitFlags(instruction.args).rest, ctx.parsed.escape);
        return (
          sources.length > 0 &&
          sources.every((s) => !/^(https?|git):|\.git$|\.(tar|tgz|gz|bz2|xz|zst)$|^git@/.test(s))
        );
      })
      .map((instruction) => {
        const line = ctx.parsed.lines[instruction.line - 1] ?? '';
        const single = instruction.line === instruction.endLine;
        const fixed =
          line.slice(0, instruction.column - 1) + 'COPY' + line.slice(instruction.column - 1 + 3);
        return {
          line: instruction.line,
          column: instruction.column,
          message:
            'ADD of local files works like COPY but would silently unpack an archive or fetch a URL if the source changed; COPY states the intent.',
          ...(single ? { edits: [replaceLines(instruction.line, instruction.line, [fixed])] } : {}),
        };
      }),
);
