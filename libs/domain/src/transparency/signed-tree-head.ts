import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json';

/**
 * A signed tree head (STH): the log's size and root at a moment, signed with the server's Ed25519 key.
 * The signed bytes are the UTF-8 canonical JSON of {rootHash, timestamp, treeSize, version}; a verifier
 * rebuilds them from the head's fields, so no second encoding can disagree with the first.
 */

export const TREE_HEAD_VERSION = 'shuangsui-tree-head/1';

export interface TreeHead {
  readonly treeSize: number;
  /** MTH of the first treeSize leaves, 64 hex digits. */
  readonly rootHash: string;
  /** Milliseconds since 1970-01-01T00:00:00Z when the head was signed. */
  readonly timestamp: number;
}

export interface SignedTreeHead extends TreeHead {
  /** SHA-256 of the raw 32-byte public key, hex: which key signed (keys rotate). */
  readonly keyId: string;
  /** Ed25519 signature over treeHeadBytes(head), base64. */
  readonly signature: string;
}

export function treeHeadBytes(head: TreeHead): Buffer {
  return Buffer.from(canonicalJson({ rootHash: head.rootHash, timestamp: head.timestamp, treeSize: head.treeSize, version: TREE_HEAD_VERSION }), 'utf8');
}

/** The raw 32 bytes of an Ed25519 public key (the last 32 bytes of its SPKI DER encoding). */
export function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(-32);
}

export function keyIdOf(key: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(key)).digest('hex');
}

export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`公钥不是 Ed25519 密钥（${key.asymmetricKeyType}）`);
  return key;
}

/** True when `head` carries a valid signature of its own fields by `key`. */
export function verifyTreeHeadSignature(head: SignedTreeHead, key: KeyObject): boolean {
  if (head.keyId !== keyIdOf(key)) return false;
  try {
    return verify(null, treeHeadBytes(head), key, Buffer.from(head.signature, 'base64'));
  } catch {
    return false;
  }
}
