import { chinaDate } from '@shuangsui/domain';
import {
  DirectoryImporter,
  InspectionCommandHandler,
  inspectorTable,
  syntheticInspectors,
  syntheticUnits,
  unitTable,
  writeTable,
  type CommandContext,
} from '@shuangsui/application';
import type { Role } from '@shuangsui/domain';
import type { Unit } from '@shuangsui/domain/directory';
import type { EventStore } from '@shuangsui/event-store';

/**
 * What bench:scale's four operations need, written the same way into the small and the large store
 * (so the stores differ only in how much unrelated history they hold): a 2,000-unit directory with
 * 12 inspectors and one case drawn and assigned per round, and (adopted over HTTP once the server is
 * up, see adoptPlanBody) an annual plan with no quota yet. Every
 * round (the warm-up and each measured repetition) gets its own quota month, its own 100 units to
 * change and its own case, so no repetition finds the work already done.
 *
 * The plan is for the year after next (China date), so each of its months is still ahead and its
 * quota is on time (the deadline is the 25th of the month before). Months 01–11 take quotas; the
 * cases are December's.
 */
export const FIXTURE_UNITS = 2_000;
export const FIXTURE_INSPECTORS = 12;
export const ROWS_PER_IMPORT = 100;
export const QUOTA = 40;
/** Quota months 01–11 (December holds the cases), and 100 of the 2,000 units per round. */
export const MAX_ROUNDS = Math.min(11, FIXTURE_UNITS / ROWS_PER_IMPORT);

export interface ScaleFixture {
  readonly planId: string;
  readonly year: number;
  /** Per round: the month whose quota it sets, the case whose result it records. */
  readonly quotaMonths: readonly string[];
  readonly caseIds: readonly string[];
}

export function scaleFixture(rounds: number, year: number): ScaleFixture {
  if (rounds > MAX_ROUNDS) throw new Error(`at most ${MAX_ROUNDS} rounds (warm-up included) fit one plan year, asked for ${rounds}`);
  const round = Array.from({ length: rounds }, (_, i) => i);
  return {
    planId: `scale-${year}`,
    year,
    quotaMonths: round.map((i) => `${year}-${String(i + 1).padStart(2, '0')}`),
    caseIds: round.map((i) => `scale-case-${i + 1}`),
  };
}

const context = (role: Role, name: string): CommandContext => ({ actor: { id: `bench-${role}`, role }, commandId: `scale:${name}`, correlationId: `scale:${name}`, causationId: null });
const table = (t: { headers: readonly string[]; rows: string[][] }) => ({ headers: t.headers, rows: t.rows.map((cells, i) => ({ rowNumber: i + 2, cells })) });
const units = (): Unit[] => syntheticUnits(FIXTURE_UNITS);

/** The plan, as POST /plans takes it: the whole year, default workload and ratios. */
export function adoptPlanBody(fixture: ScaleFixture): unknown {
  return { planId: fixture.planId, year: fixture.year, authority: '示例市云溪区消防救援大队', jurisdiction: '示例市云溪区' };
}

/** Writes the directory and the cases through the application services (real events, hash chains, metadata); returns the events written. */
export async function writeFixture(store: EventStore, fixture: ScaleFixture): Promise<number> {
  const importer = new DirectoryImporter(store);
  const directory = units();
  const imported = await importer.importTable('units', table(unitTable(directory)), context('planner', 'import-units'));
  const inspectors = await importer.importTable('inspectors', table(inspectorTable(syntheticInspectors(FIXTURE_INSPECTORS, fixture.year))), context('planner', 'import-inspectors'));

  const cases = new InspectionCommandHandler(store);
  let caseEvents = 0;
  for (const [i, caseId] of fixture.caseIds.entries()) {
    // The last units of the directory: never among the rows an import round changes.
    const unit = directory[directory.length - 1 - i]!;
    const drawn = {
      caseId,
      drawId: `scale-draw-${fixture.year}-12`,
      planId: fixture.planId,
      // The cases are this month's: a visit is dated within its case's month and never in the future.
      month: chinaDate(new Date()).slice(0, 7),
      stratum: `${unit.riskGrade}-${unit.isKeyUnit ? 'key' : 'nonkey'}`,
      authority: '示例市云溪区消防救援大队',
      unit: { id: unit.id, name: unit.name, creditCode: unit.creditCode, address: unit.address, district: unit.district, riskGrade: unit.riskGrade, isKeyUnit: unit.isKeyUnit, isCrowdDense: unit.isCrowdDense },
    };
    const pair: [string, string] = [inspectorOfCase(i), inspectorOfCase(i + 1)];
    caseEvents += (await cases.execute(caseId, { type: 'draw', ...drawn }, context('system', `draw-${caseId}`))).events.length;
    caseEvents += (await cases.execute(caseId, { type: 'assign', inspectorIds: pair, drawId: drawn.drawId }, context('planner', `assign-${caseId}`))).events.length;
  }
  return imported.registered + inspectors.registered + caseEvents;
}

/** Round `round`'s directory change: a CSV of 100 existing units, each with a new address (one UnitUpdated each). */
export function unitChangeFile(round: number): Promise<Buffer> {
  const changed = units()
    .slice(round * ROWS_PER_IMPORT, (round + 1) * ROWS_PER_IMPORT)
    .map((unit) => ({ ...unit, address: `示例市云溪区滨江路${1000 + round}号（复核变更）` }));
  const { headers, rows } = unitTable(changed);
  return writeTable(headers, rows, 'csv');
}

/** The inspector of case `i` (its pair is this one and the next): who may record its result. */
export function inspectorOfCase(i: number): string {
  return `insp-${String((i % FIXTURE_INSPECTORS) + 1).padStart(2, '0')}`;
}
