import { DOCS, defineRule, replaceLines } from '../rule';
import { argWords } from '../model';

/** `ENV KEY value` is the legacy form (Docker build check LegacyKeyValueFormat). */
export default defineRule(
  {
    code: 'legacy-env-format',
    level: 'info',
    peers: ['LegacyKeyValueFormat'],
    section: 'hygiene',
    docUrl: DOCS.env,
    title: 'Legacy ENV KEY value format',
    fix: 'Write ENV KEY=value.',
  },
  (ctx) =>
    ctx.parsed.instructions
      .filter((instruction) => {
        if (instruction.keyword !== 'ENV' && instruction.keyword !== 'LABEL') return false;
        const words = argWords(instruction, ctx.parsed.escape);
        return words.length > 1 && !words[0]!.includes('=');
      })
      .map((instruction) => {
        const text = instruction.args.trim();
        const key = text.split(/\s+/)[0]!;
        let value = text.slice(key.length).trim();
        if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]))
          value = value.slice(1, -1);
        const quoted = value.includes('$')
          ? `"${value.replace(/"/g, '\\"')}"`
          : JSON.stringify(value);
        return {
          line: instruction.line,
          column: instruction.column,
          message: `${instruction.keyword} ${key} value is the legacy form: the value runs to the end of the line, so adding a second pair later silently becomes part of this value.`,
          edits: [
            replaceLines(instruction.line, instruction.endLine, [
              `${instruction.keyword} ${key}=${quoted}`,
            ]),
          ],
        };
      }),
);
