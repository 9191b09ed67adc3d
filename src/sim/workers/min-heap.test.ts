import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from './min-heap';

describe('MinHeap', () => {
  it('pops keys in ascending order, equal keys in insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (keys) => {
        const heap = new MinHeap<number>();
        keys.forEach((key, index) => {
          heap.push(key, index);
        });
        const popped: number[] = [];
        for (let item = heap.pop(); item !== undefined; item = heap.pop()) popped.push(item);
        const expected = keys.map((key, index) => ({ key, index }));
        expected.sort((a, b) => a.key - b.key || a.index - b.index);
        expect(popped).toEqual(expected.map((entry) => entry.index));
        expect(heap.size).toBe(0);
        expect(heap.peekKey()).toBe(Infinity);
      }),
    );
  });

  it('always pops the smallest key still inside when pushes and pops interleave', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: 0, max: 1000, noNaN: true }), { nil: undefined }), {
          maxLength: 200,
        }),
        (ops) => {
          const heap = new MinHeap<number>();
          const inside: number[] = [];
          for (const op of ops) {
            if (op === undefined) {
              const item = heap.pop();
              if (inside.length === 0) {
                expect(item).toBeUndefined();
                continue;
              }
              const smallest = Math.min(...inside);
              expect(item).toBe(smallest);
              inside.splice(inside.indexOf(smallest), 1);
            } else {
              heap.push(op, op);
              inside.push(op);
            }
            expect(heap.size).toBe(inside.length);
          }
        },
      ),
    );
  });
});
