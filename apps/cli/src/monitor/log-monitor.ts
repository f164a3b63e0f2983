import { fromHex, publicKeyFromPem, verifyConsistency, verifyTreeHeadSignature, type SignedTreeHead } from '@shuangsui/domain/transparency';

/** What a monitor keeps between runs: the key it pinned at first sight and every head it accepted. */
export interface MonitorState {
  readonly baseUrl: string;
  readonly key: { readonly keyId: string; readonly publicKeyPem: string } | null;
  readonly heads: readonly SignedTreeHead[];
}

export type FindingKind = 'unreachable' | 'keyChanged' | 'badSignature' | 'truncated' | 'fork' | 'inconsistent';

export interface Finding {
  readonly kind: FindingKind;
  /** For people (Simplified Chinese). */
  readonly message: string;
}

export interface MonitorReport {
  readonly ok: boolean;
  readonly head: SignedTreeHead | null;
  readonly previous: SignedTreeHead | null;
  readonly findings: readonly Finding[];
  /** The state to save: the new head added only when every check held. */
  readonly state: MonitorState;
}

export type FetchJson = (url: string) => Promise<{ status: number; body: unknown }>;

export const emptyState = (baseUrl: string): MonitorState => ({ baseUrl, key: null, heads: [] });

/**
 * One monitoring round (docs/transparency-log.md, "Monitoring"): fetch the key and the latest head,
 * check the signature with the key pinned at the first run, and check that the largest head seen before
 * is a prefix of the new one (RFC 9162 consistency proof). A smaller tree is a truncation; the same size
 * with another root is a fork; a proof that does not hold means the history was rewritten, removed
 * from or reordered. Needs nothing but HTTP: anyone can run it against any server.
 */
export async function monitorLog(state: MonitorState, fetchJson: FetchJson): Promise<MonitorReport> {
  const base = state.baseUrl.replace(/\/+$/, '');
  const previous = [...state.heads].sort((a, b) => b.treeSize - a.treeSize)[0] ?? null;
  const fail = (kind: FindingKind, message: string, head: SignedTreeHead | null = null): MonitorReport => ({ ok: false, head, previous, findings: [{ kind, message }], state });

  const keyResponse = await fetchJson(`${base}/public/log/key`).catch((error: Error) => ({ status: 0, body: error.message }));
  const headResponse = await fetchJson(`${base}/public/log/head`).catch((error: Error) => ({ status: 0, body: error.message }));
  if (keyResponse.status !== 200 || headResponse.status !== 200) return fail('unreachable', `无法取得公钥或最新树头（HTTP ${keyResponse.status}/${headResponse.status}）`);
  const key = keyResponse.body as { keyId: string; publicKeyPem: string };
  const head = headResponse.body as SignedTreeHead;
  if (state.key && key.keyId !== state.key.keyId) {
    return fail('keyChanged', `签名公钥已变更：先前为 ${state.key.keyId.slice(0, 16)}…，现在为 ${key.keyId.slice(0, 16)}…；须经公告核实后才能接受新公钥`, head);
  }
  const pinned = state.key ?? { keyId: key.keyId, publicKeyPem: key.publicKeyPem };
  if (!verifyTreeHeadSignature(head, publicKeyFromPem(pinned.publicKeyPem))) return fail('badSignature', `大小为${head.treeSize}的树头签名无效`, head);

  if (previous) {
    if (head.treeSize < previous.treeSize) return fail('truncated', `日志被截短：先前已见大小为${previous.treeSize}的树头，现在最新树头只有${head.treeSize}`, head);
    if (head.treeSize === previous.treeSize && head.rootHash !== previous.rootHash) {
      return fail('fork', `分叉：大小${head.treeSize}的树头根哈希与先前签名的不同（${previous.rootHash.slice(0, 16)}… → ${head.rootHash.slice(0, 16)}…）`, head);
    }
    if (head.treeSize > previous.treeSize) {
      const response = await fetchJson(`${base}/public/log/consistency?from=${previous.treeSize}&to=${head.treeSize}`);
      const proof = ((response.body as { proof?: unknown }).proof ?? []) as unknown[];
      const hashes = proof.map((h) => (typeof h === 'string' ? fromHex(h) : null));
      const from = fromHex(previous.rootHash);
      const to = fromHex(head.rootHash);
      const holds = response.status === 200 && from !== null && to !== null && hashes.every((h) => h !== null) && verifyConsistency(previous.treeSize, head.treeSize, from, to, hashes as Buffer[]);
      if (!holds) {
        const intact = await largestConsistentHead(base, state.heads, head, fetchJson);
        const where = intact ? `大小${intact.treeSize}及之前的历史仍与先前的树头一致，改动发生在第${intact.treeSize + 1}至第${previous.treeSize}个叶子之间` : '连最早见过的树头也对不上：改动发生在其覆盖的范围内';
        return fail('inconsistent', `一致性证明不成立：先前签名的大小${previous.treeSize}的树不是当前大小${head.treeSize}的树的前缀，已记录的历史被改写、删除或重排；${where}（HTTP ${response.status}）`, head);
      }
    }
  }
  const heads = state.heads.some((h) => h.treeSize === head.treeSize) ? state.heads : [...state.heads, strip(head)];
  return { ok: true, head, previous, findings: [], state: { baseUrl: state.baseUrl, key: pinned, heads } };
}

/** Names what broke: the largest earlier head of which the new tree is still an extension. */
async function largestConsistentHead(base: string, seen: readonly SignedTreeHead[], head: SignedTreeHead, fetchJson: FetchJson): Promise<SignedTreeHead | null> {
  const to = fromHex(head.rootHash);
  for (const earlier of [...seen].sort((a, b) => b.treeSize - a.treeSize)) {
    const response = await fetchJson(`${base}/public/log/consistency?from=${earlier.treeSize}&to=${head.treeSize}`).catch(() => ({ status: 0, body: null }));
    const proof = (((response.body as { proof?: unknown } | null)?.proof ?? []) as unknown[]).map((h) => (typeof h === 'string' ? fromHex(h) : null));
    const from = fromHex(earlier.rootHash);
    if (response.status === 200 && from && to && proof.every((h) => h !== null) && verifyConsistency(earlier.treeSize, head.treeSize, from, to, proof as Buffer[])) return earlier;
  }
  return null;
}

const strip = (head: SignedTreeHead): SignedTreeHead => ({ treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp, keyId: head.keyId, signature: head.signature });
