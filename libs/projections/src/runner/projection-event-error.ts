import type { LeanEvent } from '@shuangsui/event-store';

/** An event a projection could not apply. The projection stops here; the event is never skipped. */
export class ProjectionEventError extends Error {
  override readonly name = 'ProjectionEventError';
  readonly eventId: string;
  readonly eventType: string;
  readonly position: number;
  readonly streamId: string;

  constructor(
    readonly projection: string,
    event: LeanEvent,
    override readonly cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Projection ${projection} failed on event ${event.id} (${event.type}, stream ${event.streamId}, position ${event.position}): ${reason}`);
    this.eventId = event.id;
    this.eventType = event.type;
    this.position = event.position;
    this.streamId = event.streamId;
  }
}
