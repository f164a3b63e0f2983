import { Module } from '@nestjs/common';
import { DirectoryExporter, DirectoryImporter, DirectoryImportRejectedError, UnitNotFoundError, UnsupportedImportFileError } from '@shuangsui/application';
import type { EventStore } from '@shuangsui/event-store';
import { registerErrorMapper } from '../common/error.filter';
import { CLOCK, EVENT_STORE, type Clock } from '../common/tokens';
import { DirectoriesController } from './directories.controller';

registerErrorMapper((error) => {
  if (error instanceof DirectoryImportRejectedError) {
    const { report } = error;
    return { statusCode: 400, error: 'ImportRejected', message: error.message, ...report };
  }
  if (error instanceof UnsupportedImportFileError) return { statusCode: 400, error: 'UnsupportedFile', message: error.message };
  if (error instanceof UnitNotFoundError) return { statusCode: 404, error: 'UnitNotFound', message: error.message, unitId: error.unitId };
  return null;
});

@Module({
  controllers: [DirectoriesController],
  providers: [
    { provide: DirectoryImporter, useFactory: (store: EventStore, clock: Clock) => new DirectoryImporter(store, clock), inject: [EVENT_STORE, CLOCK] },
    { provide: DirectoryExporter, useFactory: (store: EventStore) => new DirectoryExporter(store), inject: [EVENT_STORE] },
  ],
})
export class DirectoriesModule {}
