import { consistencyProof, EMPTY_ROOT, inclusionProof, rootHash, withFetchedNodes, type Hash, type SignedTreeHead, type SubtreeHashes } from '@shuangsui/domain/transparency';
import type { ReadStore, Row, TableRef } from '../read-store.port';
import { assemble, storedPartsOf } from './stored-levels';
import { nodeKey, sizeKey, STATE_KEY, TRANSPARENCY_SCHEMA, TREE_HEADS, TREE_NODES, TREE_STATE } from './tree-tables';

/** A signed head as served: where its TreeHeadSigned event sits in the log, too. */
export interface StoredTreeHead extends SignedTreeHead {
  readonly eventId: string;
  readonly position: number;
}

/** Where one event is in the tree. */
export interface TreeLeaf {
  readonly eventId: string;
  readonly position: number;
  readonly leafIndex: number;
  readonly leafHash: string;
}

const ref = (table: TableRef['table']): TableRef => ({ projection: TRANSPARENCY_SCHEMA.name, table });

/**
 * Reads the tree the follower keeps: roots and proofs of any size up to the current one, each from the
 * O(log n) perfect subtrees it needs, fetched in one query (withFetchedNodes), and the signed heads.
 */
export class TransparencyTreeReader {
  constructor(private readonly store: ReadStore) {}

  async size(): Promise<number> {
    const [row] = await this.store.query(ref(TREE_STATE), { where: [{ column: 'name', op: 'eq', value: STATE_KEY }] });
    return Number(row?.['size'] ?? 0);
  }

  async root(size: number): Promise<Hash> {
    return size === 0 ? EMPTY_ROOT : withFetchedNodes((source) => rootHash(source, size), (addresses) => this.fetch(addresses));
  }

  async leaf(eventId: string): Promise<TreeLeaf | null> {
    const [row] = await this.store.query(ref(TREE_NODES), { where: [{ column: 'event_id', op: 'eq', value: eventId }], limit: 1 });
    return row ? { eventId, position: Number(row['position']), leafIndex: Number(row['idx']), leafHash: String(row['hash']) } : null;
  }

  inclusion(leafIndex: number, treeSize: number): Promise<Hash[]> {
    return withFetchedNodes((source) => inclusionProof(source, leafIndex, treeSize), (addresses) => this.fetch(addresses));
  }

  consistency(fromSize: number, toSize: number): Promise<Hash[]> {
    return withFetchedNodes((source) => consistencyProof(source, fromSize, toSize), (addresses) => this.fetch(addresses));
  }

  async latestHead(): Promise<StoredTreeHead | null> {
    const [row] = await this.store.query(ref(TREE_HEADS), { orderBy: [{ column: 'size', direction: 'desc' }], limit: 1 });
    return row ? toHead(row) : null;
  }

  async headOfSize(size: number): Promise<StoredTreeHead | null> {
    const [row] = await this.store.query(ref(TREE_HEADS), { where: [{ column: 'tree_size', op: 'eq', value: sizeKey(size) }] });
    return row ? toHead(row) : null;
  }

  /** Every head, smallest first (verify-chain and the audit read them all; a few hundred a day). */
  async heads(): Promise<StoredTreeHead[]> {
    return (await this.store.query(ref(TREE_HEADS), { orderBy: [{ column: 'size' }] })).map(toHead);
  }

  private async fetch(addresses: readonly { level: number; index: number }[]): Promise<SubtreeHashes> {
    const keys = [...new Set(addresses.flatMap(({ level, index }) => storedPartsOf(level, index).map((part) => nodeKey(part.level, part.index))))];
    const rows = keys.length === 0 ? [] : await this.store.query(ref(TREE_NODES), { where: [{ column: 'node', op: 'in', value: keys }] });
    const byKey = new Map(rows.map((row) => [String(row['node']), Buffer.from(String(row['hash']), 'hex')]));
    const stored = (level: number, index: number): Hash => {
      const hash = byKey.get(nodeKey(level, index));
      if (!hash) throw new RangeError(`the tree has no subtree at level ${level}, index ${index} yet`);
      return hash;
    };
    return { perfect: (level, index) => assemble(level, index, stored) };
  }
}

function toHead(row: Row): StoredTreeHead {
  return {
    treeSize: Number(row['size']),
    rootHash: String(row['root_hash']),
    timestamp: Number(row['timestamp']),
    keyId: String(row['key_id']),
    signature: String(row['signature']),
    eventId: String(row['event_id']),
    position: Number(row['position']),
  };
}
