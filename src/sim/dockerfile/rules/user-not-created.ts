import { DOCS, defineRule, finalInstructions, hasWord, runScript, varsAt } from '../rule';
import { expandVars } from '../words';

/** `USER name` for a user nobody created fails at start with "unable to find user". */
const BUILTIN = new Set(['root', 'nobody', 'www-data', 'daemon', 'nonroot']);

export default defineRule(
  {
    code: 'user-not-created',
    level: 'warning',
    peers: [],
    section: 'non-root',
    docUrl: DOCS.user,
    title: 'USER names a user this Dockerfile never creates',
    fix: 'Add RUN useradd --create-home --uid 10001 <name> before USER, or use a numeric UID.',
  },
  (ctx) => {
    const users = finalInstructions(ctx, 'USER');
    const last = users[users.length - 1];
    if (!last) return [];
    const name = expandVars(last.args.trim(), varsAt(last), ctx.parsed.escape).split(':')[0]!;
    if (name === '' || /^\d+$/.test(name) || BUILTIN.has(name)) return [];
    const created = finalInstructions(ctx, 'RUN').some((instruction) => {
      const script = runScript(instruction);
      return /(useradd|adduser)/.test(script) && hasWord(script, name);
    });
    if (created) return [];
    return [
      {
        line: last.line,
        column: last.argsColumn,
        message: `No useradd/adduser in this stage or the stages it builds on creates "${name}". Unless the base image has that user, the container fails to start with "unable to find user ${name}".`,
      },
    ];
  },
);
