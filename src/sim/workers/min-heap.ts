/**
 * A binary min-heap ordered by a numeric key, with ties broken by insertion order so a
 * simulation that schedules two events for the same instant replays them in the order it
 * scheduled them (which keeps a seeded run deterministic).
 *
 * Keys, sequence numbers and items live in parallel arrays: a discrete-event run of 100,000
 * requests pushes and pops about half a million events, and avoiding one wrapper object per
 * entry keeps that cheap.
 */
export class MinHeap<T> {
  readonly #keys: number[] = [];
  readonly #seqs: number[] = [];
  readonly #items: T[] = [];
  #nextSeq = 0;

  get size(): number {
    return this.#items.length;
  }

  /** The smallest key, or Infinity when the heap is empty. */
  peekKey(): number {
    return this.#items.length === 0 ? Infinity : this.#keys[0]!;
  }

  /** The item with the smallest key, or undefined when the heap is empty. */
  peek(): T | undefined {
    return this.#items[0];
  }

  push(key: number, item: T): void {
    const keys = this.#keys;
    const seqs = this.#seqs;
    const items = this.#items;
    let index = items.length;
    const seq = this.#nextSeq++;
    keys.push(key);
    seqs.push(seq);
    items.push(item);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentKey = keys[parent]!;
      if (parentKey < key || (parentKey === key && seqs[parent]! < seq)) break;
      keys[index] = parentKey;
      seqs[index] = seqs[parent]!;
      items[index] = items[parent]!;
      index = parent;
    }
    keys[index] = key;
    seqs[index] = seq;
    items[index] = item;
  }

  /** Removes and returns the item with the smallest key (undefined when empty). */
  pop(): T | undefined {
    const keys = this.#keys;
    const seqs = this.#seqs;
    const items = this.#items;
    const count = items.length;
    if (count === 0) return undefined;
    const top = items[0];
    const lastKey = keys.pop()!;
    const lastSeq = seqs.pop()!;
    const lastItem = items.pop()!;
    const size = count - 1;
    if (size > 0) {
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        if (left >= size) break;
        const right = left + 1;
        let child = left;
        if (
          right < size &&
          (keys[right]! < keys[left]! || (keys[right] === keys[left] && seqs[right]! < seqs[left]!))
        ) {
          child = right;
        }
        const childKey = keys[child]!;
        if (lastKey < childKey || (lastKey === childKey && lastSeq < seqs[child]!)) break;
        keys[index] = childKey;
        seqs[index] = seqs[child]!;
        items[index] = items[child]!;
        index = child;
      }
      keys[index] = lastKey;
      seqs[index] = lastSeq;
      items[index] = lastItem;
    }
    return top;
  }
}
