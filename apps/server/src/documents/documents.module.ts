import { Module } from '@nestjs/common';
import { DocumentFontMissingError, DocumentGenerator, DocumentNotAvailableError, type Settings } from '@shuangsui/application';
import type { EventStore } from '@shuangsui/event-store';
import { registerErrorMapper } from '../common/error.filter';
import { CLOCK, EVENT_STORE, SETTINGS, type Clock } from '../common/tokens';
import { InspectionsModule } from '../inspections/inspections.module';
import { DocumentsController } from './documents.controller';

registerErrorMapper((error) => {
  if (error instanceof DocumentNotAvailableError) return { statusCode: 409, error: 'DocumentNotAvailable', message: error.message, caseId: error.caseId, kind: error.kind };
  // The operator's to fix (install fonts-noto-cjk), never the user's: a 503 naming the file.
  if (error instanceof DocumentFontMissingError) return { statusCode: 503, error: 'DocumentFontMissing', message: `文书字体缺失，请联系管理员：${error.path}` };
  return null;
});

@Module({
  imports: [InspectionsModule],
  controllers: [DocumentsController],
  providers: [
    {
      provide: DocumentGenerator,
      useFactory: (store: EventStore, settings: Settings, clock: Clock) => new DocumentGenerator(store, settings.documents, clock),
      inject: [EVENT_STORE, SETTINGS, CLOCK],
    },
  ],
})
export class DocumentsModule {}
