/**
 * Gunicorn command lines wherever they appear: a Dockerfile CMD/ENTRYPOINT (through the
 * Dockerfile checker's model), compose `command`, Kubernetes `command`/`args`, ECS
 * `command`, a Procfile line, and `GUNICORN_CMD_ARGS`. Flags and their settings:
 * https://gunicorn.org/reference/settings/ (each setting lists its command-line flag).
 * A `$VAR` in a value cannot be known from the file.
 */
import { basename, splitShellCommands, splitWords } from '../../dockerfile/words';
import {
  setGunicorn,
  type Facts,
  type GunicornKey,
  type GunicornSource,
  type ReadOutcome,
  type Val,
} from '../facts';

/** Where each word of a command line is, for line/column of a value. */
export type WordLocator = (wordIndex: number) => { line: number; column: number };

const VALUE_FLAGS: Readonly<Record<string, GunicornKey | 'config'>> = {
  '-w': 'workers',
  '--workers': 'workers',
  '-k': 'workerClass',
  '--worker-class': 'workerClass',
  '--threads': 'threads',
  '--keep-alive': 'keepalive',
  '-t': 'timeout',
  '--timeout': 'timeout',
  '--graceful-timeout': 'gracefulTimeout',
  '--forwarded-allow-ips': 'forwardedAllowIps',
  '-b': 'bind',
  '--bind': 'bind',
  '-c': 'config',
  '--config': 'config',
};

const NUMBER_KEYS = new Set<GunicornKey>(['threads', 'keepalive', 'timeout', 'gracefulTimeout']);

/** Index of the `gunicorn` word (or `python -m gunicorn`'s module word), or -1. */
export function findGunicorn(words: readonly string[]): number {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (basename(w) === 'gunicorn') return i;
    if (w === '-m' && words[i + 1] === 'gunicorn') return i + 1;
  }
  return -1;
}

/**
 * Reads Gunicorn flags from `words[start..]` into the facts. Returns the `-c` config file
 * named, if any.
 */
export function readGunicornFlags(
  file: string,
  words: readonly string[],
  start: number,
  locate: WordLocator,
  source: GunicornSource,
  facts: Facts,
  outcome: ReadOutcome,
): string | null {
  let config: string | null = null;
  const binds: string[] = [];
  let bindAt: Val<null> | null = null;
  for (let i = start; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--preload') {
      setGunicorn(facts, 'preloadApp', { value: true, file, ...locate(i) }, source);
      continue;
    }
    let flag = word;
    let value: string | undefined;
    let valueIndex = i + 1;
    const eq = word.indexOf('=');
    if (word.startsWith('--') && eq > 0) {
      flag = word.slice(0, eq);
      value = word.slice(eq + 1);
      valueIndex = i;
    } else if (/^-[wktbc]./.test(word)) {
      flag = word.slice(0, 2);
      value = word.slice(2);
      valueIndex = i;
    } else {
      value = words[i + 1];
    }
    const key = VALUE_FLAGS[flag];
    if (key === undefined || value === undefined) continue;
    if (valueIndex > i) i++;
    const pos = { file, ...locate(valueIndex) };
    if (value.includes('$')) {
      outcome.cannotTell.push({
        setting: flag,
        ...locate(valueIndex),
        reason: `The value ${value} comes from an environment variable set elsewhere.`,
      });
      continue;
    }
    if (key === 'config') {
      config = value;
    } else if (key === 'workers') {
      const n = Number(value);
      if (Number.isInteger(n)) setGunicorn(facts, 'workers', { ...pos, value: n }, source);
    } else if (key === 'workerClass') {
      setGunicorn(facts, 'workerClass', { ...pos, value }, source);
    } else if (key === 'forwardedAllowIps') {
      const list = value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      setGunicorn(facts, 'forwardedAllowIps', { ...pos, value: list }, source);
    } else if (key === 'bind') {
      binds.push(value);
      bindAt ??= { ...pos, value: null };
    } else if (NUMBER_KEYS.has(key)) {
      const n = Number(value);
      if (value.trim() !== '' && Number.isFinite(n)) {
        setGunicorn(facts, key as 'timeout', { ...pos, value: n }, source);
      }
    }
  }
  if (bindAt) setGunicorn(facts, 'bind', { ...bindAt, value: binds }, source);
  return config;
}

/** Locates each word by searching for it in `text` from where the previous one ended. */
export function locateWordsIn(
  text: string,
  words: readonly string[],
  toPosition: (offset: number) => { line: number; column: number },
  fallbackOffset = 0,
): WordLocator {
  const offsets: number[] = [];
  let cursor = 0;
  for (const w of words) {
    const found = w === '' ? -1 : text.indexOf(w, cursor);
    offsets.push(found < 0 ? fallbackOffset : found);
    if (found >= 0) cursor = found + w.length;
  }
  return (i) => toPosition(offsets[i] ?? fallbackOffset);
}

/**
 * An argv (exec form: compose/Kubernetes/ECS list) or a shell string. Records the launch
 * (with whether a shell stays PID 1) and its Gunicorn flags.
 */
export function readLaunch(
  file: string,
  argv: readonly string[],
  locate: WordLocator,
  facts: Facts,
  outcome: ReadOutcome,
): void {
  let words = argv;
  let shellStaysPid1 = false;
  // sh -c "…" / bash -c "…": read the script.
  const shell = basename(words[0] ?? '');
  if (
    ['sh', 'bash', 'dash', 'ash'].includes(shell) &&
    words[1] === '-c' &&
    words[2] !== undefined
  ) {
    const commands = splitShellCommands(words[2]);
    const withGunicorn = commands.find((c) => findGunicorn(c.words) >= 0);
    if (!withGunicorn) return;
    const single = commands.length === 1;
    const execs = withGunicorn.words[0] === 'exec';
    shellStaysPid1 = !execs && !(shell === 'bash' && single);
    const base = locate(2);
    words = withGunicorn.words;
    locate = () => base;
  }
  const g = findGunicorn(words);
  if (g < 0) return;
  facts.launches.push({ at: { file, ...locate(g), value: words.join(' ') }, shellStaysPid1 });
  readGunicornFlags(file, words, g + 1, locate, 'command-line', facts, outcome);
}

/** `GUNICORN_CMD_ARGS` value (an environment variable in any of the files). */
export function readCmdArgsEnv(
  file: string,
  value: string,
  position: { line: number; column: number },
  facts: Facts,
  outcome: ReadOutcome,
): void {
  const words = splitWords(value);
  readGunicornFlags(file, words, 0, () => position, 'cmd-args-env', facts, outcome);
}

/** `WEB_CONCURRENCY` (Gunicorn's `workers` default reads it). */
export function readWebConcurrency(
  file: string,
  value: string,
  position: { line: number; column: number },
  facts: Facts,
): void {
  const n = Number(value);
  if (Number.isInteger(n) && n > 0)
    setGunicorn(facts, 'workers', { file, ...position, value: n }, 'env');
}

/** A Procfile: `web: gunicorn …` lines (https://devcenter.heroku.com/articles/procfile). */
export function readProcfile(file: string, text: string, facts: Facts, outcome: ReadOutcome): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([A-Za-z0-9_-]+):\s*(.*)$/.exec(lines[i]!);
    if (!m) continue;
    const command = m[2]!;
    const startCol = lines[i]!.length - command.length + 1;
    for (const c of splitShellCommands(command)) {
      const words = c.words[0] === 'exec' ? c.words.slice(1) : c.words;
      const line = i + 1;
      const locate = locateWordsIn(command, words, (offset) => ({
        line,
        column: startCol + offset,
      }));
      readLaunch(file, words, locate, facts, outcome);
    }
  }
}
