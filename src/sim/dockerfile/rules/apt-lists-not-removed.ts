import { DOCS, defineRule, finalInstructions, packageCommands, runScript } from '../rule';
import { splitFlags } from '../words';

export default defineRule(
  {
    code: 'apt-lists-not-removed',
    level: 'info',
    peers: ['DL3009'],
    section: 'hygiene',
    docUrl: DOCS.bestPractices,
    title: 'apt lists left in the layer',
    fix: 'End the same RUN with && rm -rf /var/lib/apt/lists/*.',
  },
  (ctx) =>
    finalInstructions(ctx, 'RUN')
      .filter((instruction) => {
        if (
          !packageCommands(instruction).some((c) => c.manager === 'apt' && c.action === 'install')
        )
          return false;
        if (runScript(instruction).includes('/var/lib/apt/lists')) return false;
        const mount = splitFlags(instruction.args).flags.get('mount') ?? '';
        return !mount.includes('/var/lib/apt');
      })
      .map((instruction) => ({
        line: instruction.line,
        column: instruction.column,
        message:
          'The apt package lists downloaded by apt-get update stay in this layer (tens of MB), and deleting them in a later RUN does not shrink the image.',
      })),
);
