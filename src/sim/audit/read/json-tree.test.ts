/**
 * The strict-JSON fast path must build the same located tree the YAML parser builds for the
 * same text (every value, every position), and must hand anything else back to the YAML
 * parser rather than guess.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { parseJsonNodes } from './json-tree';

/** Values and start offsets of a node tree, in a shape `toEqual` can compare. */
function shape(node: unknown): unknown {
  if (isMap(node))
    return {
      at: node.range?.[0],
      map: node.items.map((p) => [shape(p.key), shape(p.value)]),
    };
  if (isSeq(node)) return { at: node.range?.[0], seq: node.items.map(shape) };
  if (isScalar(node)) return { at: node.range?.[0], value: node.value };
  return { other: String(node) };
}

function viaYaml(text: string): unknown {
  return shape(parseDocument(text, { uniqueKeys: false }).contents);
}

describe('strict JSON fast path', () => {
  it('builds the tree the YAML parser builds, positions included', () => {
    const root = fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue()));
    fc.assert(
      fc.property(root, fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(shape(parseJsonNodes(text))).toEqual(viaYaml(text));
      }),
    );
  });

  it('keeps duplicate and __proto__ keys as plain keys, as the YAML parser does', () => {
    const text = '{"__proto__": {"polluted": true}, "a": 1, "a": 2}';
    expect(shape(parseJsonNodes(text))).toEqual(viaYaml(text));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('hands anything but strict JSON back to the YAML parser', () => {
    for (const text of [
      '{a: 1}',
      '{"a": 1,}',
      '[1, 2] # comment',
      '\uFEFF{"a": 1}',
      '{"a": 01}',
      '{"a": "tab\there"}',
      '{"a": 1',
      '"just a string"',
      'services:\n  web: {}',
      '{"a": 1}\n---\n{"b": 2}',
    ])
      expect(parseJsonNodes(text), text).toBeNull();
  });
});
