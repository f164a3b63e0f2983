import 'reflect-metadata';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule, type AppOptions } from './app.module';
import { ErrorFilter } from './common/error.filter';
import { createValidationPipe } from './common/validation.pipe';

export interface CreateAppOptions extends AppOptions {
  readonly logger?: LoggerService | LogLevel[] | false;
}

/** The configured application, shared by main.ts, end-to-end tests and benchmarks. */
export async function createApp(options: CreateAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(options), { logger: options.logger ?? ['log', 'warn', 'error'], abortOnError: false });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('shuangsui')
      .setDescription('“双随机、一公开”消防监督抽查 — event-sourced inspection workflow API')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
