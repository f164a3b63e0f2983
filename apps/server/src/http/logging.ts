import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { pinoHttp } from 'pino-http';
import type { LogLevel } from '@shuangsui/application';
import { assignCorrelationId } from './correlation-id';

/**
 * Log fields that may carry credentials or personal data (a unit's responsible person, manager and
 * phone, an inspector's name). Request bodies and headers are never logged; these are censored in any
 * object a log call is given, three levels down (inside arrays and an error's own fields too).
 */
const SENSITIVE_FIELDS = new Set(['password', 'token', 'secret', 'contactPhone', 'phone', 'responsiblePerson', 'manager', 'inspectorName']);
const CENSOR = '[redacted]';
/** The object a log call passes and three levels below it. */
const CENSOR_DEPTH = 4;

/**
 * The censored copy of a logged value, or the value itself when it holds nothing sensitive. It is a
 * log-time walk of the few plain objects a call passes, not pino's redact paths: with wildcard paths
 * pino also redacts every child logger's bindings, and pino-http binds each request to a child, which
 * measured 8 % of the server's CPU under read load. Class instances (requests, responses) are not
 * entered: their serializers pick what is logged of them.
 */
function censored(value: unknown, depth: number): unknown {
  if (depth === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => censored(item, depth - 1));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  const isError = value instanceof Error;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (!isError && prototype !== Object.prototype && prototype !== null) return value;
  let copy: Record<string, unknown> | null = null;
  for (const [key, field] of Object.entries(value)) {
    const next = SENSITIVE_FIELDS.has(key) ? CENSOR : censored(field, depth - 1);
    if (next !== field) copy ??= isError ? errorCopy(value) : { ...value };
    if (copy) copy[key] = next;
  }
  return copy ?? value;
}

/**
 * A copy of an error whose fields can be censored: the same prototype, so pino's error serializer
 * still names its type, with the message and stack (an Error's own, non-enumerable fields) and its own fields.
 */
function errorCopy(error: Error): Record<string, unknown> {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Record<string, unknown>;
  return Object.assign(copy, { message: error.message, stack: error.stack }, error);
}

const censorLogObject = (object: Record<string, unknown>): Record<string, unknown> => censored(object, CENSOR_DEPTH) as Record<string, unknown>;

/**
 * What a request line says of the request: never its headers (credentials) or its body. pino-http
 * passes its own summary (`url` is Express's originalUrl there), with the request itself as `raw`.
 */
function requestFields(request: { readonly raw?: IncomingMessage; readonly url?: string } | IncomingMessage) {
  const raw = ('raw' in request && request.raw) || (request as IncomingMessage);
  return { method: raw.method, url: request.url, remoteAddress: raw.socket?.remoteAddress, userAgent: raw.headers['user-agent'] };
}

/** pino-http sets its own request and response serializers: it is given these too. */
const REQUEST_LINE_SERIALIZERS = { req: requestFields, res: (response: ServerResponse) => ({ statusCode: response.statusCode }) };

/** One JSON line per event; `silent` in tests. */
export function createRootLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    formatters: { log: censorLogObject },
    serializers: REQUEST_LINE_SERIALIZERS,
    base: { service: 'shuangsui' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * The request logger runs first of all middleware (before body parsing), so a request refused for
 * its body still gets a correlation id and a log line.
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: assignCorrelationId,
    serializers: REQUEST_LINE_SERIALIZERS,
    customAttributeKeys: { reqId: 'correlationId' },
    // Binds the id to the request's logger, so every line logged for the request carries it.
    quietReqLogger: true,
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
  });
}

/** Nest's own Logger calls go to the same pino logger, bound to the request's child logger. */
export function loggerModule(logger: Logger): DynamicModule {
  return LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true });
}
