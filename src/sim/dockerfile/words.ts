/**
 * Word splitting, variable expansion and the exec-form decision, as BuildKit does them
 * (moby/buildkit `frontend/dockerfile/parser/line_parsers.go` `parseMaybeJSON`, `parseJSON`,
 * `parseNameVal`; `frontend/dockerfile/shell/lex.go` for `$VAR` / `${VAR:-x}`), plus a small
 * POSIX-shell command splitter for reading CMD strings. All loops are single passes.
 */

export type Vars = ReadonlyMap<string, string>;

/**
 * No expanded value grows past this many characters. Real ARG/ENV values are a few dozen; an
 * ARG chain that doubles a value (`ARG A1=${A0}${A0}` …) would otherwise reach hundreds of MB
 * after 28 lines and then exceed the engine's longest string. The model reports cut values
 * (rule `expansion-too-long`).
 */
export const MAX_EXPANDED_CHARS = 8192;

/**
 * Docker's exec/shell decision: the arguments are exec form only when the text starts with `[`
 * and parses as a JSON array whose elements are all strings. Anything else, including
 * almost-JSON such as `['gunicorn']`, silently becomes `/bin/sh -c "<text>"`.
 */
export function parseExecForm(args: string): string[] | null {
  const text = args.trim();
  if (!text.startsWith('[')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  const out: string[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'string') return null;
    out.push(item);
  }
  return out;
}

/** Looks like an attempt at exec form (starts with `[`) but is not valid JSON strings. */
export function looksLikeBrokenJson(args: string): boolean {
  const text = args.trim();
  return text.startsWith('[') && parseExecForm(text) === null;
}

function isNameChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95
  );
}

/**
 * Expands `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`.
 * The escape character before `$` keeps it literal; single quotes keep everything literal
 * when `quotes` is true. Unknown names expand to the empty string, as in Docker.
 */
export function expandVars(text: string, vars: Vars, escape = '\\', quotes = false): string {
  if (!text.includes('$')) return text;
  let out = '';
  let inSingle = false;
  for (let i = 0; i < text.length; i += 1) {
    if (out.length >= MAX_EXPANDED_CHARS) return out.slice(0, MAX_EXPANDED_CHARS);
    const ch = text[i]!;
    if (quotes && ch === "'") {
      inSingle = !inSingle;
      out += ch;
      continue;
    }
    if (ch === escape && text[i + 1] === '$') {
      out += '$';
      i += 1;
      continue;
    }
    if (ch !== '$' || inSingle) {
      out += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === '{') {
      const close = text.indexOf('}', i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const inner = text.slice(i + 2, close);
      out += expandBraced(inner, vars);
      i = close;
      continue;
    }
    let j = i + 1;
    while (j < text.length && isNameChar(text.charCodeAt(j))) j += 1;
    if (j === i + 1) {
      out += ch;
      continue;
    }
    out += vars.get(text.slice(i + 1, j)) ?? '';
    i = j - 1;
  }
  return out.length > MAX_EXPANDED_CHARS ? out.slice(0, MAX_EXPANDED_CHARS) : out;
}

function expandBraced(inner: string, vars: Vars): string {
  let j = 0;
  while (j < inner.length && isNameChar(inner.charCodeAt(j))) j += 1;
  const name = inner.slice(0, j);
  const rest = inner.slice(j);
  const value = vars.get(name);
  if (rest === '') return value ?? '';
  const colon = rest.startsWith(':');
  const op = colon ? rest[1] : rest[0];
  const word = rest.slice(colon ? 2 : 1);
  const isSet = colon ? value !== undefined && value !== '' : value !== undefined;
  if (op === '-') return isSet ? (value ?? '') : word;
  if (op === '+') return isSet ? word : '';
  if (op === '?') return value ?? '';
  return value ?? '';
}

/**
 * Splits Dockerfile arguments into words the way ENV/ARG/LABEL/COPY do: blanks separate words,
 * quotes group and are removed, the escape character protects the next character.
 */
export function splitWords(text: string, escape = '\\'): string[] {
  // Copies runs of ordinary characters with one slice each, not character by character: a
  // pasted 1 MB file has tens of thousands of ENV/ARG/COPY lines, and per-character string
  // building is most of what the garbage collector then has to clean up.
  const words: string[] = [];
  const n = text.length;
  let current = '';
  let inWord = false;
  let i = 0;
  while (i < n) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      i += 1;
      continue;
    }
    inWord = true;
    if (ch === '"' || ch === "'") {
      // Up to the closing quote; inside double quotes the escape character protects the next one.
      let j = i + 1;
      for (;;) {
        let k = j;
        while (k < n && text[k] !== ch && !(ch === '"' && text[k] === escape && k + 1 < n)) k += 1;
        current += text.slice(j, k);
        if (k >= n) {
          j = n; // an unterminated quote runs to the end
          break;
        }
        if (text[k] === ch) {
          j = k + 1;
          break;
        }
        current += text[k + 1]!;
        j = k + 2;
      }
      i = j;
      continue;
    }
    if (ch === escape && i + 1 < n) {
      current += text[i + 1]!;
      i += 2;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const c = text[j]!;
      if (c === ' ' || c === '\t' || c === '"' || c === "'" || (c === escape && j + 1 < n)) break;
      j += 1;
    }
    current += text.slice(i, j);
    i = j;
  }
  if (inWord) words.push(current);
  return words;
}

/** One simple command of a shell script: its words (quotes removed) and its offset in the text. */
export interface ShellCommand {
  readonly words: readonly string[];
  readonly offset: number;
}

/** A package-manager command found in a RUN (apt-get/apt, apk, yum/dnf/microdnf, pip). */
export interface PackageCommand {
  readonly manager: 'apt' | 'apk' | 'yum' | 'pip';
  readonly action: 'install' | 'remove';
  readonly packages: readonly string[];
  readonly words: readonly string[];
  /** apk `--virtual NAME` group. */
  readonly virtual: string | null;
}

/** Does this UTF-16 code end a run of ordinary shell text? (blanks, newline, ; & | # quotes, backslash) */
function isShellSpecial(code: number): boolean {
  return (
    code === 32 || // space
    code === 9 || // \t
    code === 10 || // \n
    code === 13 || // \r
    code === 12 || // \f
    code === 11 || // \v
    code === 59 || // ;
    code === 38 || // &
    code === 124 || // |
    code === 35 || // #
    code === 39 || // '
    code === 34 || // "
    code === 92 // \
  );
}

/**
 * Splits a `sh -c` / shell-form script into simple commands at `&&`, `||`, `;`, `|`, `&` and
 * newlines outside quotes. Good enough to find the program each command runs; not a full shell.
 * One pass with plain character tests and one slice per run of ordinary text: a pasted 1 MB
 * file can hold ten thousand RUN lines.
 */
export function splitShellCommands(script: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  const n = script.length;
  let words: string[] = [];
  let current = '';
  let inWord = false;
  let commandStart = 0;
  let i = 0;
  while (i < n) {
    const code = script.charCodeAt(i);
    if (!isShellSpecial(code)) {
      // A run of ordinary characters.
      let j = i + 1;
      while (j < n && !isShellSpecial(script.charCodeAt(j))) j += 1;
      inWord = true;
      current += script.slice(i, j);
      i = j;
      continue;
    }
    if (code === 32 || code === 9 || code === 13 || code === 12 || code === 11) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      i += 1;
      continue;
    }
    if (code === 10 || code === 59 || code === 124 || code === 38) {
      // \n ; | & end the command; || and && count as one operator.
      const double = (code === 124 || code === 38) && script.charCodeAt(i + 1) === code;
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      if (words.length > 0) commands.push({ words, offset: commandStart });
      words = [];
      i += double ? 2 : 1;
      commandStart = i;
      continue;
    }
    if (code === 35 && !inWord) {
      // A comment runs to the end of the line.
      const nl = script.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    inWord = true;
    if (code === 39 || code === 34) {
      // Everything up to the closing quote; inside double quotes a backslash protects the next character.
      const quote = script[i]!;
      let j = i + 1;
      for (;;) {
        let k = j;
        while (k < n && script[k] !== quote && !(code === 34 && script[k] === '\\')) k += 1;
        current += script.slice(j, k);
        if (k >= n) {
          j = n; // an unterminated quote runs to the end of the script
          break;
        }
        if (script[k] === quote) {
          j = k + 1;
          break;
        }
        current += script[k + 1] ?? '';
        j = k + 2;
      }
      i = j;
      continue;
    }
    if (code === 92) {
      current += script[i + 1] ?? '';
      i += 2;
      continue;
    }
    current += script[i]!; // # inside a word
    i += 1;
  }
  if (inWord) words.push(current);
  if (words.length > 0) commands.push({ words, offset: commandStart });
  return commands;
}

/** The last path segment: `/opt/venv/bin/gunicorn` → `gunicorn`. */
export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}

/** Parses `--name=value` / `--name` flags at the start of Dockerfile arguments. */
export function splitFlags(args: string): { flags: Map<string, string>; rest: string } {
  const flags = new Map<string, string>();
  let rest = args.trimStart();
  for (;;) {
    const match = /^--([A-Za-z][A-Za-z0-9-]*)(=\S*)?(\s+|$)/.exec(rest);
    if (!match) break;
    flags.set(match[1]!.toLowerCase(), match[2] ? match[2].slice(1) : '');
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}
