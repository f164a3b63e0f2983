import { monthBounds, rangesOverlap } from '../directory/iso-date';
import type { DrawInspector, DrawUnit } from './draw.types';
import type { HashCounterPrng } from './prng';

export type PairOutcome =
  | { readonly ok: true; readonly first: number; readonly second: number }
  | { readonly ok: false; readonly message: string };

/** Certified on every day of the visit month and on leave on none of them. */
export function availableForMonth(inspector: DrawInspector, month: string): boolean {
  const { first, last } = monthBounds(month);
  if (inspector.certificateValidFrom > first || inspector.certificateValidTo < last) return false;
  return !inspector.leaves.some((leave) => rangesOverlap(leave.from, leave.to, first, last));
}

/**
 * Draws pairs of inspectors unit after unit, keeping loads balanced (docs/draw-algorithm.md §7).
 * A valid pair {x, y}: two distinct available inspectors, neither in conflict with the unit, at least one
 * who may lead, at least one fire inspector in a joint plan, and not the unit's last pair.
 * First inspector: uniformly among the candidates with the lowest load that have at least one valid
 * partner. Second: uniformly among the valid partners of the first with the lowest load. Both loads +1.
 * Per unit the work is O(available inspectors); nothing depends on the population size.
 */
export class InspectorPairing {
  private readonly available: readonly number[];
  private readonly conflictsByUnit = new Map<string, Set<number>>();
  private readonly indexById = new Map<string, number>();
  private readonly lead: readonly boolean[];
  private readonly fire: readonly boolean[];
  readonly loads: number[];

  /** `inspectors` sorted by id: candidate order, and so the meaning of each uniform draw, follows it. */
  constructor(
    private readonly inspectors: readonly DrawInspector[],
    private readonly month: string,
    private readonly jointPlan: boolean,
  ) {
    this.available = inspectors.flatMap((inspector, i) => (availableForMonth(inspector, month) ? [i] : []));
    inspectors.forEach((inspector, i) => {
      this.indexById.set(inspector.id, i);
      for (const unitId of inspector.conflictUnitIds) {
        const set = this.conflictsByUnit.get(unitId) ?? new Set<number>();
        set.add(i);
        this.conflictsByUnit.set(unitId, set);
      }
    });
    this.lead = inspectors.map((s) => s.canLead);
    this.fire = inspectors.map((s) => s.isFireInspector);
    this.loads = inspectors.map((s) => s.priorAssignments);
  }

  private compatible(x: number, y: number): boolean {
    return (this.lead[x] === true || this.lead[y] === true) && (!this.jointPlan || this.fire[x] === true || this.fire[y] === true);
  }

  assign(unit: DrawUnit, prng: HashCounterPrng): PairOutcome {
    const conflicts = this.conflictsByUnit.get(unit.id);
    const candidates = conflicts === undefined ? this.available : this.available.filter((i) => !conflicts.has(i));
    const inC = new Set(candidates);
    let la = unit.lastPair === undefined ? undefined : this.indexById.get(unit.lastPair[0]);
    let lb = unit.lastPair === undefined ? undefined : this.indexById.get(unit.lastPair[1]);
    if (la === undefined || lb === undefined || !inC.has(la) || !inC.has(lb) || !this.compatible(la, lb)) {
      la = undefined;
      lb = undefined;
    }
    let nLead = 0;
    let nFire = 0;
    let nLeadFire = 0;
    for (const i of candidates) {
      if (this.lead[i]) nLead += 1;
      if (this.fire[i]) nFire += 1;
      if (this.lead[i] && this.fire[i]) nLeadFire += 1;
    }
    const partnerCount = (x: number): number => {
      const lead = this.lead[x] === true;
      const fireOk = !this.jointPlan || this.fire[x] === true;
      const n = lead && fireOk ? candidates.length - 1 : lead ? nFire : fireOk ? nLead : nLeadFire;
      return x === la || x === lb ? n - 1 : n;
    };

    const firstChoices = lowestLoad(candidates, (x) => partnerCount(x) > 0, this.loads);
    if (firstChoices.length === 0) return { ok: false, message: this.explain(unit, candidates.length, nLead, nFire, la !== undefined) };
    const first = firstChoices[prng.uniform(firstChoices.length)] as number;
    const isLastPair = (y: number): boolean => (first === la && y === lb) || (first === lb && y === la);
    const secondChoices = lowestLoad(candidates, (y) => y !== first && this.compatible(first, y) && !isLastPair(y), this.loads);
    const second = secondChoices[prng.uniform(secondChoices.length)] as number;
    this.loads[first] = (this.loads[first] as number) + 1;
    this.loads[second] = (this.loads[second] as number) + 1;
    return { ok: true, first, second };
  }

  isLead(index: number): boolean {
    return this.lead[index] === true;
  }

  idOf(index: number): string {
    return (this.inspectors[index] as DrawInspector).id;
  }

  private explain(unit: DrawUnit, candidates: number, nLead: number, nFire: number, lastPairOnly: boolean): string {
    const available = this.available.length;
    const recused = available - candidates;
    const head = `单位“${unit.id}”无法派出符合规定的两名检查人员：${this.month}可派执法人员${available}名（执法证有效且未请假）${recused > 0 ? `，其中${recused}名须回避` : ''}`;
    if (candidates < 2) return `${head}，剩余不足两名`;
    if (nLead === 0) return `${head}，剩余人员均不能担任主办（辅助人员不得主导检查）`;
    if (this.jointPlan && nFire === 0) return `${head}，联合抽查每组须至少有一名消防执法人员，但剩余人员中没有`;
    if (lastPairOnly) return `${head}，唯一符合条件的组合是该单位上次检查的人员组合，不得再次派出`;
    return `${head}，剩余人员无法组成同时满足主办资格和联合抽查要求的组合`;
  }
}

/** Candidates passing `ok` that have the lowest load, in candidate (id) order. */
function lowestLoad(candidates: readonly number[], ok: (i: number) => boolean, loads: readonly number[]): number[] {
  let best = Number.POSITIVE_INFINITY;
  let chosen: number[] = [];
  for (const i of candidates) {
    if (!ok(i)) continue;
    const load = loads[i] as number;
    if (load < best) {
      best = load;
      chosen = [i];
    } else if (load === best) {
      chosen.push(i);
    }
  }
  return chosen;
}
