import { DOCS, defineRule } from '../rule';

/** Parser oddities Docker accepts but that usually hide a mistake. */
export default defineRule(
  {
    code: 'parse-warning',
    level: 'warning',
    peers: ['NoEmptyContinuation'],
    section: 'reading-a-dockerfile',
    docUrl: DOCS.parser,
    title: 'Suspicious line continuation',
    fix: 'Remove the stray continuation character or the empty line.',
  },
  (ctx) =>
    ctx.parsed.problems
      .filter((problem) => problem.level === 'warning')
      .map((problem) => ({ line: problem.line, column: problem.column, message: problem.message })),
);
