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

export const MAX_ALIASES = 1000;

/**
 * More YAML alias references (`*name`) than any deployment file uses. The `yaml` parser's
 * time grows faster than linearly with the number of aliases (measured: 166,000 `b: *a`
 * lines took over ten seconds), and a file full of aliases is the shape of an alias bomb.
 */
export function aliasCountExceeds(text: string, limit = MAX_ALIASES): boolean {
  let count = 0;
  for (let i = text.indexOf('*'); i >= 0; i = text.indexOf('*', i + 1)) {
    const before = i === 0 ? 32 : text.charCodeAt(i - 1);
    const after = text.charCodeAt(i + 1);
    const opens =
      before === 32 ||
      before === 9 ||
      before === 10 ||
      before === 91 ||
      before === 123 ||
      before === 44;
    const named =
      (after >= 48 && after <= 57) ||
      (after >= 65 && after <= 90) ||
      (after >= 97 && after <= 122) ||
      after === 95 ||
      after === 45;
    if (opens && named && ++count > limit) return true;
  }
  return false;
}

export const MAX_YAML_ENTRIES = 100_000;

/**
 * More YAML entries than any deployment file has: block keys (`key:`), list items (`- `),
 * flow items (`,`) and documents (`---`), counted roughly in one pass (a guard, not a parser:
 * it may count a `, ` inside a string). The `yaml` parser's time and memory grow with the
 * number of nodes, not bytes: measured, 1 MB of `1,1,1,…` in one flow list took over 3 s of
 * CPU and 500 MB, and 260,000 empty documents (`---` lines) over 2 s and 300 MB, while
 * 100,000 entries take under a second and 200 MB. A 1 MB file of realistic manifests has
 * tens of thousands.
 */
export function yamlEntriesExceed(text: string, limit = MAX_YAML_ENTRIES): boolean {
  let count = 0;
  let lineStart = true;
  const blankAfter = (i: number) => {
    const c = text.charCodeAt(i);
    return Number.isNaN(c) || c === 32 || c === 10 || c === 13 || c === 9;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      continue;
    }
    if (lineStart) {
      if (c === 32 || c === 9) continue;
      lineStart = false;
      if ((c === 45 || c === 63) && blankAfter(i + 1))
        count++; // `- item`, `? key`
      else if (c === 45 && text.startsWith('---', i) && blankAfter(i + 3)) count++;
    }
    if (c === 44 || (c === 58 && blankAfter(i + 1))) count++; // `,` and `key:`
    if (count > limit) return true;
  }
  return false;
}

export const MAX_PYTHON_TOKENS = 600_000;

/**
 * More Python tokens than any configuration or app module has: names and numbers (counted
 * where a run of letters or digits starts), punctuation and line ends, counted in one pass
 * without regard to strings or comments (a guard, not a tokenizer). `@lezer/python`'s time
 * and memory grow with the number of tokens, not bytes: measured, 1 MB of `x=1` lines (a
 * million tokens) took 1.9 s of CPU and a 1 MB list `[1,1,1,…]` 1.9 s and 300 MB; 596,000
 * tokens of `x=1` take about 1 s and 170 MB. A
 * 1 MB file of ordinary code counts 250,000 to 450,000 (dense Flask routes).
 */
export function pythonTokensExceed(text: string, limit = MAX_PYTHON_TOKENS): boolean {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const word =
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
    if (word) {
      if (!inWord) count++;
      inWord = true;
      continue;
    }
    inWord = false;
    if (c !== 32 && c !== 9 && c !== 13) count++; // punctuation, quotes and line ends
    if (count > limit) return true;
  }
  return false;
}

export function pythonTokensNotice(): string {
  return `More than ${MAX_PYTHON_TOKENS.toLocaleString('en-US')} Python tokens: far more than any configuration file or app module has, so it was not parsed.`;
}

export const MAX_DOCKERFILE_LINES = 20_000;

/**
 * A Dockerfile longer than any real one (they run to hundreds of lines). The Dockerfile model
 * keeps every instruction with its variables: measured, 1 MB of `ENV a=1` lines (130,000
 * instructions) peaked near 250 MB.
 */
export function linesExceed(text: string, limit: number): boolean {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
    if (++count > limit) return true;
  return false;
}
