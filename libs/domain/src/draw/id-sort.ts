/**
 * Sorting a million ids fast enough for the 2-second draw budget. A comparison sort calls a JS
 * comparator ~20 million times; an MSD radix sort over the characters of ASCII ids touches each id once
 * per distinguishing character instead. The order is plain code-unit order either way (for ASCII, the
 * byte order the population encoding specifies).
 */

const SMALL_RANGE = 24;
const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** Positions 0 … n−1 of `ids`, ordered by id. Stable for equal ids (duplicates stay in input order). */
export function sortedOrder(ids: readonly string[]): Uint32Array {
  const order = new Uint32Array(ids.length);
  for (let i = 0; i < order.length; i += 1) order[i] = i;
  if (!ids.every(isAscii)) {
    // Cannot happen for valid input (ids are ASCII); kept correct rather than fast.
    return order.sort((a, b) => compare(ids[a] as string, ids[b] as string) || a - b);
  }
  radix(ids, order, new Uint32Array(ids.length), 0, ids.length, 0);
  return order;
}

function isAscii(id: string): boolean {
  for (let k = 0; k < id.length; k += 1) if (id.charCodeAt(k) > 0x7f) return false;
  return true;
}

/** Bucket of an id at a depth: 0 once the id has ended (shorter ids first), else char code + 1. */
const bucketOf = (id: string, depth: number): number => (depth < id.length ? id.charCodeAt(depth) + 1 : 0);

function radix(ids: readonly string[], order: Uint32Array, temp: Uint32Array, lo: number, hi: number, depth: number): void {
  if (hi - lo <= SMALL_RANGE) {
    insertionSort(ids, order, lo, hi);
    return;
  }
  const counts = new Int32Array(130);
  for (let i = lo; i < hi; i += 1) {
    const b = bucketOf(ids[order[i] as number] as string, depth) + 1;
    counts[b] = (counts[b] as number) + 1;
  }
  // counts[b + 1] held the size of bucket b; turn it into bucket starts (relative to lo).
  for (let b = 1; b < 130; b += 1) counts[b] = (counts[b] as number) + (counts[b - 1] as number);
  const starts = counts.slice();
  for (let i = lo; i < hi; i += 1) {
    const position = order[i] as number;
    const b = bucketOf(ids[position] as string, depth);
    temp[lo + (counts[b] as number)] = position;
    counts[b] = (counts[b] as number) + 1;
  }
  order.set(temp.subarray(lo, hi), lo);
  // Bucket 0 holds ids that ended at this depth: all equal, already in stable input order.
  for (let b = 1; b < 129; b += 1) {
    const from = lo + (starts[b] as number);
    const to = lo + (starts[b + 1] as number);
    if (to - from > 1) radix(ids, order, temp, from, to, depth + 1);
  }
}

function insertionSort(ids: readonly string[], order: Uint32Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i += 1) {
    const position = order[i] as number;
    const id = ids[position] as string;
    let j = i - 1;
    while (j >= lo && (ids[order[j] as number] as string) > id) {
      order[j + 1] = order[j] as number;
      j -= 1;
    }
    order[j + 1] = position;
  }
}
