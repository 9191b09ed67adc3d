import { DOCS, defineRule, replaceLines } from '../rule';
import { basename, splitShellCommands } from '../words';
import type { Edit } from '../types';
import { brokenJsonProgram } from './invalid-json-args';

/**
 * Shell form runs under `/bin/sh -c` (Dockerfile reference, "Shell and exec form"). On Debian
 * (python:*-slim) /bin/sh is dash 0.5.12, which stays PID 1 and ignores SIGTERM, so Gunicorn
 * never drains and `docker stop` SIGKILLs after 10 s
 * (https://docs.docker.com/reference/cli/docker/container/stop/; the dash behaviour was observed
 * with `unshare --pid --fork` on Debian bookworm). bash -c with a single simple command execs it
 * (observed the same way), so a SHELL of bash is exempt then.
 */
const SHELL_SYNTAX = /[|&;<>()`$*?[\]{}~'"\\]/;

export default defineRule(
  {
    code: 'shell-form-cmd',
    level: 'error',
    peers: ['DL3025', 'JSONArgsRecommended'],
    section: 'exec-form',
    docUrl: DOCS.shellExec,
    title: 'Shell-form CMD/ENTRYPOINT: /bin/sh is PID 1',
    fix: 'Write CMD in exec form: CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"], or start the string with exec.',
  },
  (ctx) => {
    const site = ctx.model.entrypoint ?? ctx.model.cmd;
    if (!site || site.form !== 'shell') return [];
    const text = site.text.trim();
    if (/^exec(\s|$)/.test(text)) return [];
    // Almost-JSON (`['gunicorn', …]`) never starts at all: invalid-json-args says so.
    if (brokenJsonProgram(site.instruction) !== null) return [];
    const commands = splitShellCommands(text);
    const shell = basename(site.argv[0] ?? '');
    if (shell === 'bash' && commands.length === 1) return [];
    const instruction = site.instruction;
    const edits: Edit[] = [];
    const words = commands[0]?.words ?? [];
    if (commands.length === 1 && words.length > 0) {
      const keyword = instruction.keyword;
      const simple = !SHELL_SYNTAX.test(text);
      const line = simple
        ? `${keyword} [${words.map((w) => JSON.stringify(w)).join(', ')}]`
        : `${keyword} exec ${text}`;
      edits.push(replaceLines(instruction.line, instruction.endLine, [line]));
    }
    return [
      {
        line: instruction.line,
        column: instruction.column,
        message: `${instruction.keyword} is in shell form, so Docker runs it as ${shell === 'sh' ? '/bin/sh' : (site.argv[0] ?? '/bin/sh')} -c "…" and the shell is PID 1. On python:*-slim (Debian) /bin/sh is dash, which does not exec the command and ignores SIGTERM: Gunicorn never hears docker stop, in-flight requests are not drained, and the container is SIGKILLed (exit 137) when the stop timeout runs out. (Alpine's busybox sh may exec a single command; that is unverified.)`,
        ...(edits.length > 0 ? { edits } : {}),
      },
    ];
  },
);
