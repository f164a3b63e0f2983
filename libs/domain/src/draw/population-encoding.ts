import { createHash } from 'node:crypto';
import type { DrawInspector, DrawUnit, FrozenPopulation } from './draw.types';

/** First line of the encoding; a new encoding gets a new tag and a new ALGORITHM_VERSION. */
export const POPULATION_ENCODING_TAG = 'shuangsui-draw-population/1';

/** Units and inspectors sorted by id (ids are ASCII, so JS string order = byte order). */
export interface SortedPopulation {
  readonly units: readonly DrawUnit[];
  readonly inspectors: readonly DrawInspector[];
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function sortedById<T extends { id: string }>(items: readonly T[]): readonly T[] {
  // A frozen population is usually stored sorted already: checking is O(n), sorting is O(n log n).
  for (let i = 1; i < items.length; i += 1) {
    if ((items[i - 1] as T).id > (items[i] as T).id) return [...items].sort(byId);
  }
  return items;
}

export function sortPopulation(population: FrozenPopulation): SortedPopulation {
  return { units: sortedById(population.units), inspectors: sortedById(population.inspectors) };
}

const sortedPair = (pair: readonly [string, string]): string => (pair[0] <= pair[1] ? `${pair[0]},${pair[1]}` : `${pair[1]},${pair[0]}`);

export function unitLine(unit: DrawUnit): string {
  const lastPair = unit.lastPair === undefined ? '-' : sortedPair(unit.lastPair);
  return `${unit.id}\t${unit.riskGrade}\t${unit.isKeyUnit ? 'K' : 'N'}\t${lastPair}\n`;
}

export function inspectorLine(inspector: DrawInspector): string {
  const leaves =
    inspector.leaves.length === 0
      ? '-'
      : inspector.leaves
          .map((leave) => `${leave.from}..${leave.to}`)
          .sort()
          .join(',');
  const conflicts = inspector.conflictUnitIds.length === 0 ? '-' : [...inspector.conflictUnitIds].sort().join(',');
  return (
    `${inspector.id}\t${inspector.isFireInspector ? 'F' : '-'}\t${inspector.canLead ? 'L' : '-'}\t` +
    `${inspector.certificateValidFrom}\t${inspector.certificateValidTo}\t${leaves}\t${conflicts}\t${inspector.priorAssignments}\n`
  );
}

/**
 * Feeds the canonical encoding to `sink` in chunks of about 1 MiB (docs/draw-algorithm.md §3):
 * header lines, then one line per unit, then one line per inspector, each sorted by id, LF-terminated,
 * fields separated by TAB. Every byte is ASCII.
 */
export function writePopulation(population: FrozenPopulation, sorted: SortedPopulation, sink: (chunk: string) => void): void {
  const { A, B, C, D } = population.ratiosBp;
  let buffer =
    `${POPULATION_ENCODING_TAG}\n` +
    `month\t${population.month}\n` +
    `quota\t${population.quota}\n` +
    `ratios\t${A}\t${B}\t${C}\t${D}\n` +
    `joint\t${population.jointPlan ? 1 : 0}\n` +
    `units\t${sorted.units.length}\n`;
  for (const unit of sorted.units) {
    buffer += unitLine(unit);
    if (buffer.length >= 1 << 20) {
      sink(buffer);
      buffer = '';
    }
  }
  buffer += `inspectors\t${sorted.inspectors.length}\n`;
  for (const inspector of sorted.inspectors) buffer += inspectorLine(inspector);
  sink(buffer);
}

/** The whole encoding as one string (small populations: the doc's worked example, tests). */
export function encodePopulation(population: FrozenPopulation): string {
  const chunks: string[] = [];
  writePopulation(population, sortPopulation(population), (chunk) => chunks.push(chunk));
  return chunks.join('');
}

/** Lowercase hex SHA-256 of the encoding, hashed incrementally (1 M units never become one string). */
export function hashSortedPopulation(population: FrozenPopulation, sorted: SortedPopulation): string {
  const hash = createHash('sha256');
  writePopulation(population, sorted, (chunk) => hash.update(chunk, 'utf8'));
  return hash.digest('hex');
}

export function populationHash(population: FrozenPopulation): string {
  return hashSortedPopulation(population, sortPopulation(population));
}
