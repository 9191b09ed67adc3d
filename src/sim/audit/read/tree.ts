/**
 * JSON and YAML documents as located trees, read with `yaml` (https://eemeli.org/yaml/).
 * JSON is read by the same parser (YAML 1.2 is a superset of JSON), so every value keeps its
 * line and column. Nothing is converted to plain objects: a `__proto__` key is just a key,
 * and an alias is followed one step at a time from a fixed budget, so an alias bomb never
 * expands. CloudFormation's short-form intrinsic functions (`!Ref`, `!Sub`, `!GetAtt`…) are
 * custom tags: a tagged value is "cannot tell" unless it is `!Ref` to a parameter with a
 * default.
 */
import {
  Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  Schema,
  YAMLMap,
  YAMLSeq,
  type Node as YamlNode,
  type ParsedNode,
  type ScalarTag,
  type CollectionTag,
} from 'yaml';
import {
  aliasCountExceeds,
  bracketDepthExceeds,
  compactNestingExceeds,
  MAX_ALIASES,
  MAX_YAML_ENTRIES,
  nestingNotice,
  yamlEntriesExceed,
} from '../guard';
import { parseJsonNodes } from './json-tree';

const CFN_FUNCTIONS = [
  'Ref',
  'Sub',
  'GetAtt',
  'Join',
  'Select',
  'Split',
  'If',
  'Equals',
  'And',
  'Or',
  'Not',
  'Condition',
  'FindInMap',
  'ImportValue',
  'GetAZs',
  'Base64',
  'Cidr',
  'Transform',
  'ToJsonString',
  'Length',
];

/** CloudFormation short-form tags, for scalars, sequences and mappings. */
const CFN_TAGS: (ScalarTag | CollectionTag)[] = CFN_FUNCTIONS.flatMap((name) => {
  const scalar: ScalarTag = { tag: `!${name}`, resolve: (value: string) => value };
  const seq: CollectionTag = { tag: `!${name}`, collection: 'seq', nodeClass: YAMLSeq };
  const map: CollectionTag = { tag: `!${name}`, collection: 'map', nodeClass: YAMLMap };
  return [scalar, seq, map];
});

/**
 * One schema for every document. `yaml` otherwise builds a new schema for each document and
 * merges the custom tags into it one at a time, which dominated the time of a file of
 * thousands of small documents (a long `kubectl get -o yaml` dump). A text with no `!` cannot
 * use a short-form tag, so it gets the plain core schema (fewer tags to try per scalar). A
 * `%YAML` directive may ask for YAML 1.1, so such a text keeps yaml's own per-document schema.
 */
const CORE_SCHEMA = new Schema({ schema: 'core', resolveKnownTags: true });
const CFN_SCHEMA = new Schema({ schema: 'core', resolveKnownTags: true, customTags: CFN_TAGS });

function schemaFor(text: string): { schema: Schema } | { customTags: typeof CFN_TAGS } {
  if (/^%YAML/m.test(text)) return { customTags: CFN_TAGS };
  return { schema: text.includes('!') ? CFN_SCHEMA : CORE_SCHEMA };
}

/** How many alias steps one file may take before its reading stops. */
export const ALIAS_BUDGET = 10_000;

export interface TreeFile {
  readonly file: string;
  readonly docs: readonly Document.Parsed[];
  readonly lines: LineCounter;
  /** Remaining alias steps (shared by all lookups in the file). */
  aliasBudget: number;
}

export type Pos = { line: number; column: number };

export interface ParsedTree {
  readonly tree: TreeFile | null;
  readonly notice?: string;
}

/** Parses every document of a YAML or JSON text. */
export function parseTree(file: string, text: string): ParsedTree {
  if (bracketDepthExceeds(text) || compactNestingExceeds(text))
    return { tree: null, notice: nestingNotice() };
  if (aliasCountExceeds(text)) {
    return {
      tree: null,
      notice: `More than ${MAX_ALIASES} YAML aliases (*name): read as a possible alias bomb and not parsed.`,
    };
  }
  const json = parseJsonNodes(text);
  if (json) return { tree: jsonTree(file, text, json) };
  if (yamlEntriesExceed(text)) {
    return {
      tree: null,
      notice: `More than ${MAX_YAML_ENTRIES.toLocaleString('en-US')} YAML entries (keys, list items, documents): far more than any deployment file has, so it was not parsed.`,
    };
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, {
    ...schemaFor(text),
    lineCounter: lines,
    uniqueKeys: false,
    prettyErrors: false,
    strict: false,
  });
  const list = Array.isArray(docs) ? docs : [];
  const bad = list.find((d) => d.errors.length > 0);
  if (bad) {
    const err = bad.errors[0]!;
    const pos = lines.linePos(err.pos[0]);
    return {
      tree: null,
      notice: `Not valid YAML/JSON: ${err.message.split('\n')[0]} (line ${pos.line}). The file was not read.`,
    };
  }
  return { tree: { file, docs: list, lines, aliasBudget: ALIAS_BUDGET } };
}

/** A strict-JSON text's tree: one document, with the line index the YAML parser would keep. */
function jsonTree(file: string, text: string, contents: YamlNode): TreeFile {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  const doc = new Document(undefined, { schema: CORE_SCHEMA }) as Document.Parsed;
  doc.contents = contents as ParsedNode; // every node it builds has its range set
  return { file, docs: [doc], lines, aliasBudget: ALIAS_BUDGET };
}

/** Follows an alias (one step, from the file's budget). */
export function deref(tree: TreeFile, doc: Document.Parsed, node: unknown): YamlNode | undefined {
  let current = node;
  while (isAlias(current)) {
    if (tree.aliasBudget <= 0) return undefined;
    tree.aliasBudget--;
    current = current.resolve(doc);
  }
  return (current ?? undefined) as YamlNode | undefined;
}

/** A located view of one node inside one document. */
export class TNode {
  constructor(
    readonly tree: TreeFile,
    readonly doc: Document.Parsed,
    readonly node: YamlNode,
  ) {}

  get pos(): Pos {
    const offset = this.node.range?.[0] ?? 0;
    const p = this.tree.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }

  /** The CloudFormation function tag (`Ref`, `Sub`…) on this node, if any. */
  get cfnTag(): string | null {
    const tag = this.node.tag;
    return tag?.startsWith('!') ? tag.slice(1) : null;
  }

  private wrap(node: unknown): TNode | undefined {
    const n = deref(this.tree, this.doc, node);
    return n ? new TNode(this.tree, this.doc, n) : undefined;
  }

  isMap(): boolean {
    return isMap(this.node);
  }

  isSeq(): boolean {
    return isSeq(this.node);
  }

  /** A mapping's value by key (string keys only; the last duplicate wins, as in YAML loaders). */
  get(key: string): TNode | undefined {
    if (!isMap(this.node)) return undefined;
    let found: unknown;
    for (const pair of this.node.items) {
      const k = deref(this.tree, this.doc, pair.key);
      if (isScalar(k) && String(k.value) === key) found = pair.value;
    }
    return found === undefined ? undefined : this.wrap(found);
  }

  /** Follows a path of keys. */
  at(...keys: string[]): TNode | undefined {
    return keys.reduce<TNode | undefined>((node, key) => node?.get(key), this);
  }

  entries(): [string, TNode][] {
    if (!isMap(this.node)) return [];
    const out: [string, TNode][] = [];
    for (const pair of this.node.items) {
      const k = deref(this.tree, this.doc, pair.key);
      const v = this.wrap(pair.value);
      if (isScalar(k) && v) out.push([String(k.value), v]);
    }
    return out;
  }

  items(): TNode[] {
    if (!isSeq(this.node)) return [];
    const out: TNode[] = [];
    for (const item of this.node.items) {
      const v = this.wrap(item);
      if (v) out.push(v);
    }
    return out;
  }

  /** A plain (untagged) scalar's value as a string; numbers and booleans are stringified. */
  str(): string | undefined {
    if (!isScalar(this.node) || this.cfnTag !== null) return undefined;
    const v = this.node.value;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return undefined;
  }

  /** A number, or a string holding only a number (the AWS CLI prints attributes as strings). */
  num(): number | undefined {
    const s = this.str();
    if (s === undefined || s.trim() === '') return undefined;
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
  }

  bool(): boolean | undefined {
    if (!isScalar(this.node) || this.cfnTag !== null) return undefined;
    const v = this.node.value;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    return undefined;
  }

  /** Every string of a list of scalars. */
  strings(): string[] | undefined {
    if (!this.isSeq()) return undefined;
    const out: string[] = [];
    for (const item of this.items()) {
      const s = item.str();
      if (s === undefined) return undefined;
      out.push(s);
    }
    return out;
  }
}

/** The root of every document that has one. */
export function roots(tree: TreeFile): TNode[] {
  const out: TNode[] = [];
  for (const doc of tree.docs) {
    const root = deref(tree, doc, doc.contents);
    if (root) out.push(new TNode(tree, doc, root));
  }
  return out;
}
