import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { Json, NewEvent, RecordedEvent } from './event-store.port';

/**
 * Per-stream hash chain for tamper evidence. Each event's metadata carries `prevHash` (the hash of
 * the stream's previous event, null for the first) and `hash` = SHA-256 over the canonical JSON of
 * {streamId, revision, id, type, data, metadata without `hash`}. Editing any stored payload,
 * metadata, id or order of a stream breaks the chain at that event. The chain lives in the event
 * itself, so it survives a copy to another store unchanged.
 */

export const GENESIS_HASH = null;

type Metadata = { readonly [key: string]: Json };

export function eventHash(streamId: string, revision: number, event: NewEvent): string {
  const { hash: _ignored, ...metadata } = event.metadata as Metadata;
  const body = canonicalJson({ streamId, revision, id: event.id, type: event.type, data: event.data, metadata });
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** Fills in prevHash/hash for events about to be appended after `previous` (null for a new stream). */
export function sealEvents(
  streamId: string,
  previous: { readonly revision: number; readonly hash: string | null } | null,
  events: readonly NewEvent[],
): NewEvent[] {
  let prevHash = previous?.hash ?? GENESIS_HASH;
  let revision = previous ? previous.revision : -1;
  return events.map((event) => {
    revision += 1;
    const withPrev = { ...event, metadata: { ...(event.metadata as Metadata), prevHash } };
    const hash = eventHash(streamId, revision, withPrev);
    prevHash = hash;
    return { ...withPrev, metadata: { ...withPrev.metadata, hash } };
  });
}

export function hashOf(event: RecordedEvent | undefined): string | null {
  const hash = event ? (event.metadata as Metadata | null)?.['hash'] : null;
  return typeof hash === 'string' ? hash : null;
}

export interface ChainBreak {
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly eventId: string;
  readonly reason: 'revision_gap' | 'prev_hash_mismatch' | 'hash_mismatch';
}

/** Walks one stream's events in revision order; returns the first broken link, or null. */
export function findChainBreak(events: readonly RecordedEvent[]): ChainBreak | null {
  let previousHash: string | null = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const at = { streamId: event.streamId, revision: event.revision, position: event.position, eventId: event.id };
    if (event.revision !== index) return { ...at, reason: 'revision_gap' };
    const metadata = event.metadata as Metadata | null;
    if ((metadata?.['prevHash'] ?? null) !== previousHash) return { ...at, reason: 'prev_hash_mismatch' };
    if (metadata?.['hash'] !== eventHash(event.streamId, event.revision, event)) return { ...at, reason: 'hash_mismatch' };
    previousHash = metadata['hash'] as string;
  }
  return null;
}
