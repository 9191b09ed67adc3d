/**
 * A fast path for strict JSON (RFC 8259, https://www.rfc-editor.org/rfc/rfc8259): builds the
 * same located `yaml` nodes (maps, sequences, scalars with their source offsets) that
 * `parseAllDocuments` would, in one linear pass. The general YAML parser spends several
 * times longer on a large JSON file (measured: a 1 MB `describe-task-definition` dump took
 * most of a second), and JSON is what the AWS CLI and `terraform show -json` print.
 * Anything that is not strict JSON (YAML flow style, comments, a byte-order mark, trailing
 * commas) returns null, and the caller parses it as YAML as before, with YAML's messages.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq, type Node as YamlNode } from 'yaml';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class NotJson extends Error {}

function fail(): never {
  throw new NotJson();
}

/** Parses strict JSON into located yaml nodes; null when the text is not strict JSON. */
export function parseJsonNodes(text: string): YamlNode | null {
  let i = 0;
  const n = text.length;

  const skipSpace = (): void => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return;
    }
  };

  const string = (): Scalar => {
    const start = i;
    let escaped = false;
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        i++;
      } else if (c < 32) fail();
    }
    if (i >= n) fail();
    i++;
    const raw = text.slice(start, i);
    const node = new Scalar(escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1));
    node.range = [start, i, i];
    return node;
  };

  const value = (): YamlNode => {
    skipSpace();
    const start = i;
    const c = text.charCodeAt(i);
    if (c === 123) {
      const map = new YAMLMap();
      i++;
      skipSpace();
      if (text.charCodeAt(i) === 125) i++;
      else {
        for (;;) {
          skipSpace();
          if (text.charCodeAt(i) !== 34) fail();
          const key = string();
          skipSpace();
          if (text.charCodeAt(i) !== 58) fail();
          i++;
          map.items.push(new Pair(key, value()));
          skipSpace();
          const next = text.charCodeAt(i++);
          if (next === 125) break;
          if (next !== 44) fail();
        }
      }
      map.range = [start, i, i];
      return map;
    }
    if (c === 91) {
      const seq = new YAMLSeq();
      i++;
      skipSpace();
      if (text.charCodeAt(i) === 93) i++;
      else {
        for (;;) {
          seq.items.push(value());
          skipSpace();
          const next = text.charCodeAt(i++);
          if (next === 93) break;
          if (next !== 44) fail();
        }
      }
      seq.range = [start, i, i];
      return seq;
    }
    if (c === 34) return string();
    let scalar: Scalar;
    if (text.startsWith('true', i)) {
      scalar = new Scalar(true);
      i += 4;
    } else if (text.startsWith('false', i)) {
      scalar = new Scalar(false);
      i += 5;
    } else if (text.startsWith('null', i)) {
      scalar = new Scalar(null);
      i += 4;
    } else {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m || m[0] === '') fail();
      scalar = new Scalar(Number(m[0]));
      i += m[0].length;
    }
    scalar.range = [start, i, i];
    return scalar;
  };

  try {
    skipSpace();
    const c = text.charCodeAt(i);
    if (c !== 123 && c !== 91) return null;
    const root = value();
    skipSpace();
    return i === n ? root : null;
  } catch (error) {
    if (error instanceof NotJson || error instanceof SyntaxError) return null;
    throw error;
  }
}
