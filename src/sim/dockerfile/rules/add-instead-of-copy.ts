import { DOCS, defineRule, replaceLines, sourcesOf, varsAt } from '../rule';
import { expandVars, splitFlags } from '../words';

const REMOTE_OR_ARCHIVE = /^(https?|git):|\.git$|\.(tar|tgz|gz|bz2|xz|zst)$|^git@/;

/**
 * ADD auto-extracts archives and fetches URLs; for local files COPY says what it does (DL3020).
 * Sources are read after ARG/ENV substitution (`ADD $URL /tmp/` with `ARG URL=https://…` fetches
 * a URL, and COPY cannot); a source whose variable has no value in the file is left alone, since
 * the build argument may be a URL.
 */
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
        const vars = varsAt(instruction);
        return (
          sources.length > 0 &&
          sources.every((source) => {
            if (REMOTE_OR_ARCHIVE.test(source)) return false;
            if (!source.includes('$')) return true;
            // Every variable must have a value here: one without may be given a URL at build time.
            for (const match of source.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g))
              if ((vars.get(match[1]!) ?? '') === '') return false;
            return !REMOTE_OR_ARCHIVE.test(expandVars(source, vars, ctx.parsed.escape));
          })
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
