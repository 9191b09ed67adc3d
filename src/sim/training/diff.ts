/**
 * A line diff for "show solution" beside a learner's text answer: the longest common
 * subsequence of lines, reported as kept / removed (only in the learner's answer) / added
 * (only in the solution). Quadratic, so inputs are capped; exercise answers are short.
 */
export type DiffOp = 'same' | 'removed' | 'added';

export interface DiffLine {
  readonly op: DiffOp;
  readonly text: string;
}

/** Above this many lines on either side the diff degrades to "all removed, all added". */
export const MAX_DIFF_LINES = 400;

function splitIntoLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

export function diffLines(mine: string, theirs: string): DiffLine[] {
  const a = splitIntoLines(mine);
  const b = splitIntoLines(theirs);
  if (a.length > MAX_DIFF_LINES || b.length > MAX_DIFF_LINES) {
    return [
      ...a.map((text) => ({ op: 'removed' as const, text })),
      ...b.map((text) => ({ op: 'added' as const, text })),
    ];
  }
  // lengths[i][j] = LCS length of a[i..] and b[j..]
  const width = b.length + 1;
  const lengths = new Uint16Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i]! });
      i += 1;
      j += 1;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      out.push({ op: 'removed', text: a[i]! });
      i += 1;
    } else {
      out.push({ op: 'added', text: b[j]! });
      j += 1;
    }
  }
  for (; i < a.length; i += 1) out.push({ op: 'removed', text: a[i]! });
  for (; j < b.length; j += 1) out.push({ op: 'added', text: b[j]! });
  return out;
}
