import { DOCS, defineRule } from '../rule';
import { looksLikeBrokenJson, splitShellCommands } from '../words';
import type { Instruction } from '../parse';

/**
 * BuildKit `parseMaybeJSON` (frontend/dockerfile/parser/line_parsers.go): text that starts with
 * `[` but is not a JSON array of strings is kept as one shell-form string. So
 * `CMD ['gunicorn', 'app:app']` runs `/bin/sh -c "['gunicorn', 'app:app']"`; the shell reads the
 * first word `['gunicorn',` as `[gunicorn,` (quotes removed), finds no such program and exits 127
 * (`/bin/sh: 1: [gunicorn,: not found` from dash, checked with dash 0.5.12): the container exits
 * at once, and a RUN fails the build. SHELL has no shell form: Docker refuses the file
 * ("SHELL requires the arguments to be in JSON form"). The shell's own test command, `[ -f x ]`,
 * is a real program and is left to the shell-form rules.
 */
const KEYWORDS = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'SHELL']);

/** The program `/bin/sh -c` would look for, or null when it is the `[` test command. */
export function brokenJsonProgram(instruction: Instruction): string | null {
  if (!KEYWORDS.has(instruction.keyword) || !looksLikeBrokenJson(instruction.args)) return null;
  const first = splitShellCommands(instruction.args)[0]?.words[0] ?? '';
  if (first === '[') return null;
  return first.length > 60 ? `${first.slice(0, 60)}…` : first;
}

function consequence(keyword: string, program: string): string {
  if (keyword === 'SHELL')
    return 'SHELL has no shell form, so Docker refuses to build the file ("SHELL requires the arguments to be in JSON form").';
  const exits = `the shell looks for a program called "${program}", prints "${program}: not found" and exits with status 127`;
  if (keyword === 'RUN')
    return `It runs as /bin/sh -c "…": ${exits}, so the build fails at this step.`;
  return `Docker runs it as /bin/sh -c "…": ${exits}. The container stops as soon as it starts; Gunicorn never runs.`;
}

export default defineRule(
  {
    code: 'invalid-json-args',
    level: 'error',
    peers: [],
    section: 'exec-form',
    docUrl: DOCS.shellExec,
    title: 'Almost-JSON arguments: not exec form, and the command is not found',
    fix: 'Use double quotes and a closing bracket: ["gunicorn", "app:app"].',
  },
  (ctx) =>
    ctx.parsed.instructions.flatMap((instruction) => {
      const program = brokenJsonProgram(instruction);
      if (program === null) return [];
      return [
        {
          line: instruction.argsLine,
          column: instruction.argsColumn,
          message: `${instruction.keyword} starts with "[" but is not a JSON array of double-quoted strings, so it is not exec form. ${consequence(instruction.keyword, program)}`,
        },
      ];
    }),
);
