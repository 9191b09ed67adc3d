/**
 * What a rule sees (the parsed file, the stage/process model, the .dockerignore) and helpers
 * for locating arguments and building edits.
 */
import type { IgnorePattern } from './dockerignore';
import { readArgs, readEnv, type DockerfileModel, type Stage } from './model';
import type { Instruction, ParsedDockerfile } from './parse';
import type { Edit, RawFinding, RuleMeta } from './types';
import {
  basename,
  parseExecForm,
  splitFlags,
  splitShellCommands,
  splitWords,
  type PackageCommand,
  type ShellCommand,
  type Vars,
} from './words';

export type { PackageCommand } from './words';

/** The chapter page the findings link to. */
export const CHAPTER_PATH = '/the-container/';

export interface RuleContext {
  readonly parsed: ParsedDockerfile;
  readonly model: DockerfileModel;
  /** Parsed .dockerignore, or null when none was given. */
  readonly ignore: readonly IgnorePattern[] | null;
  readonly dockerignoreText: string | null;
  /** `YYYY-MM-DD`, for end-of-life dates (CheckOptions.today). */
  readonly today: string;
}

export interface Rule {
  readonly meta: RuleMeta;
  readonly check: (ctx: RuleContext) => RawFinding[];
}

export function defineRule(meta: RuleMeta, check: (ctx: RuleContext) => RawFinding[]): Rule {
  return { meta, check };
}

export const DOCS = {
  cmd: 'https://docs.docker.com/reference/dockerfile/#cmd',
  entrypoint: 'https://docs.docker.com/reference/dockerfile/#entrypoint',
  shellExec: 'https://docs.docker.com/reference/dockerfile/#shell-and-exec-form',
  user: 'https://docs.docker.com/reference/dockerfile/#user',
  healthcheck: 'https://docs.docker.com/reference/dockerfile/#healthcheck',
  expose: 'https://docs.docker.com/reference/dockerfile/#expose',
  stopsignal: 'https://docs.docker.com/reference/dockerfile/#stopsignal',
  env: 'https://docs.docker.com/reference/dockerfile/#env',
  from: 'https://docs.docker.com/reference/dockerfile/#from',
  copy: 'https://docs.docker.com/reference/dockerfile/#copy',
  workdir: 'https://docs.docker.com/reference/dockerfile/#workdir',
  maintainer: 'https://docs.docker.com/reference/dockerfile/#maintainer-deprecated',
  parser: 'https://docs.docker.com/reference/dockerfile/#parser-directives',
  multiStage: 'https://docs.docker.com/build/building/multi-stage/',
  bestPractices: 'https://docs.docker.com/build/building/best-practices/',
  dockerignore: 'https://docs.docker.com/build/concepts/context/#dockerignore-files',
  secrets: 'https://docs.docker.com/build/building/secrets/',
  dockerStop: 'https://docs.docker.com/reference/cli/docker/container/stop/',
  pythonImage: 'https://hub.docker.com/_/python',
  flaskDeploy: 'https://flask.palletsprojects.com/en/stable/deploying/',
  flaskDebug: 'https://flask.palletsprojects.com/en/stable/debugging/',
  gunicornSettings: 'https://gunicorn.org/reference/settings/',
  gunicornSignals: 'https://gunicorn.org/signals/',
  pythonUnbuffered: 'https://docs.python.org/3/using/cmdline.html#envvar-PYTHONUNBUFFERED',
  pipCache: 'https://pip.pypa.io/en/stable/topics/caching/',
  pythonEol: 'https://devguide.python.org/versions/',
  buildChecks: 'https://docs.docker.com/reference/build-checks/',
} as const;

/** All instructions of the final stage and the stages it is built FROM. */
export function finalInstructions(ctx: RuleContext, keyword?: string): Instruction[] {
  const out: Instruction[] = [];
  for (const stage of ctx.model.finalChain)
    for (const instruction of stage.instructions)
      if (keyword === undefined || instruction.keyword === keyword) out.push(instruction);
  return out;
}

export function stageInstructions(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword);
}

/** Where `needle` first appears within the instruction's lines; the instruction start otherwise. */
export function locate(
  ctx: RuleContext,
  instruction: Instruction,
  needle: string,
): { line: number; column: number } {
  if (needle !== '') {
    const last = Math.min(instruction.endLine, instruction.line + 200);
    for (let line = instruction.line; line <= last; line += 1) {
      const text = ctx.parsed.lines[line - 1] ?? '';
      const at = text.indexOf(needle);
      if (at >= 0) return { line, column: at + 1 };
    }
  }
  return { line: instruction.line, column: instruction.column };
}

export function at(instruction: Instruction): { line: number; column: number } {
  return { line: instruction.line, column: instruction.column };
}

/** The shell text a RUN executes: its arguments plus any heredoc bodies. */
export function runScript(instruction: Instruction): string {
  if (instruction.heredocs.length === 0) return instruction.args;
  return [instruction.args, ...instruction.heredocs.map((h) => h.body)].join('\n');
}

const NO_VARS: Vars = new Map<string, string>();

/** ARG/ENV values in effect at an instruction (as buildModel recorded them). */
export function varsAt(instruction: Instruction): Vars {
  return instruction.memo.vars ?? NO_VARS;
}

export function replaceLines(startLine: number, endLine: number, lines: readonly string[]): Edit {
  return { target: 'dockerfile', startLine, endLine, lines };
}

export function insertBefore(line: number, lines: readonly string[]): Edit {
  return { target: 'dockerfile', startLine: line, endLine: line - 1, lines };
}

/** Leading whitespace of a line, for edits that keep indentation. */
export function indentOf(ctx: RuleContext, line: number): string {
  const text = ctx.parsed.lines[line - 1] ?? '';
  return text.slice(0, text.length - text.trimStart().length);
}

/** The stage's package installs (apt-get/apk/yum/pip), as text. */
export function stageRunText(stage: Stage): string {
  return stage.instructions
    .filter((instruction) => instruction.keyword === 'RUN')
    .map(runScript)
    .join('\n');
}

/** Does a word appear as a whole word in the text? (Plain scan, no regex built from input.) */
export function hasWord(text: string, word: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(word, from);
    if (at < 0) return false;
    const before = at === 0 ? ' ' : text[at - 1]!;
    const after = text[at + word.length] ?? ' ';
    if (!/[A-Za-z0-9_.+-]/.test(before) && !/[A-Za-z0-9_+-]/.test(after)) return true;
    from = at + 1;
  }
}

/** The simple commands of a RUN (arguments and heredoc bodies), cached per instruction. */
export function runCommands(instruction: Instruction): readonly ShellCommand[] {
  return (instruction.memo.commands ??= splitShellCommands(runScript(instruction)));
}

/** Package-manager commands in a RUN (apt-get/apt, apk, yum/dnf/microdnf, pip). */
export function packageCommands(instruction: Instruction): readonly PackageCommand[] {
  const cached = instruction.memo.packages;
  if (cached) return cached;
  const out: PackageCommand[] = [];
  instruction.memo.packages = out;
  for (const command of runCommands(instruction)) {
    const words = command.words;
    const program = basename(words[0] ?? '');
    const sub = words.findIndex((w, k) => k > 0 && !w.startsWith('-'));
    const verb = sub > 0 ? words[sub]! : '';
    const rest = sub > 0 ? words.slice(sub + 1) : [];
    const names = (list: readonly string[]): string[] => {
      const result: string[] = [];
      for (let k = 0; k < list.length; k += 1) {
        const word = list[k]!;
        if (word === '--virtual' || word === '-t' || word === '-r' || word === '--requirement') {
          k += 1;
          continue;
        }
        if (!word.startsWith('-')) result.push(word);
      }
      return result;
    };
    if (program === 'apt-get' || program === 'apt') {
      if (verb === 'install')
        out.push({
          manager: 'apt',
          action: 'install',
          packages: names(rest),
          words,
          virtual: null,
        });
      else if (verb === 'purge' || verb === 'remove' || verb === 'autoremove')
        out.push({ manager: 'apt', action: 'remove', packages: names(rest), words, virtual: null });
    } else if (program === 'apk') {
      const virtualAt = words.findIndex((w) => w === '--virtual' || w === '-t');
      const virtual = virtualAt >= 0 ? (words[virtualAt + 1] ?? null) : null;
      if (verb === 'add')
        out.push({ manager: 'apk', action: 'install', packages: names(rest), words, virtual });
      else if (verb === 'del')
        out.push({ manager: 'apk', action: 'remove', packages: names(rest), words, virtual: null });
    } else if (program === 'yum' || program === 'dnf' || program === 'microdnf') {
      if (verb === 'install')
        out.push({
          manager: 'yum',
          action: 'install',
          packages: names(rest),
          words,
          virtual: null,
        });
      else if (verb === 'remove' || verb === 'erase')
        out.push({ manager: 'yum', action: 'remove', packages: names(rest), words, virtual: null });
    } else if (
      /^pip[0-9.]*$/.test(program) ||
      (/^python[0-9.]*$/.test(program) && words[1] === '-m' && /^pip/.test(words[2] ?? ''))
    ) {
      const at = words.indexOf('install');
      if (at > 0)
        out.push({
          manager: 'pip',
          action: 'install',
          packages: names(words.slice(at + 1)),
          words,
          virtual: null,
        });
    }
  }
  return out;
}

const BUILD_TOOL_NAMES = new Set([
  'gcc',
  'g++',
  'build-essential',
  'build-base',
  'python3-dev',
  'python-dev',
  'clang',
  'musl-dev',
]);

/** Compilers and header packages (`*-dev`, `*-devel`). */
export function isBuildTool(pkg: string): boolean {
  const eq = pkg.indexOf('=');
  const name = (eq >= 0 ? pkg.slice(0, eq) : pkg).toLowerCase();
  return (
    BUILD_TOOL_NAMES.has(name) ||
    name.endsWith('-dev') ||
    name.endsWith('-devel') ||
    (name.startsWith('gcc-') && /^gcc-\d+$/.test(name))
  );
}

/** Does a whole-context copy (`COPY . .`, `COPY ./ /app`, `ADD . .`) appear? */
export function wholeContextCopies(ctx: RuleContext): Instruction[] {
  const out: Instruction[] = [];
  for (const instruction of ctx.parsed.instructions) {
    if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
    const { flags, rest } = splitFlags(instruction.args);
    if (flags.has('from')) continue;
    const sources = sourcesOf(rest, ctx.parsed.escape);
    if (
      sources.some(
        (source) => source === '.' || source === './' || source === '*' || source === './*',
      )
    )
      out.push(instruction);
  }
  return out;
}

/** COPY/ADD sources (all words but the last; JSON form accepted). */
export function sourcesOf(rest: string, escape: string): string[] {
  const words = parseExecForm(rest) ?? splitWords(rest, escape);
  return words.slice(0, -1);
}

/** ENV or ARG key/value pairs (ARG without a default gives null). */
export function readPairs(ctx: RuleContext, instruction: Instruction): [string, string | null][] {
  const vars = varsAt(instruction);
  if (instruction.keyword === 'ENV') return readEnv(instruction, ctx.parsed.escape, vars);
  return readArgs(instruction, ctx.parsed.escape, vars).map((arg) => [arg.name, arg.value]);
}

/** The last HEALTHCHECK of the final stage chain and its command words (null for NONE). */
export function healthcheckCommand(
  ctx: RuleContext,
): { instruction: Instruction; words: string[] } | null {
  const checks = finalInstructions(ctx, 'HEALTHCHECK');
  const last = checks[checks.length - 1];
  if (!last) return null;
  const { rest } = splitFlags(last.args);
  const match = /^(CMD|NONE)\b\s*/i.exec(rest.trim());
  if (!match || match[1]!.toUpperCase() === 'NONE') return null;
  const text = rest.trim().slice(match[0].length);
  const exec = parseExecForm(text);
  const words = exec
    ? exec.flatMap((w) => splitShellCommands(w).flatMap((c) => [...c.words]))
    : splitShellCommands(text).flatMap((c) => [...c.words]);
  return { instruction: last, words };
}

/** `/opt/venv///` → `/opt/venv` (a loop: a regex like /\/+$/ is quadratic on long slash runs). */
export function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end -= 1;
  return path.slice(0, end);
}
