/**
 * Streams.Append of the double: a client stream of one options message followed by the proposed
 * events; answered once, after the client half-closes, with success or WrongExpectedVersion in
 * the response body (not as a gRPC error), exactly as EventStoreDB 20+ answers it.
 */
import type { ServerReadableStream, sendUnaryData } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { DoubleExpectedRevision, InMemoryLog, ProposedRecord } from './in-memory-log';
import { EMPTY, streamNameOf, uuidToString } from './wire';

export function appendHandler(log: InMemoryLog) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let options: AppendReq.Options | undefined;
    const batch: ProposedRecord[] = [];
    let failure: string | undefined;

    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) {
        options = request.getOptions();
        return;
      }
      const proposed = request.getProposedMessage();
      if (proposed === undefined) return;
      const metadata = proposed.getMetadataMap();
      const id = uuidToString(proposed.getId());
      const type = metadata.get('type');
      const contentType = metadata.get('content-type');
      if (id === undefined || !type || !contentType) {
        failure = 'proposed message needs an id, a type and a content-type';
        return;
      }
      batch.push({
        id,
        type,
        contentType,
        data: proposed.getData_asU8(),
        customMetadata: proposed.getCustomMetadata_asU8(),
      });
    });

    call.on('error', () => {
      /* the client went away; nothing was written */
    });

    call.on('end', () => {
      if (options === undefined || failure !== undefined) {
        callback({ code: status.INVALID_ARGUMENT, details: failure ?? 'append options missing' });
        return;
      }
      const outcome = log.append(streamNameOf(options.getStreamIdentifier()), expectedOf(options), batch);
      callback(null, toResponse(outcome));
    });
  };
}

function expectedOf(options: AppendReq.Options): DoubleExpectedRevision {
  if (options.hasRevision()) return { kind: 'revision', revision: Number(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

function toResponse(outcome: ReturnType<InMemoryLog['append']>): AppendResp {
  if (outcome.kind === 'success') {
    const position = new AppendResp.Position()
      .setCommitPosition(String(outcome.lastPosition))
      .setPreparePosition(String(outcome.firstPosition));
    const success = new AppendResp.Success().setPosition(position);
    if (outcome.currentRevision < 0) success.setNoStream(EMPTY);
    else success.setCurrentRevision(String(outcome.currentRevision));
    return new AppendResp().setSuccess(success);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.currentRevision < 0) wrong.setCurrentNoStream(EMPTY);
  else wrong.setCurrentRevision(String(outcome.currentRevision));
  const expected = outcome.expected;
  switch (expected.kind) {
    case 'revision':
      wrong.setExpectedRevision(String(expected.revision));
      break;
    case 'no_stream':
      wrong.setExpectedNoStream(EMPTY);
      break;
    case 'stream_exists':
      wrong.setExpectedStreamExists(EMPTY);
      break;
    case 'any':
      wrong.setExpectedAny(EMPTY);
      break;
  }
  return new AppendResp().setWrongExpectedVersion(wrong);
}
