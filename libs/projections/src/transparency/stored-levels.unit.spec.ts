import { leafHash, MemoryTree } from '@shuangsui/domain/transparency';
import { assemble, isStoredLevel, storedPartsOf } from './stored-levels';

describe('stored levels of the transparency tree', () => {
  const tree = new MemoryTree();
  for (let i = 0; i < 64; i += 1) tree.append(leafHash(Buffer.from(`leaf ${i}`)));

  it('rebuilds every perfect subtree of levels 1–3 from its leaves, and reads stored levels as they are', () => {
    const onlyStored = (level: number, index: number) => {
      if (!isStoredLevel(level)) throw new Error(`asked for unstored level ${level}`);
      return tree.perfect(level, index);
    };
    for (let level = 0; level <= 5; level += 1) {
      for (let index = 0; index < 64 / 2 ** level; index += 1) expect(assemble(level, index, onlyStored).equals(tree.perfect(level, index))).toBe(true);
    }
    expect(storedPartsOf(3, 2)).toEqual(Array.from({ length: 8 }, (_, i) => ({ level: 0, index: 16 + i })));
    expect(storedPartsOf(4, 1)).toEqual([{ level: 4, index: 1 }]);
  });
});
