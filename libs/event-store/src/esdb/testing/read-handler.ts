/**
 * Streams.Read of the double, which EventStoreDB uses for three different things:
 * - read a stream forwards (from a revision, up to a count; StreamNotFound for a missing stream);
 * - read $all forwards from a position (inclusive, as on a real node), up to a count, optionally
 *   filtered;
 * - subscribe to $all from a position (exclusive, as on a real node): a confirmation, the history
 *   (catch-up), a CaughtUp marker, then live events as they are appended, optionally filtered.
 * The subscription walks one cursor over the log, so the hand-over from catch-up to live can have
 * neither a gap nor a duplicate. It honours gRPC back-pressure by pausing until 'drain'.
 * - read $all backwards (from the end or before a position).
 * A $all position inside a record is rejected as a real node rejects it. Backwards stream reads
 * and stream subscriptions are not implemented (the adapter does not use them).
 */
import type { ServerWritableStream } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { randomUUID } from 'node:crypto';
import type { InMemoryLog } from './in-memory-log';
import { type RecordFilter, eventResponse, filterOf, streamIdentifier, streamNameOf } from './wire';

type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

export function readHandler(log: InMemoryLog) {
  return (call: ReadCall): void => {
    const options = call.request.getOptions();
    if (options === undefined) {
      call.emit('error', { code: status.INVALID_ARGUMENT, details: 'read options missing' });
      return;
    }
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const subscribing = options.hasSubscription();
    const position = options.getAll()?.getPosition();
    if (position !== undefined && !log.isReadablePosition(Number(position.getCommitPosition()))) {
      // What a node answers for a position inside a record (a checkpoint not issued by it).
      call.emit('error', { code: status.INVALID_ARGUMENT, details: 'Invalid position.' });
      return;
    }
    if (options.hasStream()) {
      if (subscribing) unimplemented(call, 'the double does not implement stream subscriptions');
      else if (backwards) unimplemented(call, 'the double reads streams forwards only');
      else readStream(call, log, options);
    } else if (subscribing) {
      subscribeToAll(call, log, options);
    } else if (backwards) {
      readAllBackwards(call, log, options);
    } else {
      readAll(call, log, options);
    }
  };
}

function unimplemented(call: ReadCall, details: string): void {
  call.emit('error', { code: status.UNIMPLEMENTED, details });
}

function readStream(call: ReadCall, log: InMemoryLog, options: ReadReq.Options): void {
  const streamOptions = options.getStream()!;
  const streamName = streamNameOf(streamOptions.getStreamIdentifier());
  const records = log.stream(streamName);
  if (records === undefined) {
    const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamName));
    call.write(new ReadResp().setStreamNotFound(notFound));
    call.end();
    return;
  }
  const from = streamOptions.hasRevision()
    ? Number(streamOptions.getRevision())
    : streamOptions.hasEnd()
      ? records.length
      : 0;
  const count = countOf(options);
  for (const record of records.slice(from, from + count)) call.write(eventResponse(record));
  call.end();
}

function readAll(call: ReadCall, log: InMemoryLog, options: ReadReq.Options): void {
  const allOptions = options.getAll()!;
  const position = allOptions.getPosition();
  let index = allOptions.hasEnd() ? log.length : position ? log.indexAtOrAfter(Number(position.getCommitPosition())) : 0;
  const filter = filterOf(options);
  let remaining = countOf(options);
  for (; index < log.length && remaining > 0; index += 1) {
    const record = log.recordAt(index)!;
    if (filter !== undefined && !filter(record)) continue;
    call.write(eventResponse(record));
    remaining -= 1;
  }
  call.end();
}

/** Backwards from the end, or from a position (exclusive): what the adapter uses to find a boundary. */
function readAllBackwards(call: ReadCall, log: InMemoryLog, options: ReadReq.Options): void {
  const allOptions = options.getAll()!;
  const position = allOptions.getPosition();
  let index = position ? log.indexAtOrAfter(Number(position.getCommitPosition())) - 1 : allOptions.hasStart() ? -1 : log.length - 1;
  const filter = filterOf(options);
  let remaining = countOf(options);
  for (; index >= 0 && remaining > 0; index -= 1) {
    const record = log.recordAt(index)!;
    if (filter !== undefined && !filter(record)) continue;
    call.write(eventResponse(record));
    remaining -= 1;
  }
  call.end();
}

function countOf(options: ReadReq.Options): number {
  const count = Number(options.getCount());
  return Number.isFinite(count) && count > 0 ? count : Number.MAX_SAFE_INTEGER;
}

function subscribeToAll(call: ReadCall, log: InMemoryLog, options: ReadReq.Options): void {
  const allOptions = options.getAll()!;
  const position = allOptions.getPosition();
  let cursor = allOptions.hasEnd()
    ? log.length
    : position
      ? log.indexAtOrAfter(Number(position.getCommitPosition()) + 1)
      : 0;
  const filter: RecordFilter | undefined = filterOf(options);
  let caughtUp = false;
  let waitingForDrain = false;
  let closed = false;

  const pump = (): void => {
    if (closed || waitingForDrain) return;
    while (cursor < log.length) {
      const record = log.recordAt(cursor)!;
      cursor += 1;
      if (filter !== undefined && !filter(record)) continue;
      if (!call.write(eventResponse(record))) {
        waitingForDrain = true;
        return;
      }
    }
    if (!caughtUp) {
      caughtUp = true;
      call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
      const last = log.recordAt(cursor - 1);
      if (filter !== undefined && last !== undefined) {
        // Filtered subscriptions report how far the server has searched, even without a match.
        const checkpoint = new ReadResp.Checkpoint()
          .setCommitPosition(String(last.position))
          .setPreparePosition(String(last.position));
        call.write(new ReadResp().setCheckpoint(checkpoint));
      }
    }
  };

  const stopListening = log.onAppended(pump);
  const close = (): void => {
    closed = true;
    stopListening();
  };
  call.on('cancelled', close);
  call.on('close', close);
  call.on('error', close);
  call.on('drain', () => {
    waitingForDrain = false;
    pump();
  });

  const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
  call.write(new ReadResp().setConfirmation(confirmation));
  pump();
}
