import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError as EsdbStreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../errors';
import {
  isSystemEvent,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toEventData,
  toPortError,
  toPortPosition,
} from './esdb-mapping';

describe('EventStoreDB mapping', () => {
  describe('expected revisions', () => {
    it.each([
      ['no_stream', NO_STREAM],
      ['any', ANY],
      ['stream_exists', STREAM_EXISTS],
      [0, 0n],
      [41, 41n],
    ] as const)('maps %p to %p', (port, esdb) => {
      expect(toEsdbExpectedRevision(port)).toBe(esdb);
    });
  });

  describe('errors', () => {
    it('turns WrongExpectedVersionError into WrongExpectedRevisionError with port types', () => {
      const error = new WrongExpectedVersionError(undefined, { streamName: 's-1', expected: 3n, current: 7n });
      const mapped = toPortError(error, 's-1', 3);
      expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
      expect(mapped).toMatchObject({ streamId: 's-1', expected: 3, actual: 7 });
    });

    it("reports a missing stream as actual 'no_stream' and keeps symbolic expectations", () => {
      const error = new WrongExpectedVersionError(undefined, {
        streamName: 's-2',
        expected: STREAM_EXISTS,
        current: NO_STREAM,
      });
      expect(toPortError(error, 's-2', 'stream_exists')).toMatchObject({
        expected: 'stream_exists',
        actual: 'no_stream',
      });
    });

    it('turns the client StreamNotFoundError into the port StreamNotFoundError', () => {
      const mapped = toPortError(new EsdbStreamNotFoundError(undefined, 's-3'), 's-3');
      expect(mapped).toBeInstanceOf(StreamNotFoundError);
      expect(mapped).toMatchObject({ streamId: 's-3' });
    });

    it('passes other errors through unchanged', () => {
      const other = new Error('connection reset');
      expect(toPortError(other, 's-4')).toBe(other);
    });
  });

  describe('positions', () => {
    it('uses the commit position and resumes with commit = prepare', () => {
      expect(toPortPosition({ commit: 12_345n, prepare: 12_000n })).toBe(12_345);
      expect(toEsdbPosition(12_345)).toEqual({ commit: 12_345n, prepare: 12_345n });
    });

    it('refuses a commit position beyond 2^53 instead of rounding it', () => {
      expect(() => toPortPosition({ commit: 2n ** 53n + 1n, prepare: 0n })).toThrow(RangeError);
    });
  });

  describe('events', () => {
    it('keeps the writer id, so a retried append is idempotent on the server', () => {
      const data = toEventData({ id: '5b0a3c2e-8a4b-4d8e-9a61-6f1f7d2b9e10', type: 'X.v1', data: { a: 1 }, metadata: {} });
      expect(data).toMatchObject({ id: '5b0a3c2e-8a4b-4d8e-9a61-6f1f7d2b9e10', type: 'X.v1', contentType: 'application/json' });
    });

    it.each([null, false, 0, '', { actor: '检查员' }])('sends metadata %p as JSON bytes (never dropped)', (metadata) => {
      const data = toEventData({ id: '5b0a3c2e-8a4b-4d8e-9a61-6f1f7d2b9e10', type: 'X.v1', data: null, metadata });
      expect(data.metadata).toBeInstanceOf(Uint8Array);
      expect(JSON.parse(Buffer.from(data.metadata as Uint8Array).toString('utf8'))).toEqual(metadata);
    });

    it('treats $-prefixed types as system events', () => {
      expect(isSystemEvent({ type: '$statsCollected' })).toBe(true);
      expect(isSystemEvent({ type: '$>' })).toBe(true);
      expect(isSystemEvent({ type: 'InspectionDrawn.v1' })).toBe(false);
    });
  });
});
