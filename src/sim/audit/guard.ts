/**
 * Pre-checks that keep hostile input cheap. The YAML parser's time grows with the square of
 * flow nesting (`[[[[…`) and of compact block nesting (`- - - - …`), and the Python parser's
 * with deep brackets: measured, 10,000 nested `[` take a second and 50,000 exhaust memory;
 * 300,000 nested `(` take half a minute in `@lezer/python`. No deployment file nests that
 * deep, so a file past the limit gets a notice instead of a parse.
 */

export const MAX_NESTING = 200;

/** Deepest bracket nesting, counted without regard to quotes (a guard, not a parser). */
export function bracketDepthExceeds(text: string, limit = MAX_NESTING): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123 || c === 40) {
      if (++depth > limit) return true;
    } else if ((c === 93 || c === 125 || c === 41) && depth > 0) depth--;
  }
  return false;
}

/** A line starting with more than `limit` compact block entries (`- - - …` or `? ? …`). */
export function compactNestingExceeds(text: string, limit = MAX_NESTING / 4): boolean {
  let count = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      count = 0;
      atLineStart = true;
      continue;
    }
    if (!atLineStart) continue;
    if (c === 32 || c === 9) continue;
    if ((c === 45 || c === 63) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) {
      if (++count > limit) return true;
      i++;
      continue;
    }
    atLineStart = false;
  }
  return false;
}

export function nestingNotice(): string {
  return `Nested more than ${MAX_NESTING} levels deep: no deployment file does that, so it was not parsed.`;
}
