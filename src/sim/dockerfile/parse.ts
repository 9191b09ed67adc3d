/**
 * A small Dockerfile parser that follows BuildKit's front end (moby/buildkit
 * `frontend/dockerfile/parser/parser.go`; https://docs.docker.com/reference/dockerfile/):
 *
 * - parser directives (`# syntax=`, `# escape=`, `# check=`) only at the very top; the first
 *   comment, blank line or instruction ends them; unknown names count as comments;
 * - a line ending in the escape character (trailing blanks allowed) continues on the next
 *   line; the pieces are joined with no separator; comment lines and empty lines inside a
 *   continuation are dropped;
 * - heredocs (`<<EOF`, `<<-EOF`, `<<"EOF"`) on RUN, COPY and ADD take the following lines up to
 *   the delimiter line.
 *
 * We wrote our own parser instead of bundling `dockerfile-ast`: it is a few hundred lines, runs in
 * linear time on any input (every regular expression below is anchored and has no nested
 * quantifiers), needs no `Buffer` shim, and keeps the browser bundle small.
 */
import type { PackageCommand, ShellCommand, Vars } from './words';

export interface Comment {
  readonly line: number;
  /** Text after the `#`, trimmed. */
  readonly text: string;
}

export interface Heredoc {
  readonly delimiter: string;
  /** `<<-`: leading tabs are stripped from body lines and the delimiter line. */
  readonly stripTabs: boolean;
  /** A quoted delimiter turns off variable expansion in the body. */
  readonly quoted: boolean;
  readonly body: string;
  /** First body line (1-based). */
  readonly startLine: number;
  /** The delimiter line, or the last line of the file when it is never closed. */
  readonly endLine: number;
  readonly terminated: boolean;
}

export interface Instruction {
  /** Upper-cased keyword, e.g. `RUN`. */
  readonly keyword: string;
  readonly line: number;
  readonly column: number;
  /** Last physical line of the instruction, heredoc bodies included. */
  readonly endLine: number;
  /** Arguments after the keyword, continuations joined, comment lines removed, trimmed. */
  readonly args: string;
  readonly argsLine: number;
  readonly argsColumn: number;
  readonly heredocs: readonly Heredoc[];
  /** The contiguous comment lines directly above this instruction. */
  readonly comments: readonly Comment[];
  /** Readings of this instruction that several rules need, filled on first use (see memo). */
  readonly memo: InstructionMemo;
}

/**
 * Per-instruction cache for derived readings (a RUN's commands and package installs, an ENV's
 * pairs). They depend only on the instruction, so they are worked out once per check. A field
 * on the instruction is much cheaper than a WeakMap keyed by it when a pasted 1 MB file holds
 * 30,000 instructions: no hashing, and nothing extra for the garbage collector to trace.
 */
export interface InstructionMemo {
  /** ARG/ENV values in effect at this instruction; set by buildModel. */
  vars: Vars | undefined;
  /** The arguments split into words (ENV, ARG, LABEL). */
  words: readonly string[] | undefined;
  commands: ShellCommand[] | undefined;
  packages: PackageCommand[] | undefined;
  env: [string, string][] | undefined;
}

export interface Directive {
  readonly name: string;
  readonly value: string;
  readonly line: number;
}

export interface ParseProblem {
  readonly level: 'error' | 'warning';
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ParsedDockerfile {
  /** Physical lines, BOM removed, line endings removed. */
  readonly lines: readonly string[];
  readonly eol: '\n' | '\r\n';
  readonly hadBom: boolean;
  readonly escape: string;
  readonly directives: readonly Directive[];
  readonly instructions: readonly Instruction[];
  readonly comments: readonly Comment[];
  readonly problems: readonly ParseProblem[];
  /** The input is binary data, not text: nothing else was parsed. */
  readonly binary: boolean;
}

const KNOWN_INSTRUCTIONS = new Set([
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'MAINTAINER',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
]);

const NO_COMMENTS: readonly Comment[] = Object.freeze([]);
const NO_HEREDOCS: readonly Heredoc[] = Object.freeze([]);
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
const MAX_PROBLEMS = 25;
/** Lines longer than this are not considered as parser directives (they never are in practice). */
const MAX_DIRECTIVE_LENGTH = 1000;

/** Splits text into physical lines, accepting LF, CRLF and lone CR. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** NUL, or more than 10 % control characters in the first 64 KB: an image or an archive, not text. */
export function isBinary(text: string): boolean {
  // NUL never appears in a text Dockerfile; a high share of other control characters means the
  // user pasted an image or an archive. Only a sample is inspected so a 1 MB paste stays fast.
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let control = 0;
  for (let i = 0; i < sample.length; i += 1) {
    const code = sample.charCodeAt(i);
    if (code === 0) return true;
    if (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) control += 1;
    else if (code === 0xfffd) control += 1;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 12 || code === 11;
}

const NON_ASCII_SPACE = /\s/;

/** Is this UTF-16 code whitespace in the sense of JavaScript's `\s`? */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return NON_ASCII_SPACE.test(String.fromCharCode(code));
}

function endsWithEscape(line: string, escape: string): boolean {
  let end = line.length - 1;
  while (end >= 0 && isBlank(line.charCodeAt(end))) end -= 1;
  return end >= 0 && line[end] === escape;
}

function stripEscape(line: string): string {
  const trimmed = line.trimEnd();
  return trimmed.slice(0, -1);
}

function isCommentLine(line: string): boolean {
  return line.trimStart().startsWith('#');
}

interface HeredocMarker {
  readonly delimiter: string;
  readonly stripTabs: boolean;
  readonly quoted: boolean;
}

/** Finds heredoc markers (`<<EOF`, `<<-EOF`, `<<'EOF'`, `2<<EOF`) in an instruction's words. */
export function findHeredocMarkers(args: string): HeredocMarker[] {
  const markers: HeredocMarker[] = [];
  for (const word of args.split(/\s+/)) {
    const at = word.indexOf('<<');
    if (at < 0) continue;
    if (at > 0 && !/^\d+$/.test(word.slice(0, at))) continue;
    let rest = word.slice(at + 2);
    if (rest.startsWith('<')) continue; // a here-string (<<<), not a heredoc
    let stripTabs = false;
    if (rest.startsWith('-')) {
      stripTabs = true;
      rest = rest.slice(1);
    }
    let quoted = false;
    const first = rest[0];
    if (first === '"' || first === "'") {
      quoted = true;
      rest = rest.slice(1);
    }
    const name = /^[A-Za-z0-9_.-]+/.exec(rest);
    if (!name) continue;
    markers.push({ delimiter: name[0], stripTabs, quoted });
  }
  return markers;
}

/** Parses Dockerfile text. Never throws; problems are reported in `problems`. */
export function parseDockerfile(input: string): ParsedDockerfile {
  const hadBom = input.startsWith('\uFEFF');
  const text = hadBom ? input.slice(1) : input;
  const eol: '\n' | '\r\n' = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = splitLines(text);
  const problems: ParseProblem[] = [];
  let dropped = 0;
  const report = (problem: ParseProblem): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
    else dropped += 1;
  };

  if (isBinary(text)) {
    return {
      lines,
      eol,
      hadBom,
      escape: '\\',
      directives: [],
      instructions: [],
      comments: [],
      problems: [
        {
          level: 'error',
          line: 1,
          column: 1,
          message:
            'This looks like binary data, not a Dockerfile (it contains NUL or many control characters). Docker cannot build it.',
        },
      ],
      binary: true,
    };
  }

  // 1. Parser directives.
  const directives: Directive[] = [];
  const seen = new Set<string>();
  let escape = '\\';
  let i = 0;
  for (; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.length > MAX_DIRECTIVE_LENGTH) break;
    const match = /^\s*#\s*([A-Za-z][A-Za-z0-9]*)\s*=(.*)$/.exec(line);
    if (!match) break;
    const name = match[1]!.toLowerCase();
    if (name !== 'syntax' && name !== 'escape' && name !== 'check') break; // a comment: ends directives
    const value = match[2]!.trim();
    if (seen.has(name)) {
      report({
        level: 'error',
        line: i + 1,
        column: 1,
        message: `The "${name}" parser directive appears twice; Docker rejects the file ("only one ${name} parser directive can be used").`,
      });
      continue;
    }
    seen.add(name);
    directives.push({ name, value, line: i + 1 });
    if (name === 'escape') {
      if (value === '\\' || value === '`') escape = value;
      else
        report({
          level: 'error',
          line: i + 1,
          column: 1,
          message: `Invalid escape directive "${value}": Docker accepts only \\ or \` and refuses to build this file.`,
        });
    }
  }

  // 2. Instructions.
  const instructions: Instruction[] = [];
  const comments: Comment[] = [];
  // Comments directly above the next instruction; null when there are none (saves allocations).
  let pendingComments: Comment[] | null = null;
  while (i < lines.length) {
    const raw = lines[i]!;
    const trimmedStart = raw.trimStart();
    if (trimmedStart === '') {
      pendingComments = null;
      i += 1;
      continue;
    }
    if (trimmedStart.startsWith('#')) {
      const comment = { line: i + 1, text: trimmedStart.slice(1).trim() };
      comments.push(comment);
      (pendingComments ??= []).push(comment);
      i += 1;
      continue;
    }
    const startLine = i + 1;
    const column = raw.length - trimmedStart.length + 1;
    // The logical line: physical lines joined with no separator (one piece in the usual case).
    let logical = '';
    let pieces = 0;
    let lastLine: number;
    for (;;) {
      const current = lines[i]!;
      lastLine = i + 1;
      i += 1;
      pieces += 1;
      if (!endsWithEscape(current, escape)) {
        logical += current;
        break;
      }
      logical += stripEscape(current);
      let emptyLines = 0;
      while (i < lines.length && (lines[i]!.trim() === '' || isCommentLine(lines[i]!))) {
        if (lines[i]!.trim() === '') emptyLines += 1;
        else comments.push({ line: i + 1, text: lines[i]!.trimStart().slice(1).trim() });
        i += 1;
      }
      if (emptyLines > 0)
        report({
          level: 'warning',
          line: i,
          column: 1,
          message:
            'Empty line inside a line continuation: Docker skips it today but has deprecated this; a later release may end the instruction here.',
        });
      if (i >= lines.length) {
        report({
          level: 'warning',
          line: lastLine,
          column: Math.max(1, current.trimEnd().length),
          message:
            'The last instruction ends with a line-continuation character and nothing follows it; the escape character is dropped, so check that the instruction is complete.',
        });
        break;
      }
    }
    // The keyword is the first run of non-blank characters (JavaScript's \s, as trimStart uses).
    let keywordStart = 0;
    while (keywordStart < logical.length && isSpace(logical.charCodeAt(keywordStart)))
      keywordStart += 1;
    let keywordEnd = keywordStart;
    while (keywordEnd < logical.length && !isSpace(logical.charCodeAt(keywordEnd))) keywordEnd += 1;
    const keywordRaw = logical.slice(keywordStart, keywordEnd);
    const keyword = keywordRaw.toUpperCase();
    const afterKeyword = logical.slice(keywordEnd);
    const args = afterKeyword.trim();
    // Column of the arguments on the first line (or the start of the next line).
    const firstRest = raw.slice(column - 1 + keywordRaw.length);
    const leading = firstRest.length - firstRest.trimStart().length;
    const argsOnFirstLine = firstRest.trim() !== '' && !(pieces > 1 && firstRest.trim() === escape);
    const argsLine = argsOnFirstLine ? startLine : Math.min(startLine + 1, lastLine);
    const argsColumn = argsOnFirstLine ? column + keywordRaw.length + leading : 1;

    if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      const shown = keywordRaw.length > 40 ? `${keywordRaw.slice(0, 40)}…` : keywordRaw;
      report({
        level: 'error',
        line: startLine,
        column,
        message: `Unknown instruction "${shown}": Docker stops the build with "unknown instruction".`,
      });
      pendingComments = null;
      continue;
    }

    let heredocs: Heredoc[] | null = null;
    if (HEREDOC_INSTRUCTIONS.has(keyword) && args.includes('<<')) {
      for (const marker of findHeredocMarkers(args)) {
        const bodyStart = i;
        const body: string[] = [];
        let terminated = false;
        while (i < lines.length) {
          const line = lines[i]!;
          const candidate = marker.stripTabs ? line.replace(/^\t+/, '') : line;
          i += 1;
          if (candidate === marker.delimiter) {
            terminated = true;
            break;
          }
          body.push(marker.stripTabs ? candidate : line);
        }
        if (!terminated)
          report({
            level: 'error',
            line: startLine,
            column,
            message: `The heredoc "${marker.delimiter}" is never closed: everything after line ${startLine} is read as its body, so no instruction after it runs.`,
          });
        (heredocs ??= []).push({
          delimiter: marker.delimiter,
          stripTabs: marker.stripTabs,
          quoted: marker.quoted,
          body: body.join('\n'),
          startLine: bodyStart + 1,
          endLine: Math.max(bodyStart + 1, i),
          terminated,
        });
        lastLine = Math.max(lastLine, i);
      }
    }

    instructions.push({
      keyword,
      line: startLine,
      column,
      endLine: lastLine,
      args,
      argsLine,
      argsColumn,
      heredocs: heredocs ?? NO_HEREDOCS,
      comments: pendingComments ?? NO_COMMENTS,
      memo: {
        vars: undefined,
        words: undefined,
        commands: undefined,
        packages: undefined,
        env: undefined,
      },
    });
    pendingComments = null;
  }

  if (dropped > 0)
    problems.push({
      level: 'warning',
      line: problems[problems.length - 1]?.line ?? 1,
      column: 1,
      message: `…and ${dropped} more parse problems not listed.`,
    });

  return {
    lines,
    eol,
    hadBom,
    escape,
    directives,
    instructions,
    comments,
    problems,
    binary: false,
  };
}
