import type { RatiosBasisPoints, StratumKey } from './draw.types';

export interface StratumSize {
  readonly stratum: StratumKey;
  readonly size: number;
}

export type AllocationOutcome =
  | { readonly ok: true; readonly allocation: readonly number[] }
  | { readonly ok: false; readonly reason: 'quota-exceeds-population' | 'zero-weight'; readonly remaining: number };

export const gradeOf = (stratum: StratumKey): 'A' | 'B' | 'C' | 'D' => stratum.charAt(0) as 'A' | 'B' | 'C' | 'D';

/**
 * Splits the quota across the strata (in STRATA order) in proportion to weight_s = ratioBp(grade) × size_s,
 * i.e. to the number of checks each stratum is due per year, by the largest-remainder (Hamilton) method
 * in exact integer arithmetic:
 *   1. over the open strata, W = Σ w_s; each gets floor(q·w_s / W) and remainder r_s = q·w_s mod W;
 *   2. the q − Σ floor seats left go one each to the strata with the largest r_s, ties to the earlier stratum;
 *   3. any stratum given more than its size is closed at its size, q shrinks by those sizes, repeat from 1.
 * BigInt, because q·w_s reaches 10^16 with a million units and exceeds 2^53.
 */
export function allocateQuota(quota: number, sizes: readonly StratumSize[], ratiosBp: RatiosBasisPoints): AllocationOutcome {
  const total = sizes.reduce((sum, s) => sum + s.size, 0);
  if (quota > total) return { ok: false, reason: 'quota-exceeds-population', remaining: quota - total };
  const allocation = sizes.map(() => 0);
  const open = new Set(sizes.map((_, i) => i).filter((i) => (sizes[i] as StratumSize).size > 0));
  let remaining = quota;
  for (;;) {
    if (remaining === 0) return { ok: true, allocation };
    const indices = [...open];
    const weights = indices.map((i) => BigInt(ratiosBp[gradeOf((sizes[i] as StratumSize).stratum)]) * BigInt((sizes[i] as StratumSize).size));
    const W = weights.reduce((sum, w) => sum + w, 0n);
    if (W === 0n) return { ok: false, reason: 'zero-weight', remaining };
    const q = BigInt(remaining);
    const seats = weights.map((w) => Number((q * w) / W));
    const remainders = weights.map((w) => (q * w) % W);
    let left = remaining - seats.reduce((sum, s) => sum + s, 0);
    // Stable order: largest remainder first, then earlier stratum.
    const order = indices.map((_, k) => k).sort((a, b) => {
      const ra = remainders[a] as bigint;
      const rb = remainders[b] as bigint;
      return ra > rb ? -1 : ra < rb ? 1 : a - b;
    });
    for (const k of order) {
      if (left === 0) break;
      seats[k] = (seats[k] as number) + 1;
      left -= 1;
    }
    const over = indices.filter((i, k) => (seats[k] as number) > (sizes[i] as StratumSize).size);
    if (over.length === 0) {
      indices.forEach((i, k) => {
        allocation[i] = seats[k] as number;
      });
      return { ok: true, allocation };
    }
    for (const i of over) {
      const size = (sizes[i] as StratumSize).size;
      allocation[i] = size;
      remaining -= size;
      open.delete(i);
    }
  }
}
