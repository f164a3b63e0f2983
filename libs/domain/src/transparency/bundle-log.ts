import type { KeyObject } from 'node:crypto';
import type { BundleLogProofs } from '../draw/v2/bundle.types';
import { verifyInclusion } from './inclusion-proof';
import { verifyTreeHeadSignature } from './signed-tree-head';
import { fromHex } from './tree-hashing';

export interface BundleLogCheck {
  readonly ok: boolean;
  /** For people (Simplified Chinese). */
  readonly detail: string;
}

/**
 * Checks a draw bundle's transparency-log section: each inclusion proof leads from its leaf hash to the
 * signed head's root, the proofs name the bundle's own commitment and draw events, the commitment's leaf
 * comes before the draw's (the freeze was logged first), and — given the log's public key — the head is
 * signed by it. docs/transparency-log.md.
 */
export function checkBundleLog(log: BundleLogProofs, events: { readonly commitmentEventId: string; readonly drawEventId?: string }, publicKey?: KeyObject): BundleLogCheck {
  const root = fromHex(log.head.rootHash);
  if (!root) return { ok: false, detail: '树头的根哈希格式不正确' };
  const holds = (leaf: BundleLogProofs['commitment']): boolean => {
    const hash = fromHex(leaf.leafHash);
    const proof = leaf.proof.map(fromHex);
    return hash !== null && proof.every((h) => h !== null) && verifyInclusion(leaf.leafIndex, log.head.treeSize, hash, proof as Buffer[], root);
  };
  if (log.commitment.eventId !== events.commitmentEventId) return { ok: false, detail: '日志证明指向的不是本承诺事件' };
  if (!holds(log.commitment)) return { ok: false, detail: `承诺事件（第${log.commitment.leafIndex}号叶子）的包含证明与大小${log.head.treeSize}的树头不符` };
  if (events.drawEventId !== undefined && log.draw) {
    if (log.draw.eventId !== events.drawEventId) return { ok: false, detail: '日志证明指向的不是本抽取事件' };
    if (!holds(log.draw)) return { ok: false, detail: `抽取事件（第${log.draw.leafIndex}号叶子）的包含证明与大小${log.head.treeSize}的树头不符` };
    if (log.draw.leafIndex <= log.commitment.leafIndex) return { ok: false, detail: '日志中抽取事件不在承诺事件之后' };
  }
  if (publicKey && !verifyTreeHeadSignature(log.head, publicKey)) return { ok: false, detail: '树头签名与给定的日志公钥不符' };
  const order = log.draw ? `，抽取事件为第${log.draw.leafIndex}号叶子（在其后）` : '';
  return { ok: true, detail: `承诺事件为第${log.commitment.leafIndex}号叶子${order}，均包含在大小${log.head.treeSize}的签名树头中${publicKey ? '（签名已核实）' : '（未给公钥，签名未核实）'}` };
}
