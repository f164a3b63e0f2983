import { Module } from '@nestjs/common';
import { InspectionCommandHandler, InspectionQueries } from '@shuangsui/application';
import type { EventStore } from '@shuangsui/event-store';
import { CLOCK, EVENT_STORE, type Clock } from '../common/tokens';
import { CaseListController } from './case-list.controller';
import { InspectionsController } from './inspections.controller';

@Module({
  controllers: [CaseListController, InspectionsController],
  providers: [
    { provide: InspectionCommandHandler, useFactory: (store: EventStore, clock: Clock) => new InspectionCommandHandler(store, clock), inject: [EVENT_STORE, CLOCK] },
    { provide: InspectionQueries, useFactory: (store: EventStore) => new InspectionQueries(store), inject: [EVENT_STORE] },
  ],
  exports: [InspectionCommandHandler, InspectionQueries],
})
export class InspectionsModule {}
