import { DOCS, defineRule } from '../rule';
import { looksLikeBrokenJson } from '../words';

/**
 * BuildKit `parseMaybeJSON`: text starting with `[` that is not a JSON array of strings is
 * silently treated as shell form, e.g. `CMD ['gunicorn', 'app:app']` runs `/bin/sh -c "['gunicorn', …]"`.
 */
const KEYWORDS = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'SHELL']);

export default defineRule(
  {
    code: 'invalid-json-args',
    level: 'warning',
    peers: [],
    section: 'exec-form',
    docUrl: DOCS.shellExec,
    title: 'Almost-JSON arguments fall back to shell form',
    fix: 'Use double quotes and a closing bracket: ["gunicorn", "app:app"].',
  },
  (ctx) =>
    ctx.parsed.instructions
      .filter(
        (instruction) => KEYWORDS.has(instruction.keyword) && looksLikeBrokenJson(instruction.args),
      )
      .map((instruction) => ({
        line: instruction.argsLine,
        column: instruction.argsColumn,
        message: `${instruction.keyword} starts with "[" but is not a JSON array of double-quoted strings, so Docker silently runs it as shell form: /bin/sh -c "${instruction.args.slice(0, 50)}". The shell then fails with "not found" or becomes PID 1.`,
      })),
);
