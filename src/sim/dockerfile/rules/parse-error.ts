import { DOCS, defineRule } from '../rule';
import type { RawFinding } from '../types';

/** Things Docker refuses to build: bad escape directive, unknown instruction, binary data, no FROM. */
export default defineRule(
  {
    code: 'parse-error',
    level: 'error',
    peers: [],
    section: 'reading-a-dockerfile',
    docUrl: DOCS.parser,
    title: 'Docker cannot parse this file',
    fix: 'Correct the line so Docker can parse it.',
  },
  (ctx) => {
    const out: RawFinding[] = ctx.parsed.problems
      .filter((problem) => problem.level === 'error')
      .map((problem) => ({ line: problem.line, column: problem.column, message: problem.message }));
    if (ctx.parsed.binary) return out;
    const first = ctx.parsed.instructions[0];
    if (!first) {
      out.push({
        line: 1,
        column: 1,
        message:
          'The file has no instructions: docker build stops with "the Dockerfile cannot be empty".',
        fix: 'Start with a FROM line, for example FROM python:3.12-slim.',
      });
      return out;
    }
    const firstNonArg = ctx.parsed.instructions.find(
      (instruction) => instruction.keyword !== 'ARG',
    );
    if (firstNonArg && firstNonArg.keyword !== 'FROM')
      out.push({
        line: firstNonArg.line,
        column: firstNonArg.column,
        message: `${firstNonArg.keyword} comes before any FROM: Docker stops with "no build stage in current context".`,
        fix: 'Only ARG may come before the first FROM.',
      });
    return out;
  },
);
