/**
 * The few Python string semantics that Werkzeug's behaviour depends on, so the TypeScript
 * model agrees with CPython character for character (JavaScript's `trim()` and
 * `parseInt()` differ from Python's `str.strip()` and `int()`).
 */

/** Characters for which CPython's `str.isspace()` is true (what `str.strip()` removes). */
const PY_WHITESPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001,
  0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
  0x205f, 0x3000,
]);

function isPyWhitespace(char: string): boolean {
  return PY_WHITESPACE.has(char.charCodeAt(0));
}

/** Python `s.strip()` with no argument. */
export function pyStrip(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isPyWhitespace(value[start]!)) start += 1;
  while (end > start && isPyWhitespace(value[end - 1]!)) end -= 1;
  return value.slice(start, end);
}

/** Python `s.rstrip(chars)`. */
export function pyRstrip(value: string, chars: string): string {
  let end = value.length;
  while (end > 0 && chars.includes(value[end - 1]!)) end -= 1;
  return value.slice(0, end);
}

/**
 * Python `str(int(s))` for a str: surrounding whitespace allowed, an optional sign, ASCII
 * digits with single underscores between them; the result is the canonical decimal form
 * (`' +0080 '` gives `'80'`). Returns null where Python raises ValueError. (Non-ASCII
 * decimal digits, which Python also accepts, are treated as invalid.)
 */
export function pyIntString(value: string): string | null {
  const text = pyStrip(value);
  if (!/^[+-]?[0-9]+(?:_[0-9]+)*$/.test(text)) return null;
  return BigInt(text.replace(/_/g, '')).toString();
}
