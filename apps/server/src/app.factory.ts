import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule, type AppOptions } from './app.module';
import { ErrorFilter } from './common/error.filter';
import { createValidationPipe } from './common/validation.pipe';
import { useJsonBody } from './http/json-body';
import { createRootLogger, requestLogger } from './http/logging';
import { useSecurityHeaders } from './http/security-headers';
import { TimedExpressAdapter } from './http/timed-express.adapter';
import { describeRoles, withAuthSchemes } from './auth/openapi-security';

export interface CreateAppOptions extends AppOptions {
  /** Where log lines go (tests read them); standard output by default. */
  readonly logDestination?: DestinationStream;
}

/** The configured application, shared by main.ts, end-to-end tests and benchmarks. */
export async function createApp(options: CreateAppOptions): Promise<INestApplication> {
  const { http } = options.settings;
  const logger = createRootLogger(http.logLevel, options.logDestination);
  const app = await NestFactory.create(AppModule.forRoot({ ...options, logger }), new TimedExpressAdapter(http), {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // Order matters: the request logger first (every request gets its correlation id and a log
  // line, even one refused for its body), then the headers, then the body parser.
  app.use(requestLogger(logger));
  useSecurityHeaders(app, http);
  useJsonBody(app, http);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  const document = describeRoles(SwaggerModule.createDocument(
    app,
    withAuthSchemes(new DocumentBuilder()
      .setTitle('shuangsui')
      .setDescription('“双随机、一公开”消防监督抽查 — event-sourced inspection workflow API')
      .setVersion('0.1.0'))
      .build(),
  ));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
