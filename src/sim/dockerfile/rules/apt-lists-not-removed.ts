import {
  DOCS,
  defineRule,
  finalInstructions,
  packageCommands,
  runCommands,
  runScript,
} from '../rule';
import { basename, splitFlags } from '../words';

/**
 * hadolint DL3009 (src/Hadolint/Rule/DL3009.hs): a RUN in the final stage (or a stage it builds
 * on) that runs `apt-get update`, or installs with apt, and does not remove /var/lib/apt/lists in
 * the same RUN (nor keeps them in a cache mount) leaves the package lists in the layer.
 */

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
        const updates = runCommands(instruction).some((command) => {
          const program = basename(command.words[0] ?? '');
          return (program === 'apt-get' || program === 'apt') && command.words.includes('update');
        });
        const installs = packageCommands(instruction).some(
          (c) => c.manager === 'apt' && c.action === 'install',
        );
        if (!updates && !installs) return false;
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
