/**
 * Nameprep (RFC 3491) as Python's "idna" codec applies it to a non-ASCII label
 * (`encodings/idna.py` `nameprep`): map (B.1 to nothing, B.2 case folding), NFKC as of Unicode
 * 3.2, refuse prohibited characters (C.1.2, C.2.2, C.3–C.9) and check the bidi rule (D.1/D.2).
 * Unassigned code points are allowed, as in Python.
 *
 * The engine's own toLowerCase() and normalize('NFKC') do most of the work; the generated tables
 * in nameprep-tables.ts hold only where they differ from Python's Unicode 3.2 data (ß → ss,
 * final sigma, characters newer than Unicode 3.2, …). idna.python.test.ts checks every code
 * point against Python. Loaded on demand: see nameprep.ts.
 */
import {
  LEFT_TO_RIGHT,
  MAPPED,
  MAP_TO_NOTHING,
  PROHIBITED,
  RAND_AL,
  UNCHANGED,
} from './nameprep-tables';

/** Sorted, flattened [start, end, start, end, …]. */
type Ranges = readonly number[];

interface Tables {
  readonly nothing: Ranges;
  readonly unchanged: Ranges;
  readonly mapped: ReadonlyMap<number, string>;
  readonly prohibited: Ranges;
  readonly randAl: Ranges;
  readonly leftToRight: Ranges;
}

function parseRanges(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const dash = part.indexOf('-');
    const start = parseInt(dash < 0 ? part : part.slice(0, dash), 16);
    out.push(start, dash < 0 ? start : parseInt(part.slice(dash + 1), 16));
  }
  return out;
}

function parseMap(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const entry of text.split(',')) {
    const [from, to] = entry.split(':') as [string, string];
    const replacement = to === '' ? [] : to.split(' ').map((h) => parseInt(h, 16));
    out.set(parseInt(from, 16), String.fromCodePoint(...replacement));
  }
  return out;
}

let tables: Tables | null = null;

function load(): Tables {
  tables ??= {
    nothing: parseRanges(MAP_TO_NOTHING),
    unchanged: parseRanges(UNCHANGED),
    mapped: parseMap(MAPPED),
    prohibited: parseRanges(PROHIBITED),
    randAl: parseRanges(RAND_AL),
    leftToRight: parseRanges(LEFT_TO_RIGHT),
  };
  return tables;
}

function inRanges(ranges: Ranges, cp: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < ranges[mid * 2]!) hi = mid - 1;
    else if (cp > ranges[mid * 2 + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * NFKC, then lower case again (B.2 is closed under NFKC for the characters Unicode 3.2 had).
 * One code point at a time: a whole-string toLowerCase() would turn a word-final Σ into ς.
 */
function normalise(text: string): string {
  if (text === '') return '';
  let out = '';
  for (const ch of text.normalize('NFKC')) out += ch.toLowerCase();
  return out;
}

/** Python `encodings.idna.nameprep`; null where Python raises. */
export function nameprep(label: string): string | null {
  const t = load();
  let out = '';
  let run = '';
  for (const ch of label) {
    const cp = ch.codePointAt(0)!;
    if (inRanges(t.nothing, cp)) continue;
    if (inRanges(t.unchanged, cp)) {
      // Unicode 3.2 knew nothing to do with it: keep it out of this engine's NFKC.
      out += normalise(run) + ch;
      run = '';
      continue;
    }
    run += t.mapped.get(cp) ?? ch.toLowerCase();
  }
  out += normalise(run);

  const cps = Array.from(out, (ch) => ch.codePointAt(0)!);
  if (cps.some((cp) => inRanges(t.prohibited, cp))) return null;
  const rightToLeft = cps.map((cp) => inRanges(t.randAl, cp));
  if (rightToLeft.includes(true)) {
    // RFC 3454 §6: no left-to-right character, and right-to-left characters at both ends.
    if (cps.some((cp) => inRanges(t.leftToRight, cp))) return null;
    if (!rightToLeft[0] || !rightToLeft[rightToLeft.length - 1]) return null;
  }
  return out;
}
