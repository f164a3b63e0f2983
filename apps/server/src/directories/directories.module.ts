import { Module } from '@nestjs/common';
import {
  DirectoryExporter,
  DirectoryImporter,
  DirectoryImportRejectedError,
  InspectionCommandHandler,
  UnitClosureFollowUp,
  UnitNotFoundError,
  UnsupportedImportFileError,
  type DirectoryFacts,
} from '@shuangsui/application';
import { DIRECTORY_FACTS } from '../projections/read-store.tokens';
import type { EventStore } from '@shuangsui/event-store';
import { registerErrorMapper } from '../common/error.filter';
import { CLOCK, EVENT_STORE, type Clock } from '../common/tokens';
import { InspectionsModule } from '../inspections/inspections.module';
import { DirectoriesController } from './directories.controller';
import { DirectoryRecordsController } from './directory-records.controller';

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
  imports: [InspectionsModule],
  // DirectoriesController first: its `:kind/export` must win over `units/:unitId` for GET /directories/units/export.
  controllers: [DirectoriesController, DirectoryRecordsController],
  providers: [
    // Closing a unit cancels its open cases right after the import; the closure process manager (DrawsModule) makes sure.
    {
      provide: UnitClosureFollowUp,
      useFactory: (store: EventStore, handler: InspectionCommandHandler, facts: DirectoryFacts) => new UnitClosureFollowUp(store, handler, facts),
      inject: [EVENT_STORE, InspectionCommandHandler, DIRECTORY_FACTS],
    },
    {
      provide: DirectoryImporter,
      useFactory: (store: EventStore, clock: Clock, closures: UnitClosureFollowUp) => new DirectoryImporter(store, clock, closures),
      inject: [EVENT_STORE, CLOCK, UnitClosureFollowUp],
    },
    { provide: DirectoryExporter, useFactory: (facts: DirectoryFacts) => new DirectoryExporter(facts), inject: [DIRECTORY_FACTS] },
  ],
  exports: [UnitClosureFollowUp],
})
export class DirectoriesModule {}
