/**
 * Reads Python files without running them (`@lezer/python` syntax tree + python-eval.ts):
 * - a Gunicorn config file's top-level settings (https://gunicorn.org/reference/settings/);
 * - the Flask side of any Python file: a `ProxyFix(...)` call (Werkzeug
 *   https://werkzeug.palletsprojects.com/en/stable/middleware/proxy_fix/), `app.config` keys
 *   (`TRUSTED_HOSTS`, `SESSION_COOKIE_SECURE`, `PREFERRED_URL_SCHEME`,
 *   https://flask.palletsprojects.com/en/stable/config/), SQLAlchemy `pool_size` /
 *   `max_overflow` (`create_engine`, `SQLALCHEMY_ENGINE_OPTIONS`, `engine_options`), and
 *   health routes whose handler queries the database.
 */
import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';
import { setGunicorn, type Facts, type ReadOutcome, type Val, type WorkersValue } from '../facts';
import { indexLines, positionAt, type LineIndex } from '../position';
import {
  callArgs,
  dottedName,
  evaluate,
  src,
  type EvalContext,
  type PyResult,
} from './python-eval';

interface Ctx extends EvalContext {
  readonly file: string;
  readonly lines: LineIndex;
  readonly names: Map<string, PyResult>;
  readonly outcome: ReadOutcome;
}

function atOffset<T>(ctx: Ctx, offset: number, value: T): Val<T> {
  const { line, column } = positionAt(ctx.lines, offset);
  return { value, file: ctx.file, line, column };
}

function at<T>(ctx: Ctx, node: SyntaxNode, value: T): Val<T> {
  return atOffset(ctx, node.from, value);
}

function cannotTell(ctx: Ctx, setting: string, node: SyntaxNode, reason: string): void {
  const { line, column } = positionAt(ctx.lines, node.from);
  if (ctx.outcome.cannotTell.length < 200) {
    ctx.outcome.cannotTell.push({ setting, line, column, reason });
  }
}

/** Parses and walks a Python file: the tree, a syntax-error notice when there is one. */
function parsePython(ctx: Ctx): SyntaxNode {
  const tree = parser.parse(ctx.text);
  const found = { error: -1 };
  tree.iterate({
    enter(n) {
      if (n.type.isError && found.error < 0) found.error = n.from;
      return found.error < 0;
    },
  });
  if (found.error >= 0) {
    const { line } = positionAt(ctx.lines, found.error);
    ctx.outcome.notice = `Python syntax error near line ${line}: what parses around it is still read.`;
  }
  return tree.topNode;
}

function makeCtx(file: string, text: string, outcome: ReadOutcome): Ctx {
  return { file, text, lines: indexLines(text), names: new Map(), envReads: [], outcome };
}

/** `NAME = value` / `NAME: T = value`: the target name and the value node. */
function simpleAssignment(ctx: Ctx, node: SyntaxNode): { name: string; value: SyntaxNode } | null {
  const target = node.firstChild;
  if (target?.name !== 'VariableName') return null;
  let op = target.nextSibling;
  if (op?.name === 'TypeDef') op = op.nextSibling;
  if (op?.name !== 'AssignOp' || src(ctx, op) !== '=') return null;
  const value = op.nextSibling;
  if (!value || value.nextSibling) return null; // chained a = b = 1
  return { name: src(ctx, target), value };
}

const INT_SETTINGS = {
  threads: 'threads',
  keepalive: 'keepalive',
  timeout: 'timeout',
  graceful_timeout: 'gracefulTimeout',
} as const;

function listOfStrings(v: PyResult): readonly string[] | null {
  if (v.kind === 'str')
    return v.s
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (v.kind === 'list' && v.items.every((i) => i.kind === 'str')) {
    return v.items.map((i) => i.s);
  }
  return null;
}

function applyGunicornSetting(
  ctx: Ctx,
  facts: Facts,
  name: string,
  valueNode: SyntaxNode,
  v: PyResult,
): void {
  if (v.kind === 'unknown') {
    cannotTell(ctx, name, valueNode, `The value ${v.reason}.`);
    return;
  }
  if (name === 'workers') {
    let w: WorkersValue | null = null;
    if (v.kind === 'num' && Number.isInteger(v.n)) w = v.n;
    if (v.kind === 'cpu') w = { perCpu: v.perCpu, plus: v.plus };
    if (w === null) cannotTell(ctx, name, valueNode, 'The value is not a whole number.');
    else setGunicorn(facts, 'workers', at(ctx, valueNode, w), 'config-file');
    return;
  }
  if (name in INT_SETTINGS) {
    const key = INT_SETTINGS[name as keyof typeof INT_SETTINGS];
    if (v.kind === 'num') setGunicorn(facts, key, at(ctx, valueNode, v.n), 'config-file');
    else cannotTell(ctx, name, valueNode, 'The value is not a number.');
    return;
  }
  if (name === 'worker_class') {
    if (v.kind === 'str') setGunicorn(facts, 'workerClass', at(ctx, valueNode, v.s), 'config-file');
    else cannotTell(ctx, name, valueNode, 'The value is not a string.');
    return;
  }
  if (name === 'preload_app') {
    if (v.kind === 'bool') setGunicorn(facts, 'preloadApp', at(ctx, valueNode, v.b), 'config-file');
    return;
  }
  if (name === 'forwarded_allow_ips' || name === 'bind') {
    const list = listOfStrings(v);
    if (list === null)
      cannotTell(ctx, name, valueNode, 'The value is not a string or a list of strings.');
    else
      setGunicorn(
        facts,
        name === 'bind' ? 'bind' : 'forwardedAllowIps',
        at(ctx, valueNode, list),
        'config-file',
      );
  }
}

const GUNICORN_NAMES = new Set([
  'workers',
  'worker_class',
  'preload_app',
  'forwarded_allow_ips',
  'bind',
  ...Object.keys(INT_SETTINGS),
]);

/**
 * Evaluates the module's top-level `NAME = value` statements in order, binding each name for
 * later expressions (`TRUSTED_HOSTS = HOSTS`), and hands each to `visit`.
 */
function bindTopLevelNames(
  ctx: Ctx,
  top: SyntaxNode,
  visit: (name: string, value: SyntaxNode, result: PyResult) => void = () => undefined,
): void {
  for (let stmt = top.firstChild; stmt; stmt = stmt.nextSibling) {
    if (stmt.name !== 'AssignStatement') continue;
    const a = simpleAssignment(ctx, stmt);
    if (!a) continue;
    const v = evaluate(ctx, a.value);
    ctx.names.set(a.name, v);
    visit(a.name, a.value, v);
  }
}

/** Top-level assignments of a Gunicorn config file. */
export function readGunicornConf(
  file: string,
  text: string,
  facts: Facts,
  outcome: ReadOutcome,
): void {
  const ctx = makeCtx(file, text, outcome);
  const top = parsePython(ctx);
  bindTopLevelNames(ctx, top, (name, value, v) => {
    if (GUNICORN_NAMES.has(name)) applyGunicornSetting(ctx, facts, name, value, v);
  });
  // A setting assigned inside if/try/for/def depends on running the file.
  top.cursor().iterate((n) => {
    if (n.name !== 'AssignStatement' || n.node.parent?.name === 'Script') return;
    const a = simpleAssignment(ctx, n.node);
    if (a && GUNICORN_NAMES.has(a.name)) {
      cannotTell(
        ctx,
        a.name,
        a.value,
        'It is assigned inside a block (if, try, for, def): which assignment wins depends on running the file.',
      );
    }
  });
  readFlask(ctx, facts, top);
}

const PROXY_FIX_ORDER = ['x_for', 'x_proto', 'x_host', 'x_port', 'x_prefix'] as const;
const PROXY_FIX_DEFAULTS = { x_for: 1, x_proto: 1, x_host: 0, x_port: 0, x_prefix: 0 };

function readProxyFix(ctx: Ctx, facts: Facts, call: SyntaxNode, argList: SyntaxNode): void {
  const args = callArgs(ctx, argList);
  if (args.spread) {
    cannotTell(ctx, 'ProxyFix', call, 'It is called with * or ** arguments.');
    return;
  }
  const counts = { ...PROXY_FIX_DEFAULTS };
  const given: [string, SyntaxNode | undefined][] = PROXY_FIX_ORDER.map((k, i) => [
    k,
    args.keywords.get(k) ?? args.positional[i + 1],
  ]);
  for (const [key, node] of given) {
    if (!node) continue;
    const v = evaluate(ctx, node);
    if (v.kind !== 'num' || !Number.isInteger(v.n) || v.n < 0) {
      cannotTell(
        ctx,
        `ProxyFix ${key}`,
        node,
        v.kind === 'unknown' ? `The value ${v.reason}.` : 'The value is not a whole number ≥ 0.',
      );
      return;
    }
    counts[key as keyof typeof counts] = v.n;
  }
  facts.flask.proxyFix = at(ctx, call, counts);
}

function setConfigKey(ctx: Ctx, facts: Facts, key: string, node: SyntaxNode): void {
  const f = facts.flask;
  const watched = [
    'TRUSTED_HOSTS',
    'SESSION_COOKIE_SECURE',
    'PREFERRED_URL_SCHEME',
    'SQLALCHEMY_ENGINE_OPTIONS',
  ];
  if (!watched.includes(key)) return;
  const v = evaluate(ctx, node);
  if (v.kind === 'unknown') {
    cannotTell(ctx, key, node, `The value ${v.reason}.`);
    return;
  }
  if (key === 'TRUSTED_HOSTS') {
    if (v.kind === 'none') delete f.trustedHosts;
    else if (v.kind === 'list' && v.items.every((i) => i.kind === 'str')) {
      f.trustedHosts = at(
        ctx,
        node,
        v.items.map((i) => i.s),
      );
    } else cannotTell(ctx, key, node, 'The value is not a list of strings.');
  } else if (key === 'SESSION_COOKIE_SECURE') {
    if (v.kind === 'bool') f.sessionCookieSecure = at(ctx, node, v.b);
  } else if (key === 'PREFERRED_URL_SCHEME') {
    if (v.kind === 'str') f.preferredUrlScheme = at(ctx, node, v.s);
  } else if (v.kind === 'dict') {
    readPoolOptions(ctx, facts, v.entries);
  }
}

function readPoolOptions(
  ctx: Ctx,
  facts: Facts,
  entries: ReadonlyMap<string, { value: PyResult; node: SyntaxNode }>,
): void {
  for (const [name, key] of [
    ['pool_size', 'poolSize'],
    ['max_overflow', 'maxOverflow'],
  ] as const) {
    const e = entries.get(name);
    if (!e) continue;
    if (e.value.kind === 'num' && Number.isInteger(e.value.n))
      facts.flask[key] = at(ctx, e.node, e.value.n);
    else
      cannotTell(
        ctx,
        name,
        e.node,
        e.value.kind === 'unknown'
          ? `The value ${e.value.reason}.`
          : 'The value is not a whole number.',
      );
  }
}

const DB_USE =
  /\b(?:db|database)\s*\.|\bsession\s*\.\s*(?:execute|query|scalar)|\bengine\s*\.\s*(?:connect|begin)|\.execute\s*\(|\bcursor\s*\(|\bSELECT\s+1\b/i;
const HEALTH_PATH = /health|live|ready|status|ping/i;

function readRoute(ctx: Ctx, facts: Facts, decorated: SyntaxNode): void {
  const fn = decorated.getChild('FunctionDefinition');
  const body = fn?.getChild('Body');
  if (!body) return;
  for (const dec of decorated.getChildren('Decorator')) {
    const args = dec.getChild('ArgList');
    const method = dec.lastChild?.prevSibling;
    if (!args || !method) continue;
    const verb = src(ctx, method);
    if (!['route', 'get'].includes(verb)) continue;
    const first = callArgs(ctx, args).positional[0];
    const path = first ? evaluate(ctx, first) : null;
    if (path?.kind !== 'str' || !HEALTH_PATH.test(path.s)) continue;
    const m = DB_USE.exec(src(ctx, body));
    if (m) facts.flask.dbHealthRoutes.set(path.s, atOffset(ctx, body.from + m.index, m[0]));
  }
}

/** Flask settings from any Python file. */
export function readFlask(ctx: Ctx, facts: Facts, top: SyntaxNode): void {
  top.cursor().iterate((ref) => {
    const name = ref.name;
    // Only three kinds of node matter: taking `.node` allocates, so skip the rest first.
    if (name !== 'CallExpression' && name !== 'AssignStatement' && name !== 'DecoratedStatement')
      return;
    const n = ref.node;
    if (n.name === 'CallExpression') {
      const callee = n.firstChild;
      const argList = n.getChild('ArgList');
      const fn = callee ? dottedName(ctx, callee) : null;
      if (!fn || !argList) return;
      const last = fn.split('.').pop()!;
      if (last === 'ProxyFix') readProxyFix(ctx, facts, n, argList);
      else if (last === 'Flask' && !facts.flask.appAt) facts.flask.appAt = at(ctx, n, 'Flask(...)');
      else if (fn.endsWith('config.update') || fn.endsWith('config.from_mapping')) {
        const args = callArgs(ctx, argList);
        for (const [k, v] of args.keywords) setConfigKey(ctx, facts, k, v);
        const mapping = args.positional[0];
        if (mapping?.name === 'DictionaryExpression') {
          const v = evaluate(ctx, mapping);
          if (v.kind === 'dict')
            for (const [k, e] of v.entries) setConfigKey(ctx, facts, k, e.node);
        }
      } else if (last === 'create_engine' || last === 'SQLAlchemy') {
        const args = callArgs(ctx, argList);
        const entries = new Map<string, { value: PyResult; node: SyntaxNode }>();
        for (const [k, v] of args.keywords) entries.set(k, { value: evaluate(ctx, v), node: v });
        const opts = args.keywords.get('engine_options');
        if (opts) {
          const v = evaluate(ctx, opts);
          if (v.kind === 'dict') for (const [k, e] of v.entries) entries.set(k, e);
        }
        readPoolOptions(ctx, facts, entries);
      }
      return;
    }
    if (n.name === 'AssignStatement') {
      const target = n.firstChild;
      const op = target?.nextSibling;
      const value = op?.nextSibling;
      if (!target || op?.name !== 'AssignOp' || !value) return;
      // app.config["KEY"] = value
      if (target.name === 'MemberExpression' && target.getChild('[')) {
        const obj = target.firstChild;
        const keyNode = target.getChild('String');
        const objName = obj ? dottedName(ctx, obj) : null;
        if (objName?.endsWith('config') && keyNode) {
          const key = evaluate(ctx, keyNode);
          if (key.kind === 'str') setConfigKey(ctx, facts, key.s, value);
        }
        return;
      }
      // KEY = value at module level or in a config class (app.config.from_object).
      const a = simpleAssignment(ctx, n);
      const parent = n.parent?.name;
      if (a && /^[A-Z_]+$/.test(a.name) && (parent === 'Script' || parent === 'Body')) {
        setConfigKey(ctx, facts, a.name, a.value);
      }
      return;
    }
    if (n.name === 'DecoratedStatement') readRoute(ctx, facts, n);
  });
}

/** Any Python file: the Flask side. */
export function readPythonFile(
  file: string,
  text: string,
  facts: Facts,
  outcome: ReadOutcome,
): void {
  const ctx = makeCtx(file, text, outcome);
  facts.flask.appFiles.push(file);
  const top = parsePython(ctx);
  // Module-level literal names first, so `TRUSTED_HOSTS = HOSTS` can follow `HOSTS = [...]`.
  bindTopLevelNames(ctx, top);
  readFlask(ctx, facts, top);
}
