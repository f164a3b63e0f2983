import type { LeafProof } from '@shuangsui/domain/draw';

/** The transparency tree as the public records need it (TransparencyTreeReader implements it). */
export interface LogProofSource {
  latestHead(): Promise<{ treeSize: number; rootHash: string; timestamp: number; keyId: string; signature: string } | null>;
  leaf(eventId: string): Promise<{ leafIndex: number; leafHash: string } | null>;
  inclusion(leafIndex: number, treeSize: number): Promise<Buffer[]>;
}

export type SignedHead = NonNullable<Awaited<ReturnType<LogProofSource['latestHead']>>>;

/**
 * Inclusion proofs of events against the latest signed head (docs/transparency-log.md): what a public
 * record carries so anyone can check its place in the log. An event the head does not cover yet (newer
 * than it, or not yet a leaf) gets no proof.
 */
export async function proofsAgainstLatestHead(source: LogProofSource, eventIds: readonly string[]): Promise<{ head: SignedHead; proofs: Map<string, LeafProof> } | null> {
  const latest = await source.latestHead();
  if (!latest) return null;
  const { treeSize, rootHash, timestamp, keyId, signature } = latest;
  const proofs = new Map<string, LeafProof>();
  await Promise.all(
    [...new Set(eventIds)].map(async (eventId) => {
      const leaf = await source.leaf(eventId);
      if (!leaf || leaf.leafIndex >= treeSize) return;
      const proof = (await source.inclusion(leaf.leafIndex, treeSize)).map((hash) => hash.toString('hex'));
      proofs.set(eventId, { eventId, leafIndex: leaf.leafIndex, leafHash: leaf.leafHash, proof });
    }),
  );
  return { head: { treeSize, rootHash, timestamp, keyId, signature }, proofs };
}
