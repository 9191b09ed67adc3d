import { defineRule, locate } from '../rule';
import { MAX_MODEL_EXPANDED_CHARS } from '../model';
import { MAX_EXPANDED_CHARS } from '../words';

/**
 * ARG and ENV values are substituted into later instructions (Dockerfile reference, "Environment
 * replacement"). A chain such as `ARG A1=${A0}${A0}`, `ARG A2=${A1}${A1}`, … doubles a value on
 * every line: 28 lines make 268 million characters. No real image name, path or setting is that
 * long, so the checker cuts each expanded value at MAX_EXPANDED_CHARS and stops expanding once
 * the file's values add up to MAX_MODEL_EXPANDED_CHARS, and says so here, instead of running out
 * of memory.
 */
export default defineRule(
  {
    code: 'expansion-too-long',
    level: 'warning',
    peers: [],
    section: 'hygiene',
    docUrl: 'https://docs.docker.com/reference/dockerfile/#environment-replacement',
    title: 'A variable expands to an implausibly long value',
    fix: 'Write the value out instead of building it from repeated variables; no image name, path or setting needs thousands of characters.',
  },
  (ctx) =>
    ctx.model.expansionNotices.map(({ instruction, name, kind }) => {
      const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
      return {
        ...locate(ctx, instruction, name.slice(0, 200)),
        message:
          kind === 'cut'
            ? `${instruction.keyword} ${shown} expands to more than ${MAX_EXPANDED_CHARS.toLocaleString('en-US')} characters (it repeats earlier variables, so each such line can double the length). The checker cut the value there, and every value built from it the same way; findings that read them see the first ${MAX_EXPANDED_CHARS.toLocaleString('en-US')} characters only.`
            : `From ${instruction.keyword} ${shown} on, the file's variables expand to more than ${(MAX_MODEL_EXPANDED_CHARS / 1048576).toFixed(0)} MB in total. The checker stopped expanding them and reads the rest of the values as written (\${NAME} left in place).`,
      };
    }),
);
