/**
 * Seeded pseudo-random numbers for every simulation in src/sim.
 *
 * Simulations never call Math.random: they take a seed so a scenario (and a URL that
 * names it) always replays the same way. mulberry32 is small, fast and good enough for
 * traffic generation; it is not for cryptography.
 */
export type Random = () => number;

/** A generator of floats in [0, 1) from a 32-bit seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An exponentially distributed sample with the given mean (inverse-transform method). */
export function sampleExponential(random: Random, mean: number): number {
  return -Math.log(1 - random()) * mean;
}

/** An integer in [min, max], both inclusive. */
export function sampleInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick() needs a non-empty list');
  return item;
}
