import { defineRule, runCommands, stageInstructions } from '../rule';
import { basename } from '../words';
import type { RawFinding } from '../types';

/**
 * hadolint DL3027 (src/Hadolint/Rule/DL3027.hs): `apt` is the interactive front end; its own
 * manual says its interface may change between versions and that scripts should use apt-get
 * (apt(8), "SCRIPT USAGE AND DIFFERENCES FROM OTHER APT TOOLS"), and it prints "WARNING: apt does
 * not have a stable CLI interface. Use with caution in scripts." into the build log.
 */
export default defineRule(
  {
    code: 'apt-instead-of-apt-get',
    level: 'warning',
    peers: ['DL3027'],
    section: 'hygiene',
    docUrl: 'https://manpages.debian.org/bookworm/apt/apt.8.en.html',
    title: 'apt used in a RUN instead of apt-get',
    fix: 'Use apt-get (apt-get update, apt-get install -y --no-install-recommends …) in Dockerfiles.',
  },
  (ctx) => {
    const out: RawFinding[] = [];
    for (const stage of ctx.model.stages)
      for (const instruction of stageInstructions(stage, 'RUN')) {
        const uses = runCommands(instruction).some(
          (command) => basename(command.words[0] ?? '') === 'apt',
        );
        if (!uses) continue;
        out.push({
          line: instruction.line,
          column: instruction.column,
          message:
            'RUN calls apt, the interactive front end: its manual says its command-line interface may change between releases and scripts should use apt-get, and it warns "apt does not have a stable CLI interface" in the build log.',
        });
      }
    return out;
  },
);
