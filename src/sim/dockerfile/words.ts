/**
 * Word splitting, variable expansion and the exec-form decision, as BuildKit does them
 * (moby/buildkit `frontend/dockerfile/parser/line_parsers.go` `parseMaybeJSON`, `parseJSON`,
 * `parseNameVal`; `frontend/dockerfile/shell/lex.go` for `$VAR` / `${VAR:-x}`), plus a small
 * POSIX-shell command splitter for reading CMD strings. All loops are single passes.
 */

export type Vars = ReadonlyMap<string, string>;

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
  return out;
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
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === escape && quote === '"' && i + 1 < text.length) {
        current += text[i + 1]!;
        i += 1;
      } else current += ch;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === escape && i + 1 < text.length) {
      current += text[i + 1]!;
      i += 1;
    } else current += ch;
  }
  if (inWord) words.push(current);
  return words;
}

/** One simple command of a shell script: its words (quotes removed) and its offset in the text. */
export interface ShellCommand {
  readonly words: readonly string[];
  readonly offset: number;
}

/**
 * Splits a `sh -c` / shell-form script into simple commands at `&&`, `||`, `;`, `|`, `&` and
 * newlines outside quotes. Good enough to find the program each command runs; not a full shell.
 */
export function splitShellCommands(script: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: string | null = null;
  let commandStart = 0;
  const special = /[\s;&|#'"\\]/g;
  const endWord = (): void => {
    if (inWord) {
      words.push(current);
    }
    current = '';
    inWord = false;
  };
  const endCommand = (next: number): void => {
    endWord();
    if (words.length > 0) commands.push({ words, offset: commandStart });
    words = [];
    commandStart = next;
  };
  let i = 0;
  while (i < script.length) {
    if (quote) {
      // Copy everything up to the closing quote (or a backslash inside double quotes) at once.
      let j = i;
      while (j < script.length && script[j] !== quote && !(quote === '"' && script[j] === '\\'))
        j += 1;
      current += script.slice(i, j);
      if (j >= script.length) break;
      if (script[j] === quote) {
        quote = null;
        i = j + 1;
      } else {
        current += script[j + 1] ?? '';
        i = j + 2;
      }
      continue;
    }
    special.lastIndex = i;
    const match = special.exec(script);
    const j = match ? match.index : script.length;
    if (j > i) {
      // A run of ordinary characters.
      inWord = true;
      current += script.slice(i, j);
      i = j;
      continue;
    }
    const ch = script[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v') {
      endWord();
      i += 1;
      continue;
    }
    if (ch === '\n' || ch === ';' || ch === '|' || ch === '&') {
      const double = script[i + 1] === ch && ch !== '\n' && ch !== ';';
      endCommand(i + (double ? 2 : 1));
      i += double ? 2 : 1;
      continue;
    }
    if (ch === '#' && !inWord) {
      // A comment runs to the end of the line.
      const nl = script.indexOf('\n', i);
      i = nl < 0 ? script.length : nl;
      continue;
    }
    inWord = true;
    if (ch === '"' || ch === "'") {
      quote = ch;
      i += 1;
    } else if (ch === '\\') {
      current += script[i + 1] ?? '';
      i += 2;
    } else {
      current += ch;
      i += 1;
    }
  }
  endCommand(script.length);
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
