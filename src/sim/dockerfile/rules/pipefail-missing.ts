import { DOCS, defineRule, runScript } from '../rule';
import { basename, parseExecForm } from '../words';
import type { Instruction } from '../parse';
import type { RawFinding } from '../types';

/**
 * hadolint DL4006 (src/Hadolint/Rule/DL4006.hs) and Docker's best practices, "Using pipes"
 * (https://docs.docker.com/build/building/best-practices/#using-pipes): `/bin/sh -c` judges a
 * pipeline by its last command only, so `RUN curl -fsSL URL | tar -xz` succeeds when curl fails.
 * Quiet once a SHELL with `-o pipefail` (bash, zsh, ash) is in effect for the stage (SHELL is
 * kept by `FROM <earlier stage>`), for exec-form RUNs, and when the script sets pipefail itself.
 */
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh']);

/** A `|` that is not `||`, outside quotes and comments. */
export function hasPipe(script: string): boolean {
  let quote = '';
  for (let i = 0; i < script.length; i += 1) {
    const ch = script[i]!;
    if (quote !== '') {
      if (ch === '\\' && quote === '"') i += 1;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '\\') {
      i += 1;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(script[i - 1]!))) {
      const nl = script.indexOf('\n', i);
      if (nl < 0) return false;
      i = nl;
      continue;
    }
    if (ch !== '|') continue;
    if (script[i + 1] === '|') {
      i += 1;
      continue;
    }
    return true;
  }
  return false;
}

function setsPipefail(instruction: Instruction): boolean {
  const argv = parseExecForm(instruction.args);
  if (!argv || argv.length === 0) return false;
  if (!PIPEFAIL_SHELLS.has(basename(argv[0]!))) return !['sh', 'dash'].includes(basename(argv[0]!));
  return argv.some((arg, k) => arg === 'pipefail' && /^-[a-z]*o$/.test(argv[k - 1] ?? ''));
}

export default defineRule(
  {
    code: 'pipefail-missing',
    level: 'warning',
    peers: ['DL4006'],
    section: 'hygiene',
    docUrl: `${DOCS.bestPractices}#using-pipes`,
    title: 'RUN with a pipe and no pipefail',
    fix: 'Put SHELL ["/bin/bash", "-o", "pipefail", "-c"] before this RUN (on Alpine: SHELL ["/bin/ash", "-eo", "pipefail", "-c"]).',
  },
  (ctx) => {
    const out: RawFinding[] = [];
    const endState = new Map<number, boolean>();
    for (const stage of ctx.model.stages) {
      let pipefail = stage.parent ? (endState.get(stage.parent.index) ?? false) : false;
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'SHELL') pipefail = setsPipefail(instruction);
        if (instruction.keyword !== 'RUN' || pipefail) continue;
        if (parseExecForm(instruction.args)) continue;
        const script = runScript(instruction);
        if (script.includes('pipefail') || !hasPipe(script)) continue;
        out.push({
          line: instruction.line,
          column: instruction.column,
          message:
            'This RUN pipes one command into another under /bin/sh, which judges a pipeline by its last command only: if the first one fails (a download in curl … | tar, for example) the step still succeeds and the image is built without what it was meant to install.',
        });
      }
      endState.set(stage.index, pipefail);
    }
    return out;
  },
);
