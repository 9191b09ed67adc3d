import { DOCS, defineRule } from '../rule';
import type { RawFinding } from '../types';

/** Only the last CMD / ENTRYPOINT / HEALTHCHECK of a stage takes effect (Dockerfile reference). */
export default defineRule(
  {
    code: 'multiple-cmd',
    level: 'warning',
    peers: ['DL4003', 'DL4004', 'MultipleInstructionsDisallowed'],
    section: 'hygiene',
    docUrl: DOCS.cmd,
    title: 'Several CMD/ENTRYPOINT/HEALTHCHECK in one stage',
    fix: 'Keep only the last one.',
  },
  (ctx) => {
    const out: RawFinding[] = [];
    for (const stage of ctx.model.stages)
      for (const keyword of ['CMD', 'ENTRYPOINT', 'HEALTHCHECK']) {
        const list = stage.instructions.filter((i) => i.keyword === keyword);
        for (const ignored of list.slice(0, -1))
          out.push({
            line: ignored.line,
            column: ignored.column,
            message: `This ${keyword} is overridden by the one on line ${list[list.length - 1]!.line}: only the last ${keyword} of a stage takes effect, so this line does nothing.`,
          });
      }
    return out;
  },
);
