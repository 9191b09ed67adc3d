import { DOCS, defineRule, locate, replaceLines } from '../rule';
import { isShell, shellScriptIndex } from '../model';
import { basename, splitShellCommands } from '../words';
import type { Edit } from '../types';

/**
 * `["sh", "-c", "gunicorn …"]`: exec form, but what it executes is a shell, so dash is PID 1
 * (https://docs.docker.com/reference/dockerfile/#shell-and-exec-form; see shell-form-cmd.ts). `exec` in front of the last command, or bash with one simple command,
 * makes Gunicorn PID 1.
 */
export default defineRule(
  {
    code: 'shell-wrapper',
    level: 'warning',
    peers: [],
    section: 'exec-form',
    docUrl: DOCS.entrypoint,
    title: 'Exec form that wraps a shell',
    fix: 'Put exec in front of the last command inside the string: ["sh", "-c", "exec gunicorn …"], or drop the shell.',
  },
  (ctx) => {
    const site = ctx.model.entrypoint ?? ctx.model.cmd;
    if (!site || site.form !== 'exec') return [];
    const argv = site.argv;
    if (!isShell(argv[0] ?? '')) return [];
    const at = shellScriptIndex(argv);
    if (at < 0) return [];
    const script = argv[at]!;
    const commands = splitShellCommands(script);
    const last = commands[commands.length - 1];
    if (!last) return [];
    if (last.words[0] === 'exec') return [];
    if (basename(argv[0]!) === 'bash' && commands.length === 1) return [];
    const instruction = site.instruction;
    const edits: Edit[] = [];
    const tail = script.slice(last.offset);
    const lead = tail.length - tail.trimStart().length;
    const fixed = `${script.slice(0, last.offset + lead)}exec ${script.slice(last.offset + lead)}`;
    const newArgv = argv.map((word, k) => (k === at ? fixed : word));
    edits.push(
      replaceLines(instruction.line, instruction.endLine, [
        `${instruction.keyword} [${newArgv.map((w) => JSON.stringify(w)).join(', ')}]`,
      ]),
    );
    return [
      {
        ...locate(ctx, instruction, argv[0]!),
        message: `Exec form, but the program is ${argv[0]!} -c "…": the shell is PID 1 and runs "${last.words.join(' ').slice(0, 60)}" as a child. On Debian, dash does not pass SIGTERM on, so Gunicorn is SIGKILLed at the stop timeout instead of draining.`,
        edits,
      },
    ];
  },
);
