import type { KeyObject } from 'node:crypto';
import { eventLeafHash, TRANSPARENCY_EVENT_TYPES, TreeFrontier, verifyTreeHeadSignature, type TreeHeadSignedData } from '@shuangsui/domain/transparency';
import type { EventStore, RecordedEvent } from '@shuangsui/event-store';

/** A signed head in the log that the log itself does not bear out. */
export interface BadTreeHead {
  readonly treeSize: number;
  readonly eventId: string;
  readonly position: number;
  /** `root-mismatch`: the events' tree has another root at that size; `beyond-log`: the head counts leaves that precede it nowhere; `bad-signature`: not signed by the key given. */
  readonly reason: 'root-mismatch' | 'beyond-log' | 'bad-signature';
}

export interface TreeVerification {
  readonly intact: boolean;
  readonly leaves: number;
  /** MTH of the whole log as it is stored now. */
  readonly rootHash: string;
  readonly heads: number;
  readonly badHeads: readonly BadTreeHead[];
}

/**
 * Rebuilds the transparency log's tree from the stored events (docs/transparency-log.md) and checks every
 * TreeHeadSigned event in the log against it: an event edited even with its stream's chain re-sealed,
 * a stream removed, or two events reordered changes the root at every later signed size. Two reads of
 * the log: the heads first, then the leaves, comparing the root only at the signed sizes.
 */
export async function verifyTree(store: Pick<EventStore, 'readAll'>, options: { readonly pageSize?: number; readonly publicKey?: KeyObject } = {}): Promise<TreeVerification> {
  const heads: { head: TreeHeadSignedData; event: RecordedEvent; leafIndex: number }[] = [];
  let leafIndex = 0;
  await eachEvent(store, options.pageSize, (event) => {
    if (event.type === TRANSPARENCY_EVENT_TYPES.TreeHeadSigned) heads.push({ head: event.data as unknown as TreeHeadSignedData, event, leafIndex });
    leafIndex += 1;
  });
  const bySize = new Map<number, typeof heads>();
  for (const entry of heads) bySize.set(entry.head.treeSize, [...(bySize.get(entry.head.treeSize) ?? []), entry]);
  const bad: BadTreeHead[] = [];
  const report = (entry: (typeof heads)[number], reason: BadTreeHead['reason']) => bad.push({ treeSize: entry.head.treeSize, eventId: entry.event.id, position: entry.event.position, reason });
  for (const entry of heads) {
    if (entry.head.treeSize > entry.leafIndex) report(entry, 'beyond-log');
    else if (options.publicKey && !verifyTreeHeadSignature(entry.head, options.publicKey)) report(entry, 'bad-signature');
  }
  const frontier = new TreeFrontier();
  const compare = () => {
    for (const entry of bySize.get(frontier.size) ?? []) {
      if (entry.head.treeSize <= entry.leafIndex && frontier.root().toString('hex') !== entry.head.rootHash) report(entry, 'root-mismatch');
    }
  };
  await eachEvent(store, options.pageSize, (event) => {
    frontier.append(eventLeafHash(event));
    compare();
  });
  bad.sort((a, b) => a.position - b.position);
  return { intact: bad.length === 0, leaves: frontier.size, rootHash: frontier.root().toString('hex'), heads: heads.length, badHeads: bad };
}

async function eachEvent(store: Pick<EventStore, 'readAll'>, pageSize = 1_000, visit: (event: RecordedEvent) => void): Promise<void> {
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.length === 0) return;
    for (const event of page) visit(event);
    after = (page[page.length - 1] as RecordedEvent).position;
  }
}
