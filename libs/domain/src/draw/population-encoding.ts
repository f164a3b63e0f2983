import { createHash } from 'node:crypto';
import { sortedOrder } from './id-sort';
import type { DrawInspector, DrawUnit, FrozenPopulation } from './draw.types';

/** First line of the encoding; a new encoding gets a new tag and a new ALGORITHM_VERSION. */
export const POPULATION_ENCODING_TAG = 'shuangsui-draw-population/1';

/** Units and inspectors sorted by id (ids are ASCII, so JS string order = byte order). */
export interface SortedPopulation {
  readonly units: readonly DrawUnit[];
  readonly inspectors: readonly DrawInspector[];
}

function sortedById<T extends { id: string }>(items: readonly T[]): readonly T[] {
  // A frozen population is usually stored sorted already: checking is O(n); otherwise radix-sort (id-sort.ts).
  for (let i = 1; i < items.length; i += 1) {
    if ((items[i - 1] as T).id > (items[i] as T).id) return sortById(items);
  }
  return items;
}

function sortById<T extends { id: string }>(items: readonly T[]): T[] {
  return Array.from(sortedOrder(items.map((item) => item.id)), (i) => items[i] as T);
}

export function sortPopulation(population: FrozenPopulation): SortedPopulation {
  return { units: sortedById(population.units), inspectors: sortedById(population.inspectors) };
}

/**
 * The population in canonical order, as the freeze should store it: the draw and every verification
 * then only check the order (O(n)) instead of sorting a million units again.
 */
export function canonicalPopulation(population: FrozenPopulation): FrozenPopulation {
  const sorted = sortPopulation(population);
  return { ...population, units: sorted.units, inspectors: sorted.inspectors };
}

/** Ids occurring more than once (cheap on sorted input: duplicates are neighbours). */
export function duplicateIds(items: readonly { readonly id: string }[]): string[] {
  const duplicates: string[] = [];
  const sorted = sortedById(items);
  for (let i = 1; i < sorted.length; i += 1) {
    const id = (sorted[i] as { id: string }).id;
    if ((sorted[i - 1] as { id: string }).id === id && duplicates[duplicates.length - 1] !== id) duplicates.push(id);
  }
  return duplicates;
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

export function headerLines(population: FrozenPopulation, unitCount: number): string {
  const { A, B, C, D } = population.ratiosBp;
  return (
    `${POPULATION_ENCODING_TAG}\n` +
    `month\t${population.month}\n` +
    `quota\t${population.quota}\n` +
    `ratios\t${A}\t${B}\t${C}\t${D}\n` +
    `joint\t${population.jointPlan ? 1 : 0}\n` +
    `units\t${unitCount}\n`
  );
}

const CHUNK_BYTES = 1 << 20;
/** Longest unit line: id (≤ 128 chars, ≤ 4 bytes each in UTF-8) twice more for the last pair, plus separators. */
const MAX_UNIT_LINE_BYTES = 3 * 128 * 4 + 16;
const TAB = 0x09;
const LF = 0x0a;
const GRADE_BYTE: Readonly<Record<string, number>> = { A: 0x41, B: 0x42, C: 0x43, D: 0x44 };

/** Writes UTF-8 at `offset`, returns the new offset. ASCII byte by byte: much cheaper than Buffer#write per id. */
function writeText(buffer: Buffer, offset: number, text: string): number {
  let o = offset;
  for (let k = 0; k < text.length; k += 1) {
    const code = text.charCodeAt(k);
    if (code > 0x7f) return offset + buffer.write(text, offset, 'utf8');
    buffer[o++] = code;
  }
  return o;
}

/**
 * Feeds the canonical encoding to `sink` as byte chunks of about 1 MiB (docs/draw-algorithm.md §3):
 * header lines, then one line per unit, then one line per inspector, each sorted by id, LF-terminated,
 * fields separated by TAB. Unit lines are written straight into a Buffer (the same bytes `unitLine`
 * gives): a million template strings would cost more than hashing them.
 */
export function writePopulation(population: FrozenPopulation, sorted: SortedPopulation, sink: (chunk: Buffer) => void): void {
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let offset = buffer.write(headerLines(population, sorted.units.length), 0, 'utf8');
  for (const unit of sorted.units) {
    if (offset + MAX_UNIT_LINE_BYTES > CHUNK_BYTES) {
      sink(buffer.subarray(0, offset));
      buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      offset = 0;
    }
    offset = writeText(buffer, offset, unit.id);
    buffer[offset++] = TAB;
    buffer[offset++] = GRADE_BYTE[unit.riskGrade] ?? 0x3f;
    buffer[offset++] = TAB;
    buffer[offset++] = unit.isKeyUnit ? 0x4b : 0x4e;
    buffer[offset++] = TAB;
    if (unit.lastPair === undefined) buffer[offset++] = 0x2d;
    else offset = writeText(buffer, offset, sortedPair(unit.lastPair));
    buffer[offset++] = LF;
  }
  sink(buffer.subarray(0, offset));
  let tail = `inspectors\t${sorted.inspectors.length}\n`;
  for (const inspector of sorted.inspectors) tail += inspectorLine(inspector);
  sink(Buffer.from(tail, 'utf8'));
}

/** The whole encoding as one string (small populations: the doc's worked example, tests). */
export function encodePopulation(population: FrozenPopulation): string {
  const chunks: Buffer[] = [];
  writePopulation(population, sortPopulation(population), (chunk) => chunks.push(Buffer.from(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** Lowercase hex SHA-256 of the encoding, hashed incrementally (1 M units never become one string). */
export function hashSortedPopulation(population: FrozenPopulation, sorted: SortedPopulation): string {
  const hash = createHash('sha256');
  writePopulation(population, sorted, (chunk) => hash.update(chunk));
  return hash.digest('hex');
}

export function populationHash(population: FrozenPopulation): string {
  return hashSortedPopulation(population, sortPopulation(population));
}
