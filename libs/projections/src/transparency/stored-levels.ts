import { nodeHash, type Hash } from '@shuangsui/domain/transparency';

/**
 * Which perfect subtrees get a row: the leaves (level 0, which also name their event) and every level
 * from LOWEST_STORED_NODE_LEVEL up. Levels 1–3 are rebuilt from at most 8 leaves when asked for, so a
 * new leaf costs about one row instead of about two (half the writes on the append path).
 */
export const LOWEST_STORED_NODE_LEVEL = 4;

export const isStoredLevel = (level: number): boolean => level === 0 || level >= LOWEST_STORED_NODE_LEVEL;

/** The stored subtrees (level, index) that the perfect subtree at (level, index) is made from. */
export function storedPartsOf(level: number, index: number): { level: number; index: number }[] {
  if (isStoredLevel(level)) return [{ level, index }];
  const width = 2 ** level;
  return Array.from({ length: width }, (_, i) => ({ level: 0, index: index * width + i }));
}

/** The hash of the perfect subtree at (level, index) from its stored parts (`stored` answers only stored addresses). */
export function assemble(level: number, index: number, stored: (level: number, index: number) => Hash): Hash {
  if (isStoredLevel(level)) return stored(level, index);
  let row = storedPartsOf(level, index).map((part) => stored(part.level, part.index));
  while (row.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < row.length; i += 2) next.push(nodeHash(row[i] as Hash, row[i + 1] as Hash));
    row = next;
  }
  return row[0] as Hash;
}
