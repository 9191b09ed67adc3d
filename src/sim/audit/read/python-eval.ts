/**
 * A tiny evaluator for the Python expressions a settings file uses, on a `@lezer/python`
 * syntax tree. Nothing is executed: literals, `os.getenv` / `os.environ.get` with a default,
 * `int()` / `float()` / `str()` / `bool()` of those, arithmetic on numbers, and
 * `multiprocessing.cpu_count()` (or `os.cpu_count()`) times and plus a number. Names bound
 * earlier in the same scope by such an expression are followed. Anything else is "cannot
 * tell" with the reason, never a guess.
 */
import type { SyntaxNode } from '@lezer/common';

export type PyValue =
  | { readonly kind: 'num'; readonly n: number }
  | { readonly kind: 'str'; readonly s: string }
  | { readonly kind: 'bool'; readonly b: boolean }
  | { readonly kind: 'none' }
  | { readonly kind: 'list'; readonly items: readonly PyValue[] }
  | { readonly kind: 'dict'; readonly entries: ReadonlyMap<string, PyEntry> }
  | { readonly kind: 'cpu'; readonly perCpu: number; readonly plus: number };

/** A dict entry keeps its value node so a reader can point at the value's text. */
export interface PyEntry {
  readonly value: PyResult;
  readonly node: SyntaxNode;
}

export type PyResult = PyValue | { readonly kind: 'unknown'; readonly reason: string };

export interface EvalContext {
  readonly text: string;
  /** Names bound earlier in this scope. */
  readonly names: ReadonlyMap<string, PyResult>;
  /** Environment variables the evaluator read (name → default used), for the report. */
  readonly envReads: string[];
}

const MAX_DEPTH = 40;

function unknown(reason: string): PyResult {
  return { kind: 'unknown', reason };
}

export function src(ctx: EvalContext, node: SyntaxNode): string {
  return ctx.text.slice(node.from, node.to);
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ':', '.', '*', '**']);

/** The expression children of a bracketed node (commas and brackets left out). */
export function items(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter((c) => !PUNCTUATION.has(c.name));
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
};

/** Decodes one Python string literal (no f-strings). Null for bytes or an odd prefix. */
export function decodeStringLiteral(raw: string): string | null {
  const m = /^([rRuU]?)('''|"""|'|")([\s\S]*)\2$/.exec(raw);
  if (!m) return null;
  const body = m[3]!;
  if (m[1] === 'r' || m[1] === 'R') return body;
  if (!body.includes('\\')) return body;
  return body.replace(/\\(.)/gs, (all, ch: string) => ESCAPES[ch] ?? all);
}

function parseNumber(raw: string): number | null {
  const t = raw.replace(/_/g, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t.slice(2), 16);
  if (/^0[oO][0-7]+$/.test(t)) return parseInt(t.slice(2), 8);
  if (/^0[bB][01]+$/.test(t)) return parseInt(t.slice(2), 2);
  if (/^[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?$|^[0-9]+\.([eE][-+]?[0-9]+)?$/.test(t)) {
    const n = Number(t);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** `a.b.c` of a member/variable chain, or null. */
export function dottedName(ctx: EvalContext, node: SyntaxNode): string | null {
  if (node.name === 'VariableName') return src(ctx, node);
  if (node.name === 'MemberExpression') {
    const parts = children(node);
    if (parts.length === 3 && parts[1]!.name === '.' && parts[2]!.name === 'PropertyName') {
      const left = dottedName(ctx, parts[0]!);
      return left === null ? null : `${left}.${src(ctx, parts[2]!)}`;
    }
  }
  return null;
}

/** A call's positional and keyword arguments. */
export interface CallArgs {
  readonly positional: SyntaxNode[];
  readonly keywords: Map<string, SyntaxNode>;
  /** `*args` or `**kwargs` present: the arguments cannot all be known. */
  readonly spread: boolean;
}

export function callArgs(ctx: EvalContext, argList: SyntaxNode): CallArgs {
  const positional: SyntaxNode[] = [];
  const keywords = new Map<string, SyntaxNode>();
  let spread = false;
  const parts = children(argList);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.name === '(' || p.name === ')' || p.name === ',') continue;
    if (p.name === '*' || p.name === '**') {
      spread = true;
      i++;
      continue;
    }
    if (p.name === 'VariableName' && parts[i + 1]?.name === 'AssignOp' && parts[i + 2]) {
      keywords.set(src(ctx, p), parts[i + 2]!);
      i += 2;
      continue;
    }
    positional.push(p);
  }
  return { positional, keywords, spread };
}

function numeric(v: PyResult): number | null {
  if (v.kind === 'num') return v.n;
  if (v.kind === 'bool') return v.b ? 1 : 0;
  return null;
}

function arith(op: string, a: PyResult, b: PyResult): PyResult {
  if (a.kind === 'unknown') return a;
  if (b.kind === 'unknown') return b;
  const x = numeric(a);
  const y = numeric(b);
  if (x !== null && y !== null) {
    let r: number;
    switch (op) {
      case '+':
        r = x + y;
        break;
      case '-':
        r = x - y;
        break;
      case '*':
        r = x * y;
        break;
      case '/':
        if (y === 0) return unknown('divides by zero');
        r = x / y;
        break;
      case '//':
        if (y === 0) return unknown('divides by zero');
        r = Math.floor(x / y);
        break;
      default:
        return unknown(`uses the operator ${op}`);
    }
    return Number.isFinite(r) ? { kind: 'num', n: r } : unknown('the number is out of range');
  }
  if (a.kind === 'str' && b.kind === 'str' && op === '+') return { kind: 'str', s: a.s + b.s };
  // cpu_count() * n + k, n * cpu_count(), … stay symbolic.
  if (a.kind === 'cpu' && y !== null) {
    if (op === '*' && a.plus === 0) return { kind: 'cpu', perCpu: a.perCpu * y, plus: 0 };
    if (op === '*') return { kind: 'cpu', perCpu: a.perCpu * y, plus: a.plus * y };
    if (op === '+') return { kind: 'cpu', perCpu: a.perCpu, plus: a.plus + y };
    if (op === '-') return { kind: 'cpu', perCpu: a.perCpu, plus: a.plus - y };
  }
  if (b.kind === 'cpu' && x !== null) {
    if (op === '*') return { kind: 'cpu', perCpu: b.perCpu * x, plus: b.plus * x };
    if (op === '+') return { kind: 'cpu', perCpu: b.perCpu, plus: b.plus + x };
  }
  return unknown(`combines values with ${op} in a way the audit does not evaluate`);
}

function convert(fn: string, v: PyResult): PyResult {
  if (v.kind === 'unknown') return v;
  switch (fn) {
    case 'int': {
      if (v.kind === 'num') return { kind: 'num', n: Math.trunc(v.n) };
      if (v.kind === 'bool') return { kind: 'num', n: v.b ? 1 : 0 };
      if (v.kind === 'cpu') return v;
      if (v.kind === 'str' && /^\s*[-+]?[0-9_]+\s*$/.test(v.s)) {
        return { kind: 'num', n: Number(v.s.replace(/_/g, '').trim()) };
      }
      return unknown(`int() of ${v.kind === 'str' ? JSON.stringify(v.s) : v.kind} would raise`);
    }
    case 'float': {
      if (v.kind === 'num') return v;
      if (v.kind === 'bool') return { kind: 'num', n: v.b ? 1 : 0 };
      if (v.kind === 'str') {
        const n = parseNumber(v.s.trim());
        return n === null
          ? unknown(`float(${JSON.stringify(v.s)}) would raise`)
          : { kind: 'num', n };
      }
      return unknown(`float() of ${v.kind}`);
    }
    case 'str':
      if (v.kind === 'str') return v;
      if (v.kind === 'num') return { kind: 'str', s: String(v.n) };
      return unknown(`str() of ${v.kind}`);
    case 'bool':
      if (v.kind === 'bool') return v;
      if (v.kind === 'num') return { kind: 'bool', b: v.n !== 0 };
      if (v.kind === 'str') return { kind: 'bool', b: v.s.length > 0 };
      if (v.kind === 'none') return { kind: 'bool', b: false };
      return unknown(`bool() of ${v.kind}`);
    default:
      return unknown(`calls ${fn}()`);
  }
}

const ENV_GETTERS = new Set(['os.getenv', 'os.environ.get', 'environ.get', 'getenv']);
const CPU_COUNTS = new Set(['multiprocessing.cpu_count', 'os.cpu_count', 'cpu_count']);

/** Evaluates an expression node without running anything. */
export function evaluate(ctx: EvalContext, node: SyntaxNode, depth = 0): PyResult {
  if (depth > MAX_DEPTH) return unknown('is nested too deeply');
  const next = (n: SyntaxNode) => evaluate(ctx, n, depth + 1);
  switch (node.name) {
    case 'Number': {
      const n = parseNumber(src(ctx, node));
      return n === null
        ? unknown(`has a number the audit does not read (${src(ctx, node)})`)
        : { kind: 'num', n };
    }
    case 'String': {
      const s = decodeStringLiteral(src(ctx, node));
      return s === null ? unknown('is a bytes or prefixed string') : { kind: 'str', s };
    }
    case 'ContinuedString': {
      let out = '';
      for (const part of items(node)) {
        const v = next(part);
        if (v.kind !== 'str') return v.kind === 'unknown' ? v : unknown('joins strings');
        out += v.s;
      }
      return { kind: 'str', s: out };
    }
    case 'FormatString':
      return node.getChild('FormatReplacement')
        ? unknown('is an f-string with a replacement field')
        : { kind: 'str', s: decodeStringLiteral(src(ctx, node).slice(1)) ?? '' };
    case 'Boolean':
      return { kind: 'bool', b: src(ctx, node) === 'True' };
    case 'None':
      return { kind: 'none' };
    case '@ParenthesizedExpression':
    case 'ParenthesizedExpression': {
      const inner = items(node);
      return inner.length === 1 ? next(inner[0]!) : unknown('is a parenthesised expression');
    }
    case 'ArrayExpression':
    case 'TupleExpression':
    case 'SetExpression': {
      if (node.getChild('*')) return unknown('unpacks another sequence');
      const out: PyValue[] = [];
      for (const item of items(node)) {
        const v = next(item);
        if (v.kind === 'unknown') return v;
        out.push(v);
      }
      return { kind: 'list', items: out };
    }
    case 'DictionaryExpression': {
      const parts = children(node);
      const entries = new Map<string, PyEntry>();
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i]!;
        if (p.name === '**') return unknown('merges another mapping with **');
        if (p.name === '{' || p.name === '}' || p.name === ',') continue;
        if (parts[i + 1]?.name === ':' && parts[i + 2]) {
          const key = next(p);
          if (key.kind !== 'str') return unknown('has a key that is not a string literal');
          entries.set(key.s, { value: next(parts[i + 2]!), node: parts[i + 2]! });
          i += 2;
          continue;
        }
        return unknown('is a comprehension');
      }
      return { kind: 'dict', entries };
    }
    case 'UnaryExpression': {
      const parts = children(node);
      const op = parts[0] ? src(ctx, parts[0]) : '';
      const v = parts[1] ? next(parts[1]) : unknown('is incomplete');
      if (v.kind === 'unknown') return v;
      if (op === '-' && v.kind === 'num') return { kind: 'num', n: -v.n };
      if (op === '+' && v.kind === 'num') return v;
      if (op === 'not' && v.kind === 'bool') return { kind: 'bool', b: !v.b };
      return unknown(`applies ${op}`);
    }
    case 'BinaryExpression': {
      const parts = children(node);
      if (parts.length !== 3) return unknown('is an expression the audit does not evaluate');
      const op = src(ctx, parts[1]!).trim();
      return arith(op, next(parts[0]!), next(parts[2]!));
    }
    case 'VariableName': {
      const name = src(ctx, node);
      const bound = ctx.names.get(name);
      return (
        bound ?? unknown(`uses the name ${name}, which is not a literal set earlier in the file`)
      );
    }
    case 'CallExpression': {
      const callee = node.firstChild;
      const argList = node.getChild('ArgList');
      if (!callee || !argList) return unknown('is a call the audit does not evaluate');
      const fn = dottedName(ctx, callee);
      if (fn === null) return unknown('calls an expression');
      const args = callArgs(ctx, argList);
      if (args.spread) return unknown(`calls ${fn}() with * or ** arguments`);
      if (ENV_GETTERS.has(fn)) {
        const nameNode = args.positional[0];
        const name = nameNode ? next(nameNode) : unknown('has no variable name');
        const dflt = args.positional[1] ?? args.keywords.get('default');
        const varName = name.kind === 'str' ? name.s : '?';
        if (!dflt)
          return unknown(
            `reads the environment variable ${varName}, which has no default in the file`,
          );
        const v = next(dflt);
        if (v.kind !== 'unknown') ctx.envReads.push(varName);
        return v;
      }
      if (CPU_COUNTS.has(fn)) {
        return args.positional.length === 0
          ? { kind: 'cpu', perCpu: 1, plus: 0 }
          : unknown(`calls ${fn}() with arguments`);
      }
      if (fn === 'int' || fn === 'float' || fn === 'str' || fn === 'bool') {
        const arg = args.positional[0];
        if (!arg || args.positional.length > 1)
          return unknown(`calls ${fn}() with ${args.positional.length} arguments`);
        return convert(fn, next(arg));
      }
      return unknown(`calls ${fn}(), which only running the file would tell`);
    }
    case 'MemberExpression': {
      const name = dottedName(ctx, node);
      return unknown(
        `reads ${name ?? 'an attribute or subscript'}, which only running the file would tell`,
      );
    }
    default:
      return unknown(
        `is a ${node.name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}, which the audit does not evaluate`,
      );
  }
}
