import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { LogLevel } from '@shuangsui/application';
import { assignCorrelationId } from './correlation-id';

/**
 * Log fields that may carry credentials or personal data (a unit's responsible person, manager and
 * phone, an inspector's name). Request bodies are never logged; these cover error details and any
 * object a log call is given, one or two levels down.
 */
const SENSITIVE_FIELDS = ['password', 'token', 'secret', 'contactPhone', 'phone', 'responsiblePerson', 'manager', 'inspectorName'];
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SENSITIVE_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

/** One JSON line per event; `silent` in tests. */
export function createRootLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'shuangsui' } };
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
