/**
 * nginx configuration syntax, following nginx's own reader (`ngx_conf_read_token` and
 * `ngx_conf_parse` in src/core/ngx_conf_file.c, nginx 1.22): words separated by blanks;
 * `;` ends a directive, `{` opens a block, `}` closes one; `#` at the start of a word starts a
 * comment to the end of the line; `"…"` and `'…'` quote, and inside them `\"`, `\'`, `\\`,
 * `\t`, `\r`, `\n` are unescaped (any other backslash is kept); a backslash outside quotes
 * protects the next character; `${name}` keeps its braces. `include` is resolved among the
 * files given, with cycle detection. One pass, no recursion on the text.
 */

export interface NginxWord {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

export interface NginxDirective {
  readonly name: string;
  readonly args: readonly NginxWord[];
  readonly line: number;
  readonly column: number;
  readonly file: string;
  readonly block: NginxDirective[] | null;
}

export interface NginxParseResult {
  readonly directives: NginxDirective[];
  /** The first syntax error, as nginx would word it, or null. */
  readonly error: { message: string; line: number } | null;
}

const MAX_DEPTH = 64;

function unescapeQuoted(raw: string): string {
  return raw.replace(/\\(["'\\tnr])/g, (_all, ch: string) =>
    ch === 't' ? '\t' : ch === 'n' ? '\n' : ch === 'r' ? '\r' : ch,
  );
}

export function parseNginx(text: string, file: string): NginxParseResult {
  const root: NginxDirective[] = [];
  const stack: NginxDirective[][] = [root];
  let words: NginxWord[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  const fail = (message: string, at: number) => ({
    directives: root,
    error: { message, line: at },
  });
  const finish = (block: boolean): string | null => {
    const [first, ...args] = words;
    words = [];
    if (!first) return block ? 'unexpected "{"' : 'unexpected ";"';
    const directive: NginxDirective = {
      name: first.text,
      args,
      line: first.line,
      column: first.column,
      file,
      block: block ? [] : null,
    };
    stack[stack.length - 1]!.push(directive);
    if (block) {
      if (stack.length > MAX_DEPTH) return 'blocks are nested too deeply';
      stack.push(directive.block!);
    }
    return null;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    if (c === 59 /* ; */) {
      const err = finish(false);
      if (err) return fail(err, line);
      i++;
      continue;
    }
    if (c === 123 /* { */) {
      const err = finish(true);
      if (err) return fail(err, line);
      i++;
      continue;
    }
    if (c === 125 /* } */) {
      if (words.length > 0) return fail('unexpected "}"', line);
      if (stack.length === 1) return fail('unexpected "}"', line);
      stack.pop();
      i++;
      continue;
    }
    if (c === 35 /* # */) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    const startLine = line;
    const column = i - lineStart + 1;
    if (c === 34 || c === 39) {
      // Quoted word.
      const quote = c;
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== quote) {
        if (text.charCodeAt(j) === 92) j++;
        if (text.charCodeAt(j) === 10) {
          line++;
          lineStart = j + 1;
        }
        j++;
      }
      if (j >= n) return fail('unexpected end of file, expecting ";" or "}"', line);
      words.push({ text: unescapeQuoted(text.slice(i + 1, j)), line: startLine, column });
      i = j + 1;
      const after = text.charCodeAt(i);
      if (
        i < n &&
        !(
          after === 32 ||
          after === 9 ||
          after === 10 ||
          after === 13 ||
          after === 59 ||
          after === 123 ||
          after === 41
        )
      ) {
        return fail(`unexpected "${text.charAt(i)}"`, line);
      }
      continue;
    }
    // Unquoted word: up to a blank, ; { } — a backslash protects the next character, and
    // `${` keeps going to the closing brace.
    let j = i;
    let out = '';
    let runStart = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 92 /* \ */ && j + 1 < n) {
        out += text.slice(runStart, j) + text.charAt(j + 1);
        j += 2;
        runStart = j;
        continue;
      }
      if (d === 36 /* $ */ && text.charCodeAt(j + 1) === 123) {
        const close = text.indexOf('}', j);
        if (close < 0) return fail('the closing bracket in variable name is missing', line);
        j = close + 1;
        continue;
      }
      if (d === 32 || d === 9 || d === 10 || d === 13 || d === 59 || d === 123 || d === 125) break;
      j++;
    }
    out += text.slice(runStart, j);
    words.push({ text: out, line: startLine, column });
    i = j;
  }
  if (words.length > 0) return fail('unexpected end of file, expecting ";" or "}"', line);
  if (stack.length > 1) return fail('unexpected end of file, expecting "}"', line);
  return { directives: root, error: null };
}

/** Matches an nginx include pattern (with `*` and `?`) against a path or its tail. */
function includeMatches(pattern: string, path: string): boolean {
  const re = new RegExp(
    `(^|/)${pattern
      .replace(/^\/+/, '')
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );
  if (re.test(path)) return true;
  // An absolute include (/etc/nginx/conf.d/x.conf) matches a given file by its last parts.
  const tail = pattern.split('/').slice(-2).join('/');
  return tail !== pattern && includeMatches(tail, path);
}

export interface ResolvedNginx {
  readonly directives: NginxDirective[];
  readonly problems: string[];
}

/**
 * Replaces `include` directives with the directives of the matching given files (nginx
 * includes in place). A file that includes itself, directly or through others, is a cycle:
 * reported, not followed.
 */
export function resolveIncludes(
  directives: NginxDirective[],
  files: ReadonlyMap<string, NginxParseResult>,
  chain: readonly string[],
  problems: string[],
  budget = { left: 10_000 },
): NginxDirective[] {
  const out: NginxDirective[] = [];
  for (const d of directives) {
    if (budget.left-- <= 0) {
      if (!problems.includes('Too many directives after includes; stopped reading.')) {
        problems.push('Too many directives after includes; stopped reading.');
      }
      break;
    }
    if (d.name === 'include' && d.block === null && d.args[0]) {
      const pattern = d.args[0].text;
      for (const [name, parsed] of files) {
        if (!includeMatches(pattern, name)) continue;
        if (chain.includes(name)) {
          problems.push(
            `Circular include: ${[...chain, name].join(' → ')} (${d.file} line ${d.line}); not followed.`,
          );
          continue;
        }
        out.push(...resolveIncludes(parsed.directives, files, [...chain, name], problems, budget));
      }
      continue;
    }
    out.push(
      d.block ? { ...d, block: resolveIncludes(d.block, files, chain, problems, budget) } : d,
    );
  }
  return out;
}
