import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines } from './diff';

describe('diffLines', () => {
  it('marks the changed line as removed and added, keeping the rest', () => {
    expect(diffLines('FROM a\nCMD x\nUSER u', 'FROM a\nCMD y\nUSER u')).toEqual([
      { op: 'same', text: 'FROM a' },
      { op: 'removed', text: 'CMD x' },
      { op: 'added', text: 'CMD y' },
      { op: 'same', text: 'USER u' },
    ]);
  });

  it('rebuilds both texts from the diff (property)', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 12 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const diff = diffLines(a.join('\n'), b.join('\n'));
        expect(
          diff
            .filter((d) => d.op !== 'added')
            .map((d) => d.text)
            .join('\n'),
        ).toBe(a.join('\n'));
        expect(
          diff
            .filter((d) => d.op !== 'removed')
            .map((d) => d.text)
            .join('\n'),
        ).toBe(b.join('\n'));
      }),
    );
  });

  it('copes with huge inputs without a quadratic blow-up', () => {
    const big = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n');
    expect(diffLines(big, 'x').length).toBe(5001);
  });
});
