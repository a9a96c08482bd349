/** How a sequence departs from its sorted order. */
export interface Disorder {
  /** The items in sorted order (ties keep their order). */
  sorted: number[];
  /** Positions whose item is not the one sorted order puts there. */
  misplaced: number[];
  /** The fewest positions whose items, moved, restore the order: those off one longest ordered run. */
  moved: number[];
}

export type DisorderShape =
  | { kind: 'in-order' }
  | { kind: 'swap'; first: number; second: number }
  | { kind: 'tail'; from: number }
  | { kind: 'moves'; moved: number[] };

export function disorder(items: readonly number[], compare: (a: number, b: number) => number): Disorder {
  const sorted = items
    .map((item, position) => ({ item, position }))
    .sort((a, b) => compare(a.item, b.item) || a.position - b.position)
    .map(({ item }) => item);
  const misplaced: number[] = [];
  for (let p = 0; p < items.length; p++) if (sorted[p] !== items[p]) misplaced.push(p);
  if (misplaced.length === 0) return { sorted, misplaced, moved: [] };
  // Everything outside [from, to] is in place, so a longest ordered run need only be sought inside.
  const [from, to] = [misplaced[0], misplaced[misplaced.length - 1]];
  const kept = longestOrderedRun(items.slice(from, to + 1), compare);
  const moved: number[] = [];
  for (let p = from, k = 0; p <= to; p++) {
    if (kept[k] === p - from) k++;
    else moved.push(p);
  }
  return { sorted, misplaced, moved };
}

export function shapeOf({ misplaced, moved }: Disorder, length: number): DisorderShape {
  if (misplaced.length === 0) return { kind: 'in-order' };
  // Two positions out of place can only hold each other's items.
  if (misplaced.length === 2) return { kind: 'swap', first: misplaced[0], second: misplaced[1] };
  if (moved.length > 1 && misplaced[misplaced.length - 1] === length - 1)
    return { kind: 'tail', from: misplaced[0] };
  return { kind: 'moves', moved };
}

/** Indexes of one longest non-decreasing subsequence, in order (patience sorting, O(n log n)). */
function longestOrderedRun(items: readonly number[], compare: (a: number, b: number) => number): number[] {
  const tails: number[] = [];
  const previous = new Int32Array(items.length).fill(-1);
  for (let i = 0; i < items.length; i++) {
    let [low, high] = [0, tails.length];
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(items[tails[middle]], items[i]) <= 0) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[i] = tails[low - 1];
    tails[low] = i;
  }
  const run: number[] = [];
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) run.push(i);
  return run.reverse();
}
