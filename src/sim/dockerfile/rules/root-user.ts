import { DOCS, defineRule, finalInstructions, insertBefore, runCommands, varsAt } from '../rule';
import { expandVars } from '../words';

/**
 * With no USER, or USER root/0, the app runs as root (Dockerfile reference "USER"; chapters 3 and 5:
 * `useradd --create-home --uid 10001 appuser`, then `USER appuser` before CMD).
 */
export function isRootUser(user: string): boolean {
  const name = user.split(':')[0]!.trim();
  return name === 'root' || name === '0';
}

export default defineRule(
  {
    code: 'root-user',
    level: 'error',
    peers: ['DL3002', 'DS-0002'],
    section: 'non-root',
    docUrl: DOCS.user,
    title: 'The app runs as root',
    fix: 'Create a user and switch to it before CMD: RUN useradd --create-home --uid 10001 appuser, then USER appuser.',
  },
  (ctx) => {
    const final = ctx.model.finalStage;
    if (!final) return [];
    const users = finalInstructions(ctx, 'USER');
    const last = users[users.length - 1];
    const lastUser = last ? expandVars(last.args.trim(), varsAt(last), ctx.parsed.escape) : null;
    if (last && lastUser !== null && !isRootUser(lastUser)) return [];
    // Insert before the stage's CMD/ENTRYPOINT (or at its end).
    const launch = final.instructions.find(
      (i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT',
    );
    const lastInstruction = final.instructions[final.instructions.length - 1] ?? final.from;
    const insertAt = launch ? launch.line : lastInstruction.endLine + 1;
    const alpine = (final.ref.tag ?? '').includes('alpine') || final.ref.repo.includes('alpine');
    const created = finalInstructions(ctx, 'RUN').some((i) =>
      runCommands(i).some(
        (c) =>
          (c.words[0] === 'useradd' || c.words[0] === 'adduser') && c.words.includes('appuser'),
      ),
    );
    const lines = [
      ...(created
        ? []
        : [
            alpine
              ? 'RUN adduser -D -u 10001 appuser'
              : 'RUN useradd --create-home --uid 10001 appuser',
          ]),
      'USER appuser',
    ];
    const where = last ?? final.from;
    return [
      {
        line: where.line,
        column: where.column,
        message: last
          ? `The last USER is ${lastUser ?? 'root'}: Gunicorn and your app run as root, so any code-execution bug owns the whole container (and files on mounted volumes).`
          : 'The final stage never sets USER, so the container runs as root: any code-execution bug in the app runs with full privileges in the container.',
        edits: [insertBefore(insertAt, lines)],
      },
    ];
  },
);
