import { DOCS, defineRule, insertBefore, packageCommands, varsAt } from '../rule';
import { splitFlags } from '../words';
import type { RawFinding } from '../types';

/** pip keeps downloaded wheels in ~/.cache/pip; in an image that is dead weight (hadolint DL3042). */
export default defineRule(
  {
    code: 'pip-cache',
    level: 'info',
    peers: ['DL3042'],
    section: 'environment',
    docUrl: DOCS.pipCache,
    title: 'pip cache left in the layer',
    fix: 'Set ENV PIP_NO_CACHE_DIR=1 in the stage, add --no-cache-dir, or use RUN --mount=type=cache,target=/root/.cache/pip.',
  },
  (ctx) => {
    const out: RawFinding[] = [];
    for (const stage of ctx.model.stages) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'RUN') continue;
        const pip = packageCommands(instruction).find(
          (c) => c.manager === 'pip' && !c.words.includes('--no-cache-dir'),
        );
        if (!pip) continue;
        const vars = varsAt(instruction);
        const off = vars.get('PIP_NO_CACHE_DIR');
        if (off !== undefined && off !== '' && off !== '0' && off.toLowerCase() !== 'false')
          continue;
        const mount = splitFlags(instruction.args).flags.get('mount') ?? '';
        if (mount.includes('type=cache')) continue;
        out.push({
          line: instruction.line,
          column: instruction.column,
          message:
            'pip install keeps its download cache (~/.cache/pip) in this layer: tens of MB the app never reads.',
          edits: [insertBefore(stage.from.endLine + 1, ['ENV PIP_NO_CACHE_DIR=1'])],
        });
        break;
      }
    }
    return out;
  },
);
