import type { EventStore, RecordedEvent } from '@shuangsui/event-store';

/** One command as the log remembers it: who, when, on what, and what it produced. */
export interface AuditEntry {
  readonly position: number;
  readonly occurredAt: string;
  readonly actor: { readonly id: string; readonly role: string };
  readonly command: string;
  readonly commandId: string;
  readonly streamId: string;
  /** The case, for commands on an inspection stream. */
  readonly caseId: string | null;
  /** The events the command appended (a refused command appends none and is not in the log). */
  readonly outcome: readonly string[];
}

export interface AuditFilter {
  readonly actorId?: string;
  readonly caseId?: string;
  /** ISO instants, inclusive. */
  readonly from?: string;
  readonly to?: string;
  /** Resume after this position (the previous page's `next`). */
  readonly after?: number;
  readonly limit?: number;
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  /** Pass as `after` for the next page; null when the log's end was reached. */
  readonly next: number | null;
}

/** At most this many events are read per request, so a narrow filter cannot make one request read the whole log. */
const SCAN_BUDGET = 50_000;
const PAGE = 1_000;

interface Metadata {
  readonly occurredAt?: string;
  readonly actor?: { readonly id: string; readonly role: string };
  readonly command?: string;
  readonly commandId?: string;
}

/**
 * GET /audit: every command by actor, time, case and outcome, read from the events themselves
 * (their metadata), in log order. Events of one command are adjacent in the log (one append).
 */
export class CommandAudit {
  constructor(private readonly store: EventStore) {}

  async list(filter: AuditFilter): Promise<AuditPage> {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 500);
    const entries: AuditEntry[] = [];
    let after = filter.after ?? 0;
    let scanned = 0;
    // The position of the last event fully taken into this page: where the next page resumes.
    let consumed = after;
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: PAGE });
      if (page.length === 0) return { entries, next: null };
      for (const event of page) {
        after = event.position;
        scanned += 1;
        const entry = toEntry(event);
        if (entry && matches(entry, filter)) {
          const last = entries[entries.length - 1];
          if (last && last.commandId === entry.commandId && last.streamId === entry.streamId) {
            entries[entries.length - 1] = { ...last, outcome: [...last.outcome, ...entry.outcome] };
          } else {
            if (entries.length === limit) return { entries, next: consumed };
            entries.push(entry);
          }
        }
        consumed = event.position;
      }
      if (scanned >= SCAN_BUDGET) return { entries, next: consumed };
    }
  }
}

function toEntry(event: RecordedEvent): AuditEntry | null {
  const metadata = event.metadata as Metadata | null;
  if (!metadata?.actor) return null;
  const caseId = event.streamId.startsWith('inspection-') ? event.streamId.slice('inspection-'.length) : null;
  return {
    position: event.position,
    occurredAt: metadata.occurredAt ?? event.recordedAt,
    actor: { id: metadata.actor.id, role: metadata.actor.role },
    command: metadata.command ?? 'unknown',
    commandId: metadata.commandId ?? event.id,
    streamId: event.streamId,
    caseId,
    outcome: [event.type],
  };
}

function matches(entry: AuditEntry, filter: AuditFilter): boolean {
  if (filter.actorId !== undefined && entry.actor.id !== filter.actorId) return false;
  if (filter.caseId !== undefined && entry.caseId !== filter.caseId) return false;
  if (filter.from !== undefined && entry.occurredAt < filter.from) return false;
  if (filter.to !== undefined && entry.occurredAt > filter.to) return false;
  return true;
}
