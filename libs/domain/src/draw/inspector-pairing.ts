import { monthBounds, rangesOverlap } from '../directory/iso-date';
import type { DrawInspector, DrawUnit } from './draw.types';
import type { UniformSource } from './uniform-source';

export type PairOutcome =
  | { readonly ok: true; readonly first: number; readonly second: number }
  | { readonly ok: false; readonly message: string };

/** Certified on every day of the visit month and on leave on none of them. */
export function availableForMonth(inspector: DrawInspector, month: string): boolean {
  const { first, last } = monthBounds(month);
  if (inspector.certificateValidFrom > first || inspector.certificateValidTo < last) return false;
  return !inspector.leaves.some((leave) => rangesOverlap(leave.from, leave.to, first, last));
}

const LEAD = 1;
/** "Fire-compatible": a fire inspector, or any inspector when the plan is not joint. */
const FIRE_OK = 2;

/**
 * Draws pairs of inspectors unit after unit, keeping loads balanced (docs/draw-algorithm.md §7).
 * A valid pair {x, y}: two distinct available inspectors, neither in conflict with the unit, at least one
 * who may lead, at least one fire inspector in a joint plan, and not the unit's last pair.
 * First inspector: uniformly among the candidates with the lowest load that have at least one valid
 * partner. Second: uniformly among the valid partners of the first with the lowest load. Both loads +1.
 * Per unit the work is two passes over the available inspectors; nothing depends on the population size.
 */
export class InspectorPairing {
  /** Indices (into the id-sorted inspectors) of those available for the month, ascending. */
  private readonly available: readonly number[];
  private readonly flags: Uint8Array;
  /** 1 = available for the month. */
  private readonly isAvailable: Uint8Array;
  /** Scratch flags for the unit being paired: 1 = in conflict with it. Reset after each unit. */
  private readonly recused: Uint8Array;
  private readonly conflictsByUnit = new Map<string, number[]>();
  private readonly indexById = new Map<string, number>();
  /** Counts over all available inspectors, by flags: [neither, LEAD, FIRE_OK, LEAD|FIRE_OK]. */
  private readonly classCounts = [0, 0, 0, 0];
  readonly loads: Float64Array;
  /** Scratch: the inspectors tied at the lowest load in the current pass. */
  private readonly ties: Int32Array;

  /** `inspectors` sorted by id: candidate order, and so the meaning of each uniform draw, follows it. */
  constructor(
    private readonly inspectors: readonly DrawInspector[],
    private readonly month: string,
    private readonly jointPlan: boolean,
  ) {
    const n = inspectors.length;
    this.flags = new Uint8Array(n);
    this.isAvailable = new Uint8Array(n);
    this.recused = new Uint8Array(n);
    this.loads = new Float64Array(n);
    this.ties = new Int32Array(n);
    const available: number[] = [];
    inspectors.forEach((inspector, i) => {
      this.indexById.set(inspector.id, i);
      this.flags[i] = (inspector.canLead ? LEAD : 0) | (!jointPlan || inspector.isFireInspector ? FIRE_OK : 0);
      this.loads[i] = inspector.priorAssignments;
      for (const unitId of inspector.conflictUnitIds) {
        const list = this.conflictsByUnit.get(unitId);
        if (list === undefined) this.conflictsByUnit.set(unitId, [i]);
        else list.push(i);
      }
      if (availableForMonth(inspector, month)) {
        available.push(i);
        this.isAvailable[i] = 1;
        this.classCounts[this.flags[i] as number] = (this.classCounts[this.flags[i] as number] as number) + 1;
      }
    });
    this.available = available;
  }

  /** Valid pair ignoring the last-pair rule: someone may lead, and someone is fire-compatible. */
  private compatible(x: number, y: number): boolean {
    const fx = this.flags[x] as number;
    const fy = this.flags[y] as number;
    return ((fx | fy) & LEAD) !== 0 && ((fx | fy) & FIRE_OK) !== 0;
  }

  assign(unit: DrawUnit, prng: UniformSource): PairOutcome {
    const { flags, loads, recused, isAvailable, available } = this;
    const conflicts = this.conflictsByUnit.get(unit.id);
    // Class counts over the candidates = counts over the available minus the recused among them.
    const count = [...this.classCounts];
    let recusedCount = 0;
    if (conflicts !== undefined) {
      for (const i of conflicts) {
        if (isAvailable[i] === 1 && recused[i] === 0) {
          recused[i] = 1;
          recusedCount += 1;
          count[flags[i] as number] = (count[flags[i] as number] as number) - 1;
        }
      }
    }
    try {
      const isCandidate = (i: number | undefined): i is number => i !== undefined && isAvailable[i] === 1 && recused[i] === 0;
      let la = unit.lastPair === undefined ? -1 : (this.indexById.get(unit.lastPair[0]) ?? -1);
      let lb = unit.lastPair === undefined ? -1 : (this.indexById.get(unit.lastPair[1]) ?? -1);
      // The last pair only matters if it would otherwise be a valid pair for this unit.
      if (!isCandidate(la) || !isCandidate(lb) || !this.compatible(la, lb)) {
        la = -1;
        lb = -1;
      }
      const [c0, cL, cF, cLF] = count as [number, number, number, number];
      const candidates = available.length - recusedCount;
      // Valid partners of an inspector, by its flags: LEAD|FIRE_OK pairs with anyone, LEAD needs a
      // FIRE_OK partner, FIRE_OK needs a LEAD partner, neither needs a LEAD|FIRE_OK partner.
      const partners = [cLF, cLF + cF, cLF + cL, candidates - 1];
      // Pass 1: lowest-load candidates that have a valid partner, collected in id order.
      const ties = this.ties;
      let best = Number.POSITIVE_INFINITY;
      let n = 0;
      for (const i of available) {
        if (recused[i] === 1) continue;
        if ((partners[flags[i] as number] as number) - (i === la || i === lb ? 1 : 0) <= 0) continue;
        const load = loads[i] as number;
        if (load < best) {
          best = load;
          n = 0;
        }
        if (load === best) ties[n++] = i;
      }
      if (n === 0) return { ok: false, message: this.explain(unit, candidates, cL + cLF, cF + cLF, c0, la >= 0) };
      const first = ties[prng.uniform(n)] as number;
      // Pass 2: lowest-load valid partners of the first.
      const lastPartner = first === la ? lb : first === lb ? la : -1;
      best = Number.POSITIVE_INFINITY;
      n = 0;
      for (const y of available) {
        if (recused[y] === 1 || y === first || y === lastPartner || !this.compatible(first, y)) continue;
        const load = loads[y] as number;
        if (load < best) {
          best = load;
          n = 0;
        }
        if (load === best) ties[n++] = y;
      }
      const second = ties[prng.uniform(n)] as number;
      loads[first] = (loads[first] as number) + 1;
      loads[second] = (loads[second] as number) + 1;
      return { ok: true, first, second };
    } finally {
      if (conflicts !== undefined) for (const i of conflicts) recused[i] = 0;
    }
  }

  isLead(index: number): boolean {
    return ((this.flags[index] as number) & LEAD) !== 0;
  }

  idOf(index: number): string {
    return (this.inspectors[index] as DrawInspector).id;
  }

  private explain(unit: DrawUnit, candidates: number, nLead: number, nFireOk: number, neither: number, lastPairOnly: boolean): string {
    const available = this.available.length;
    const recused = available - candidates;
    const head =
      `单位“${unit.id}”无法派出符合规定的两名检查人员：${this.month}可派执法人员${available}名（执法证有效且未请假）` +
      (recused > 0 ? `，其中${recused}名须回避` : '');
    if (candidates < 2) return `${head}，剩余不足两名`;
    if (nLead === 0) return `${head}，剩余人员均不能担任主办（辅助人员不得主导检查）`;
    if (this.jointPlan && nFireOk === 0) return `${head}，联合抽查每组须至少有一名消防执法人员，但剩余人员中没有`;
    if (lastPairOnly) return `${head}，唯一符合条件的组合是该单位上次检查的人员组合，不得再次派出`;
    return `${head}，剩余${candidates}名人员（其中${neither}名既非消防人员又不能主办）无法组成同时满足主办资格和联合抽查要求的组合`;
  }
}
