import { DOCS, defineRule, locate, runCommands } from '../rule';

export default defineRule(
  {
    code: 'run-cd',
    level: 'info',
    peers: ['DL3003'],
    section: 'hygiene',
    docUrl: DOCS.workdir,
    title: 'cd inside RUN',
    fix: 'Use WORKDIR to change directory.',
  },
  (ctx) =>
    ctx.parsed.instructions
      .filter(
        (instruction) =>
          instruction.keyword === 'RUN' &&
          runCommands(instruction).some((c) => c.words[0] === 'cd'),
      )
      .map((instruction) => ({
        ...locate(ctx, instruction, 'cd '),
        message:
          'cd in a RUN lasts only for that RUN; the next instruction starts in WORKDIR again, which is easy to misread.',
      })),
);
