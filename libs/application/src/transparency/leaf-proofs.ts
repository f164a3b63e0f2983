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
 * than it, or not yet a leaf) gets no proof. A proof against a given head never changes, so the proofs
 * of the current head are kept (public list pages ask for the same records again and again); a new
 * head starts afresh.
 */
export class LogProofs {
  private cachedSize = -1;
  private readonly cached = new Map<string, LeafProof>();

  constructor(
    private readonly source: LogProofSource,
    private readonly maxCached = 10_000,
  ) {}

  async againstLatestHead(eventIds: readonly string[]): Promise<{ head: SignedHead; proofs: Map<string, LeafProof> } | null> {
    const latest = await this.source.latestHead();
    if (!latest) return null;
    const { treeSize, rootHash, timestamp, keyId, signature } = latest;
    if (treeSize !== this.cachedSize || this.cached.size > this.maxCached) {
      this.cached.clear();
      this.cachedSize = treeSize;
    }
    const proofs = new Map<string, LeafProof>();
    await Promise.all(
      [...new Set(eventIds)].map(async (eventId) => {
        const proof = this.cached.get(eventId) ?? (await this.prove(eventId, treeSize));
        if (!proof) return;
        if (treeSize === this.cachedSize) this.cached.set(eventId, proof);
        proofs.set(eventId, proof);
      }),
    );
    return { head: { treeSize, rootHash, timestamp, keyId, signature }, proofs };
  }

  private async prove(eventId: string, treeSize: number): Promise<LeafProof | null> {
    const leaf = await this.source.leaf(eventId);
    if (!leaf || leaf.leafIndex >= treeSize) return null;
    const proof = (await this.source.inclusion(leaf.leafIndex, treeSize)).map((hash) => hash.toString('hex'));
    return { eventId, leafIndex: leaf.leafIndex, leafHash: leaf.leafHash, proof };
  }
}
