/**
 * The nginx tokenizer: never throws, positions point at the text, a serialised tree parses
 * back to itself, and the include resolver stops at cycles.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNginx, resolveIncludes, type NginxDirective } from './nginx-parse';

function lineCol(text: string, line: number, column: number): string {
  return text.split('\n')[line - 1]!.slice(column - 1);
}

/** Quotes a word so nginx reads it back unchanged. */
function quote(word: string): string {
  return `"${word.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function serialise(directives: readonly NginxDirective[]): string {
  return directives
    .map((d) => {
      const head = [d.name, ...d.args.map((a) => quote(a.text))].join(' ');
      return d.block ? `${head} {\n${serialise(d.block)}}\n` : `${head};\n`;
    })
    .join('');
}

function shape(directives: readonly NginxDirective[]): unknown {
  return directives.map((d) => ({
    name: d.name,
    args: d.args.map((a) => a.text),
    block: d.block ? shape(d.block) : null,
  }));
}

interface Gen {
  name: string;
  args: string[];
  block: Gen[] | null;
}

/** A generated tree in the parser's shape (positions unused). */
function asDirectives(tree: readonly Gen[]): NginxDirective[] {
  return tree.map((g) => ({
    name: g.name,
    args: g.args.map((text) => ({ text, line: 0, column: 0 })),
    line: 0,
    column: 0,
    file: 'gen',
    block: g.block ? asDirectives(g.block) : null,
  }));
}

const name = fc.stringMatching(/^[a-z_]{1,12}$/);
const word = fc
  .string({ maxLength: 12 })
  .filter((s) => !s.includes('\\t') && !s.includes('\\n') && !s.includes('\\r'));
const directive = fc.letrec<{ d: Gen }>((tie) => ({
  d: fc.record({
    name,
    args: fc.array(word, { maxLength: 3 }),
    block: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.array(tie('d'), { maxLength: 3 }),
    ),
  }),
})).d;

describe('parseNginx', () => {
  it('reads quotes, escapes, comments, blocks and ${var} like nginx', () => {
    const text =
      'location / { # a comment; not a directive\n  add_header X-A "a \\"b\\" ;{}" always;\n  set $x ${host}x\\;y;\n}\n';
    const { directives, error } = parseNginx(text, 'f');
    expect(error).toBeNull();
    const inner = directives[0]!.block!;
    expect(inner.map((d) => d.name)).toEqual(['add_header', 'set']);
    expect(inner[0]!.args.map((a) => a.text)).toEqual(['X-A', 'a "b" ;{}', 'always']);
    expect(inner[1]!.args.map((a) => a.text)).toEqual(['$x', '${host}x;y']);
  });

  it('reports the errors nginx reports', () => {
    expect(parseNginx('server {', 'f').error?.message).toMatch(/end of file/);
    expect(parseNginx('}', 'f').error?.message).toMatch(/unexpected "}"/);
    expect(parseNginx('listen 80', 'f').error?.message).toMatch(/end of file/);
    expect(parseNginx('a "b"c;', 'f').error?.message).toMatch(/unexpected "c"/);
    expect(parseNginx('a "b;', 'f').error).not.toBeNull();
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        parseNginx(text, 'f');
      }),
    );
  });

  it('points every directive and argument at its own text', () => {
    fc.assert(
      fc.property(fc.array(directive, { maxLength: 5 }), (tree) => {
        const text = serialise(asDirectives(tree));
        const { directives, error } = parseNginx(text, 'f');
        expect(error).toBeNull();
        const walk = (ds: readonly NginxDirective[]) => {
          for (const d of ds) {
            expect(lineCol(text, d.line, d.column).startsWith(d.name)).toBe(true);
            for (const a of d.args)
              expect(lineCol(text, a.line, a.column).startsWith('"')).toBe(true);
            if (d.block) walk(d.block);
          }
        };
        walk(directives);
      }),
    );
  });

  it('round-trips: a serialised tree parses back to the same tree', () => {
    fc.assert(
      fc.property(fc.array(directive, { maxLength: 5 }), (tree) => {
        const first = parseNginx(serialise(asDirectives(tree)), 'f');
        const again = parseNginx(serialise(first.directives), 'f');
        expect(shape(again.directives)).toEqual(shape(first.directives));
        expect(shape(first.directives)).toEqual(shape(asDirectives(tree)));
      }),
    );
  });
});

describe('resolveIncludes', () => {
  it('inlines matching files and reports a cycle instead of following it', () => {
    const files = new Map([
      ['nginx.conf', parseNginx('http { include conf.d/*.conf; }', 'nginx.conf')],
      [
        'conf.d/a.conf',
        parseNginx('server { include snippets/b.conf; listen 80; }', 'conf.d/a.conf'),
      ],
      [
        'snippets/b.conf',
        parseNginx('include /etc/nginx/conf.d/a.conf; keepalive_timeout 5;', 'snippets/b.conf'),
      ],
    ]);
    const problems: string[] = [];
    const out = resolveIncludes(
      files.get('nginx.conf')!.directives,
      files,
      ['nginx.conf'],
      problems,
    );
    const server = out[0]!.block![0]!;
    expect(server.name).toBe('server');
    expect(server.block!.map((d) => d.name)).toEqual(['keepalive_timeout', 'listen']);
    expect(problems.join(' ')).toMatch(
      /Circular include: nginx.conf → conf.d\/a.conf → snippets\/b.conf → conf.d\/a.conf/,
    );
  });
});
