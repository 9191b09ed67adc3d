import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitShellCommands, splitWords, type ShellCommand } from './words';

/** The splitting rule stated one character at a time: the definition the fast splitter must keep. */
function referenceSplit(text: string, escape: string): string[] {
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

/** The shell splitter's rule stated one character at a time. */
function referenceShell(script: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: string[] = [];
  let word: string | null = null;
  let start = 0;
  let quote = '';
  const blanks = ' \t\r\f\v';
  for (let i = 0; i < script.length; i += 1) {
    const ch = script[i]!;
    if (quote !== '') {
      if (ch === quote) quote = '';
      else if (quote === '"' && ch === '\\') {
        word = (word ?? '') + (script[i + 1] ?? '');
        i += 1;
      } else word = (word ?? '') + ch;
      continue;
    }
    if (blanks.includes(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else if ('\n;|&'.includes(ch)) {
      if (word !== null) words.push(word);
      word = null;
      if (words.length > 0) commands.push({ words, offset: start });
      words = [];
      if ((ch === '|' || ch === '&') && script[i + 1] === ch) i += 1;
      start = i + 1;
    } else if (ch === '#' && word === null) {
      while (i + 1 < script.length && script[i + 1] !== '\n') i += 1;
    } else if (ch === '"' || ch === "'") {
      word ??= '';
      quote = ch;
    } else if (ch === '\\') {
      word = (word ?? '') + (script[i + 1] ?? '');
      i += 1;
    } else word = (word ?? '') + ch;
  }
  if (word !== null) words.push(word);
  if (words.length > 0) commands.push({ words, offset: start });
  return commands;
}

describe('splitShellCommands (RUN and shell-form CMD)', () => {
  it('splits at && || ; | & and newlines, keeping quoted operators inside words', () => {
    const commands = splitShellCommands(
      `apt-get update && apt-get install -y "a && b" || echo 'x;y'\nexec gunicorn app:app # done`,
    );
    expect(commands.map((c) => c.words)).toEqual([
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', 'a && b'],
      ['echo', 'x;y'],
      ['exec', 'gunicorn', 'app:app'],
    ]);
    expect(commands[1]!.offset).toBe('apt-get update &&'.length);
  });

  it('agrees with the character-by-character definition on any mix of operators and quotes', () => {
    const alphabet = fc.constantFrom(
      ' ',
      '\t',
      '\r',
      '\f',
      '\n',
      ';',
      '&',
      '|',
      '#',
      '"',
      "'",
      '\\',
      'a',
      'b',
      '\u00a0',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join('')),
        (script) => {
          expect(splitShellCommands(script)).toEqual(referenceShell(script));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('splitWords (ENV/ARG/LABEL/COPY arguments)', () => {
  it('groups quoted text, removes the quotes and honours the escape character', () => {
    expect(splitWords('A="b c" D=e\\ f')).toEqual(['A=b c', 'D=e f']);
    expect(splitWords(`'x y'z "q"`)).toEqual(['x yz', 'q']);
    expect(splitWords('"a\\"b" \'c\\d\'')).toEqual(['a"b', 'c\\d']);
    expect(splitWords('  lead\t\ttrail  ')).toEqual(['lead', 'trail']);
    expect(splitWords('""')).toEqual(['']);
  });

  it('reads an unterminated quote to the end and keeps a trailing escape character', () => {
    expect(splitWords('K="abc def')).toEqual(['K=abc def']);
    expect(splitWords('path\\')).toEqual(['path\\']);
  });

  it('uses the backtick when `# escape=`` is set, leaving backslashes alone', () => {
    expect(splitWords('C:\\app D=a` b', '`')).toEqual(['C:\\app', 'D=a b']);
  });

  it('agrees with the character-by-character definition on any mix of quotes and escapes', () => {
    const alphabet = fc.constantFrom(' ', '\t', '"', "'", '\\', '`', '=', 'a', 'b', '$');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join('')),
        fc.constantFrom('\\', '`'),
        (text, escape) => {
          expect(splitWords(text, escape)).toEqual(referenceSplit(text, escape));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
