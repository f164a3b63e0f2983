import type { UniformSource } from './uniform-source';

/**
 * Draws k distinct positions from [0, n) uniformly, by a partial Fisher–Yates shuffle of the virtual
 * array a = [0, 1, …, n−1]: for i = 0 … k−1, j = i + uniform(n − i), swap a[i] and a[j], take a[i].
 * Only the swapped cells are stored (a Map), so the cost is O(k), not O(n), for a million-unit stratum.
 * Returns the positions in selection order.
 */
export function sampleWithoutReplacement(n: number, k: number, prng: UniformSource): number[] {
  if (k > n) throw new RangeError(`sampleWithoutReplacement: k=${k} > n=${n}`);
  const swapped = new Map<number, number>();
  const at = (i: number): number => swapped.get(i) ?? i;
  const picked: number[] = [];
  for (let i = 0; i < k; i += 1) {
    const j = i + prng.uniform(n - i);
    const ai = at(i);
    const aj = at(j);
    swapped.set(j, ai);
    swapped.set(i, aj);
    picked.push(aj);
  }
  return picked;
}
