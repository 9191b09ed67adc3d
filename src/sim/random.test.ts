import { describe, expect, it } from 'vitest';
import { createRandom, sampleExponential, sampleInt } from './random';

describe('createRandom', () => {
  it('replays the same sequence for the same seed and differs for another', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('gives an exponential mean close to the requested mean', () => {
    const random = createRandom(7);
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) sum += sampleExponential(random, 50);
    expect(Math.abs(sum / n - 50)).toBeLessThan(2);
  });

  it('keeps integers inside the inclusive range', () => {
    const random = createRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(sampleInt(random, 2, 4));
    expect([...seen].sort()).toEqual([2, 3, 4]);
  });
});
