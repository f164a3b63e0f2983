import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The header that ties a request, its log lines and the events it appends together. */
export const CORRELATION_HEADER = 'X-Correlation-Id';
/** What the command context accepts for ids taken from headers. */
export const HEADER_TOKEN = /^[A-Za-z0-9._:@-]{1,200}$/;

/**
 * The caller's correlation id when it is well-formed, else a new one; echoed in the response
 * either way so the caller can quote it. A malformed header is not echoed (it could be anything):
 * the command context still refuses it with a 400.
 */
export function assignCorrelationId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-correlation-id'];
  const value = typeof given === 'string' && HEADER_TOKEN.test(given) ? given : randomUUID();
  response.setHeader(CORRELATION_HEADER, value);
  return value;
}

/** The id assigned to this request (pino-http keeps genReqId's result as `request.id`). */
export function correlationIdOf(request: IncomingMessage): string | undefined {
  const id = (request as IncomingMessage & { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}
