import { accept, reject, type Decider, type Decision } from '../shared/decider';
import type { SignedTreeHead } from './signed-tree-head';

/** The transparency log's own events (docs/transparency-log.md): the signed heads, kept in the log itself. */
export const TRANSPARENCY_EVENT_TYPES = { TreeHeadSigned: 'TreeHeadSigned.v1' } as const;

/** One stream per China date, so a day's heads are one short stream and "the head of a day" is its last. */
export const TREE_HEADS_STREAM_PREFIX = 'transparency-heads-';
export const treeHeadsStreamId = (chinaDate: string): string => `${TREE_HEADS_STREAM_PREFIX}${chinaDate}`;

export type TreeHeadSignedData = SignedTreeHead;
export type TreeHeadEvent = { readonly type: typeof TRANSPARENCY_EVENT_TYPES.TreeHeadSigned; readonly data: TreeHeadSignedData };

/** Sign a head: the signer computed and signed it; `latestSize` is the largest size signed before (any day). */
export interface SignTreeHead {
  readonly type: 'signTreeHead';
  readonly head: SignedTreeHead;
  readonly latestSize: number;
}

export interface TreeHeadState {
  readonly last: SignedTreeHead | null;
}

export type TreeHeadRejection = { readonly kind: 'treeShrank'; readonly treeSize: number; readonly latestSize: number };

/**
 * Heads only grow: a head no larger than the last one signed adds nothing (accepted, no event), and a
 * smaller one than any signed before is refused — the signer's tree would have lost leaves.
 */
export function decideTreeHead(command: SignTreeHead, state: TreeHeadState): Decision<TreeHeadEvent, TreeHeadRejection> {
  const latest = Math.max(command.latestSize, state.last?.treeSize ?? 0);
  if (command.head.treeSize < latest) return reject({ kind: 'treeShrank', treeSize: command.head.treeSize, latestSize: latest });
  if (command.head.treeSize === latest && latest > 0) return accept();
  return accept({ type: TRANSPARENCY_EVENT_TYPES.TreeHeadSigned, data: command.head });
}

export const treeHeadDecider: Decider<SignTreeHead, TreeHeadEvent, TreeHeadState, TreeHeadRejection> = {
  initialState: () => ({ last: null }),
  evolve: (state, event) => (event.type === TRANSPARENCY_EVENT_TYPES.TreeHeadSigned ? { last: event.data } : state),
  decide: decideTreeHead,
};
