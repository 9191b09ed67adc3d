/**
 * From parsed instructions to what the image does at run time: build stages with
 * `FROM <stage>` inheritance, ARG/ENV values per instruction, the effective ENTRYPOINT/CMD of
 * the final stage, what runs as PID 1, and Gunicorn's settings.
 *
 * Sources: Dockerfile reference (moby/buildkit `frontend/dockerfile/docs/reference.md`:
 * "Understand how ARG and FROM interact", "ENV", "CMD", "ENTRYPOINT", "SHELL"); BuildKit's
 * `dispatchEntrypoint` resets an inherited CMD unless CMD was set in the same stage;
 * Gunicorn settings and defaults from https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/config.py
 * (https://gunicorn.org/reference/settings/).
 */
import { cleanPath, matchSegment } from './dockerignore';
import type { Instruction, ParsedDockerfile } from './parse';
import {
  MAX_EXPANDED_CHARS,
  basename,
  expandVars,
  parseExecForm,
  splitFlags,
  splitShellCommands,
  splitWords,
  type Vars,
} from './words';

export interface ImageRef {
  /** Repository without tag, lower-cased, e.g. `python`, `docker.io/library/python`. */
  readonly repo: string;
  readonly tag: string | null;
  readonly digest: string | null;
}

export interface Stage {
  readonly index: number;
  readonly name: string | null;
  readonly from: Instruction;
  /** The FROM argument after ARG expansion. */
  readonly image: string;
  readonly ref: ImageRef;
  /** The earlier stage this one builds on (`FROM builder AS runtime`). */
  readonly parent: Stage | null;
  readonly instructions: readonly Instruction[];
  /** ENV values visible at the end of the stage (inherited ones included). */
  readonly env: Vars;
}

export interface CommandSite {
  readonly instruction: Instruction;
  readonly form: 'exec' | 'shell';
  /** Exec-form arguments; for shell form the shell plus the text. */
  readonly argv: readonly string[];
  readonly text: string;
  /** The stage that set it (may be a parent stage of the final one). */
  readonly stage: Stage;
}

export interface LaunchCommand {
  /** The program and its arguments (wrappers such as tini, `uv run`, `exec` removed). */
  readonly words: readonly string[];
  readonly site: CommandSite;
  /** Found inside a `sh -c` string or a shell-form command. */
  readonly viaShell: boolean;
}

export interface GunicornSettings {
  readonly site: CommandSite;
  readonly words: readonly string[];
  readonly binds: readonly string[];
  readonly bindSource: 'cli' | 'env-args' | 'port-env' | 'config-file' | 'default';
  /** The port Gunicorn listens on, when it can be known. */
  readonly port: number | null;
  readonly host: string | null;
  readonly workers: string | null;
  readonly timeoutSeconds: number | null;
  readonly gracefulTimeoutSeconds: number | null;
  readonly reload: boolean;
  readonly configFile: string | null;
  /** A gunicorn.conf.py is given with -c or copied into the image. */
  readonly hasConfigFile: boolean;
  /**
   * A COPY/ADD that would bring a gunicorn.conf.py at the root of the build context into the
   * directory Gunicorn starts in (`COPY . .`, `COPY *.py ./`): whether that file exists, and what
   * it sets, cannot be known from the Dockerfile.
   */
  readonly configMayArriveBy: Instruction | null;
  readonly flagCount: number;
}

/** An ARG/ENV value the model did not expand in full (see MAX_EXPANDED_CHARS). */
export interface ExpansionNotice {
  readonly instruction: Instruction;
  readonly name: string;
  /** `cut`: the value passed MAX_EXPANDED_CHARS; `budget`: the file's expansion budget ran out. */
  readonly kind: 'cut' | 'budget';
}

export interface DockerfileModel {
  readonly parsed: ParsedDockerfile;
  /** Values cut or left unexpanded, so a hostile ARG chain costs bounded time and memory. */
  readonly expansionNotices: readonly ExpansionNotice[];
  readonly stages: readonly Stage[];
  readonly finalStage: Stage | null;
  /** Stages from the root of the final stage's FROM chain to the final stage itself. */
  readonly finalChain: readonly Stage[];
  readonly entrypoint: CommandSite | null;
  readonly cmd: CommandSite | null;
  /** What the container runs: ENTRYPOINT + CMD as Docker combines them. */
  readonly pid1Argv: readonly string[] | null;
  readonly launch: readonly LaunchCommand[];
  readonly gunicorn: GunicornSettings | null;
}

const MAX_SNAPSHOTS = 64;
/**
 * Characters of expanded ARG/ENV values the model keeps for the whole file. Past it, values
 * that grew by expansion keep their text as written (`${A}` stays `${A}`).
 */
export const MAX_MODEL_EXPANDED_CHARS = 1024 * 1024;

export function parseImageRef(image: string): ImageRef {
  let rest = image.trim().toLowerCase();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | null = null;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { repo: rest, tag, digest };
}

/** `python`, `library/python`, `docker.io/library/python` are all the official Python image. */
export function isOfficialPython(ref: ImageRef): boolean {
  return (
    ref.repo === 'python' ||
    ref.repo === 'library/python' ||
    ref.repo === 'docker.io/library/python' ||
    ref.repo === 'docker.io/python' ||
    ref.repo === 'index.docker.io/library/python'
  );
}

/** `3.12-slim-bookworm` → `3.12`. */
export function pythonMinor(ref: ImageRef): string | null {
  if (!isOfficialPython(ref) || !ref.tag) return null;
  const match = /^(\d+)\.(\d+)/.exec(ref.tag);
  return match ? `${match[1]}.${match[2]}` : null;
}

/** The instruction's arguments split into words (memoised: several rules read ENV/ARG/LABEL words). */
export function argWords(instruction: Instruction, escape: string): readonly string[] {
  return (instruction.memo.words ??= splitWords(instruction.args, escape));
}

function parseEnvPairs(instruction: Instruction, escape: string, vars: Vars): [string, string][] {
  const args = instruction.args;
  const words = argWords(instruction, escape);
  const first = words[0];
  if (first === undefined) return [];
  if (!first.includes('=')) {
    // Legacy `ENV KEY value with spaces`.
    const key = first;
    const value = args
      .trim()
      .slice(args.trim().indexOf(key) + key.length)
      .trim();
    return [[key, expandVars(unquote(value), vars, escape)]];
  }
  const pairs: [string, string][] = [];
  // Expansion happens on the raw words; re-split the raw text to keep quotes' effect simple.
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq <= 0) continue;
    pairs.push([word.slice(0, eq), expandVars(word.slice(eq + 1), vars, escape)]);
  }
  return pairs;
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
    return value.slice(1, -1);
  }
  return value;
}

/** Reads `ENV` (both forms) into key/value pairs (memoised: the values at an instruction never change). */
export function readEnv(instruction: Instruction, escape: string, vars: Vars): [string, string][] {
  return (instruction.memo.env ??= parseEnvPairs(instruction, escape, vars));
}

/** Reads `ARG NAME[=default] …` into names with optional defaults. */
export function readArgs(
  instruction: Instruction,
  escape: string,
  vars: Vars,
): { name: string; value: string | null }[] {
  return argWords(instruction, escape).map((word) => {
    const eq = word.indexOf('=');
    if (eq < 0) return { name: word, value: null };
    return { name: word.slice(0, eq), value: expandVars(word.slice(eq + 1), vars, escape) };
  });
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'busybox']);
const INITS = new Set(['tini', 'tini-static', 'dumb-init', 'docker-init', 'catatonit']);

/** True when a shell's arguments include `-c` (alone or combined, e.g. `-ec`). */
export function shellScriptIndex(argv: readonly string[]): number {
  for (let i = 1; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('-') || arg.startsWith('--')) continue;
    if (arg.includes('c')) return i + 1 < argv.length ? i + 1 : -1;
  }
  return -1;
}

export function isShell(program: string): boolean {
  return SHELLS.has(basename(program));
}

function stripAssignments(words: readonly string[]): readonly string[] {
  let k = 0;
  while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k]!)) k += 1;
  return words.slice(k);
}

/** Unwraps init systems, `exec`, `env`, `uv run`, `python -m X` and `sh -c` scripts. */
function resolveLaunch(
  argv: readonly string[],
  site: CommandSite,
  viaShell: boolean,
  vars: Vars,
  out: LaunchCommand[],
  depth: number,
): void {
  if (depth > 6) return;
  const words = stripAssignments(argv);
  const program = words[0];
  if (program === undefined) return;
  const name = basename(program);
  if (name === 'exec') {
    resolveLaunch(words.slice(1), site, viaShell, vars, out, depth + 1);
    return;
  }
  if (INITS.has(name)) {
    let k = 1;
    while (k < words.length && words[k]!.startsWith('-')) {
      k += 1;
      if (words[k - 1] === '--') break;
    }
    {
      resolveLaunch(words.slice(k), site, viaShell, vars, out, depth + 1);
      return;
    }
  }
  if (name === 'env') {
    let k = 1;
    while (k < words.length && (words[k]!.startsWith('-') || words[k]!.includes('='))) k += 1;
    {
      resolveLaunch(words.slice(k), site, viaShell, vars, out, depth + 1);
      return;
    }
  }
  if (name === 'uv' && words[1] === 'run') {
    let k = 2;
    while (k < words.length && words[k]!.startsWith('-')) k += 1;
    out.push({ words, site, viaShell });
    {
      resolveLaunch(words.slice(k), site, viaShell, vars, out, depth + 1);
      return;
    }
  }
  if (/^python[0-9.]*$/.test(name) && words[1] === '-m' && words[2] !== undefined) {
    const module = words[2];
    if (module === 'gunicorn' || module === 'flask') {
      resolveLaunch([module, ...words.slice(3)], site, viaShell, vars, out, depth + 1);
      return;
    }
  }
  if (isShell(program)) {
    const at = shellScriptIndex(words);
    if (at > 0) {
      out.push({ words, site, viaShell });
      for (const command of splitShellCommands(words[at]!)) {
        const expanded = command.words.map((w) => expandVars(w, vars));
        resolveLaunch(expanded, site, true, vars, out, depth + 1);
      }
      return;
    }
  }
  out.push({ words, site, viaShell });
}

function readGunicornArgs(words: readonly string[]): {
  binds: string[];
  workers: string | null;
  timeout: string | null;
  graceful: string | null;
  reload: boolean;
  config: string | null;
  flags: number;
} {
  const result = {
    binds: [] as string[],
    workers: null as string | null,
    timeout: null as string | null,
    graceful: null as string | null,
    reload: false,
    config: null as string | null,
    flags: 0,
  };
  for (let k = 0; k < words.length; k += 1) {
    const word = words[k]!;
    if (!word.startsWith('-')) continue;
    result.flags += 1;
    let name = word;
    let value: string | null = null;
    const eq = word.indexOf('=');
    if (word.startsWith('--') && eq > 0) {
      name = word.slice(0, eq);
      value = word.slice(eq + 1);
    } else if (!word.startsWith('--') && word.length > 2) {
      name = word.slice(0, 2);
      value = word.slice(2);
    }
    const takeValue = (): string | null => {
      if (value !== null) return value;
      const next = words[k + 1];
      if (next === undefined) return null;
      k += 1;
      return next;
    };
    switch (name) {
      case '-b':
      case '--bind': {
        const bind = takeValue();
        if (bind !== null) result.binds.push(bind);
        break;
      }
      case '-w':
      case '--workers':
        result.workers = takeValue();
        break;
      case '-t':
      case '--timeout':
        result.timeout = takeValue();
        break;
      case '--graceful-timeout':
        result.graceful = takeValue();
        break;
      case '--reload':
        result.reload = true;
        break;
      case '-c':
      case '--config':
        result.config = takeValue();
        break;
      case '-k':
      case '--worker-class':
      case '--threads':
      case '--access-logfile':
      case '--error-logfile':
      case '--log-level':
      case '--keep-alive':
      case '--max-requests':
      case '--max-requests-jitter':
      case '--worker-connections':
      case '--forwarded-allow-ips':
      case '--chdir':
      case '--name':
      case '-n':
      case '--pythonpath':
      case '--worker-tmp-dir':
      case '--backlog':
      case '-e':
      case '--env':
      case '--user':
      case '-u':
      case '--group':
      case '-g':
        takeValue();
        break;
      default:
        break;
    }
  }
  return result;
}

/** Splits a bind address: `0.0.0.0:8000`, `:8000`, `[::]:8000`, `unix:/run/app.sock`. */
export function parseBind(bind: string): { host: string | null; port: number | null } {
  if (bind.startsWith('unix:') || bind.startsWith('fd://')) return { host: null, port: null };
  const colon = bind.lastIndexOf(':');
  const bracket = bind.lastIndexOf(']');
  if (colon < 0 || colon < bracket) return { host: bind, port: 8000 };
  const port = Number(bind.slice(colon + 1));
  return {
    host: bind.slice(0, colon),
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : null,
  };
}

function numberOrNull(text: string | null): number | null {
  if (text === null || !/^\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

function copiesGunicornConfig(chain: readonly Stage[], configName: string | null): boolean {
  const wanted = configName ? basename(configName) : 'gunicorn.conf.py';
  for (const stage of chain)
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      if (instruction.args.includes(wanted)) return true;
      if (instruction.heredocs.length > 0 && instruction.args.includes('gunicorn')) return true;
    }
  return false;
}

/** Absolute, normalised path: `path` taken relative to `dir` unless it starts with `/`. */
function resolvePath(dir: string, path: string): string {
  return `/${cleanPath(path.startsWith('/') ? path : `${dir}/${path}`)}`;
}

/** Would this COPY source pick up `gunicorn.conf.py` from the root of the build context? */
function sourceMayHoldConfig(source: string): boolean {
  const path = cleanPath(source);
  return path === '' || (!path.includes('/') && matchSegment(path, 'gunicorn.conf.py'));
}

/**
 * The last COPY/ADD (not `--from`) that may bring the context's gunicorn.conf.py into the final
 * working directory, where Gunicorn looks for ./gunicorn.conf.py. WORKDIR starts at `/` (the
 * official Python images set none) and relative WORKDIRs build on the previous one.
 */
function configMayArriveBy(chain: readonly Stage[], escape: string): Instruction | null {
  let workdir = '/';
  const copies: { instruction: Instruction; dest: string }[] = [];
  for (const stage of chain)
    for (const instruction of stage.instructions) {
      const vars = instruction.memo.vars ?? new Map<string, string>();
      if (instruction.keyword === 'WORKDIR') {
        const path = expandVars(unquote(instruction.args.trim()), vars, escape);
        if (path !== '') workdir = resolvePath(workdir, path);
        continue;
      }
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      const { flags, rest } = splitFlags(instruction.args);
      if (flags.has('from')) continue;
      const words = parseExecForm(rest) ?? splitWords(rest, escape);
      if (words.length < 2 || !words.slice(0, -1).some(sourceMayHoldConfig)) continue;
      const dest = expandVars(words[words.length - 1]!, vars, escape);
      copies.push({ instruction, dest: resolvePath(workdir, dest) });
    }
  const last = copies.filter((copy) => copy.dest === workdir).pop();
  return last ? last.instruction : null;
}

function analyseGunicorn(
  launch: readonly LaunchCommand[],
  finalChain: readonly Stage[],
  env: Vars,
  escape: string,
): GunicornSettings | null {
  const found = launch.find((command) => basename(command.words[0] ?? '') === 'gunicorn');
  if (!found) return null;
  const cli = readGunicornArgs(found.words.slice(1));
  const envArgs = readGunicornArgs(splitWords(env.get('GUNICORN_CMD_ARGS') ?? ''));
  const configFile = cli.config ?? envArgs.config;
  const hasConfigFile = configFile !== null || copiesGunicornConfig(finalChain, configFile);
  let binds: string[] = cli.binds;
  let bindSource: GunicornSettings['bindSource'] = 'cli';
  if (binds.length === 0 && envArgs.binds.length > 0) {
    binds = envArgs.binds;
    bindSource = 'env-args';
  } else if (binds.length === 0 && env.has('PORT')) {
    binds = [`0.0.0.0:${env.get('PORT') ?? ''}`];
    bindSource = 'port-env';
  } else if (binds.length === 0 && hasConfigFile) {
    bindSource = 'config-file';
  } else if (binds.length === 0) {
    binds = ['127.0.0.1:8000'];
    bindSource = 'default';
  }
  const first = binds[0] !== undefined ? parseBind(binds[0]) : { host: null, port: null };
  return {
    site: found.site,
    words: found.words,
    binds,
    bindSource,
    port: first.port,
    host: first.host,
    workers: cli.workers ?? envArgs.workers,
    timeoutSeconds: numberOrNull(cli.timeout ?? envArgs.timeout),
    gracefulTimeoutSeconds: numberOrNull(cli.graceful ?? envArgs.graceful),
    reload: cli.reload || envArgs.reload,
    configFile,
    hasConfigFile,
    configMayArriveBy: hasConfigFile ? null : configMayArriveBy(finalChain, escape),
    flagCount: cli.flags + envArgs.flags,
  };
}

/** Builds the stage/process model. */
export function buildModel(parsed: ParsedDockerfile): DockerfileModel {
  const escape = parsed.escape;
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  const byName = new Map<string, Stage>();
  let snapshots = 0;
  const expansionNotices: ExpansionNotice[] = [];
  let expandedChars = 0;
  let budgetNoticed = false;
  /** The value to keep for `name`: cut values are reported; past the budget, the raw text. */
  const keep = (instruction: Instruction, name: string, raw: string, value: string): string => {
    if (value === raw || value.length <= raw.length) return value;
    if (expandedChars + value.length > MAX_MODEL_EXPANDED_CHARS) {
      if (!budgetNoticed) expansionNotices.push({ instruction, name, kind: 'budget' });
      budgetNoticed = true;
      return raw;
    }
    expandedChars += value.length;
    // The first cut value is reported; later ones built from it are cut the same way.
    if (value.length >= MAX_EXPANDED_CHARS && !expansionNotices.some((n) => n.kind === 'cut'))
      expansionNotices.push({ instruction, name, kind: 'cut' });
    return value;
  };
  const rawValue = (word: string): string => word.slice(word.indexOf('=') + 1);
  const keptArgs = (
    instruction: Instruction,
    vars: Vars,
  ): { name: string; value: string | null }[] => {
    const words = argWords(instruction, escape);
    return readArgs(instruction, escape, vars).map((arg, k) =>
      arg.value === null
        ? arg
        : {
            name: arg.name,
            value: keep(instruction, arg.name, rawValue(words[k] ?? ''), arg.value),
          },
    );
  };
  const keptEnv = (instruction: Instruction, vars: Vars): [string, string][] => {
    const words = argWords(instruction, escape);
    const pairs = readEnv(instruction, escape, vars);
    const legacy = words[0] !== undefined && !words[0].includes('=');
    // parseEnvPairs keeps only the words with a name before `=`, in order.
    const assigned = legacy ? [] : words.filter((word) => word.indexOf('=') > 0);
    const kept = pairs.map(([key, value], k): [string, string] => [
      key,
      keep(instruction, key, legacy ? instruction.args : rawValue(assigned[k] ?? ''), value),
    ]);
    instruction.memo.env = kept;
    return kept;
  };

  let current: {
    index: number;
    name: string | null;
    from: Instruction;
    image: string;
    parent: Stage | null;
    instructions: Instruction[];
    vars: Map<string, string>;
    env: Map<string, string>;
  } | null = null;

  const finish = (): void => {
    if (!current) return;
    const stage: Stage = {
      index: current.index,
      name: current.name,
      from: current.from,
      image: current.image,
      ref: parseImageRef(current.image),
      parent: current.parent,
      instructions: current.instructions,
      env: current.env,
    };
    stages.push(stage);
    if (current.name) byName.set(current.name, stage);
  };

  for (const instruction of parsed.instructions) {
    if (instruction.keyword === 'FROM') {
      finish();
      const { rest } = splitFlags(instruction.args);
      const words = splitWords(rest, escape);
      const image = expandVars(words[0] ?? '', globalArgs, escape);
      const asIndex = words.findIndex((w) => w.toLowerCase() === 'as');
      const name = asIndex >= 0 ? (words[asIndex + 1]?.toLowerCase() ?? null) : null;
      const parent = byName.get(image.toLowerCase()) ?? null;
      const env = new Map(parent ? parent.env : []);
      current = {
        index: stages.length,
        name,
        from: instruction,
        image,
        parent,
        instructions: [],
        vars: new Map(env),
        env,
      };
      instruction.memo.vars = globalArgs;
      continue;
    }
    if (!current) {
      if (instruction.keyword === 'ARG')
        for (const arg of keptArgs(instruction, globalArgs))
          globalArgs.set(arg.name, arg.value ?? globalArgs.get(arg.name) ?? '');
      instruction.memo.vars = new Map(globalArgs);
      continue;
    }
    current.instructions.push(instruction);
    instruction.memo.vars = current.vars;
    // Each ENV/ARG gets its own snapshot so earlier instructions see earlier values. Past
    // MAX_SNAPSHOTS ENV/ARG lines (real Dockerfiles have a handful) the map is shared, keeping huge pastes linear.
    if (instruction.keyword === 'ENV') {
      const vars = (snapshots += 1) > MAX_SNAPSHOTS ? current.vars : new Map(current.vars);
      for (const [key, value] of keptEnv(instruction, current.vars)) {
        vars.set(key, value);
        current.env.set(key, value);
      }
      current.vars = vars;
    } else if (instruction.keyword === 'ARG') {
      const vars = (snapshots += 1) > MAX_SNAPSHOTS ? current.vars : new Map(current.vars);
      for (const arg of keptArgs(instruction, current.vars)) {
        if (current.env.has(arg.name)) continue; // ENV wins over ARG
        vars.set(arg.name, arg.value ?? globalArgs.get(arg.name) ?? '');
      }
      current.vars = vars;
    }
  }
  finish();

  const finalStage = stages[stages.length - 1] ?? null;
  const finalChain: Stage[] = [];
  for (let stage = finalStage; stage; stage = stage.parent) finalChain.unshift(stage);

  // Effective ENTRYPOINT/CMD/SHELL along the chain (BuildKit dispatchEntrypoint).
  let entrypoint: CommandSite | null = null;
  let cmd: CommandSite | null = null;
  let shell: readonly string[] = ['/bin/sh', '-c'];
  for (const stage of finalChain) {
    let cmdSetHere = false;
    for (const instruction of stage.instructions) {
      const keyword = instruction.keyword;
      if (keyword === 'SHELL') {
        const argv = parseExecForm(instruction.args);
        if (argv && argv.length > 0) shell = argv;
      }
      if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT') continue;
      const exec = parseExecForm(instruction.args);
      const site: CommandSite = {
        instruction,
        form: exec ? 'exec' : 'shell',
        argv: exec ?? [...shell, instruction.args],
        text: instruction.args,
        stage,
      };
      if (keyword === 'CMD') {
        cmd = site;
        cmdSetHere = true;
      } else {
        entrypoint = site;
        if (!cmdSetHere) cmd = null;
      }
    }
  }

  let pid1Argv: readonly string[] | null = null;
  if (entrypoint) {
    pid1Argv =
      entrypoint.form === 'shell'
        ? entrypoint.argv
        : [...entrypoint.argv, ...(cmd ? cmd.argv : [])];
  } else if (cmd) pid1Argv = cmd.argv;

  const env = finalStage ? finalStage.env : new Map<string, string>();
  const launch: LaunchCommand[] = [];
  if (pid1Argv) {
    const site = entrypoint ?? cmd!;
    resolveLaunch(pid1Argv, site, site.form === 'shell', env, launch, 0);
    // An ENTRYPOINT script usually ends with `exec "$@"`: look at CMD too.
    if (entrypoint && cmd && entrypoint.form === 'exec') {
      const first = launch[0];
      const script =
        first && !isShell(first.words[0] ?? '') && basename(first.words[0] ?? '') !== 'gunicorn';
      if (script) resolveLaunch(cmd.argv, cmd, cmd.form === 'shell', env, launch, 0);
    }
  }

  return {
    parsed,
    expansionNotices,
    stages,
    finalStage,
    finalChain,
    entrypoint,
    cmd,
    pid1Argv,
    launch,
    gunicorn: analyseGunicorn(launch, finalChain, env, escape),
  };
}
