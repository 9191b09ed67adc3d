/** Offsets to 1-based line and column, computed once per text. */
export interface LineIndex {
  readonly lineStarts: readonly number[];
}

export function indexLines(text: string): LineIndex {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  }
  return { lineStarts };
}

/** 1-based line and column of an offset (clamped into the text). */
export function positionAt(index: LineIndex, offset: number): { line: number; column: number } {
  const starts = index.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: Math.max(0, offset - starts[lo]!) + 1 };
}
