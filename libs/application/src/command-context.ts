import type { Actor } from '@shuangsui/domain';

/** Who sends a command and how it relates to others: becomes the events' metadata. */
export interface CommandContext {
  readonly actor: Actor;
  /** Unique per command; the Idempotency-Key when the client gives one. */
  readonly commandId: string;
  readonly correlationId: string;
  /** The event or command that caused this one; null for a person's own request. */
  readonly causationId: string | null;
  /** An exact revision the client read (If-Match); without it the loaded revision is used. */
  readonly expectedRevision?: number;
}
