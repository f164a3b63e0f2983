import { Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { EvidenceFiles, InspectionCommandHandler, InspectionQueries, openEvidenceStore, type Settings } from '@shuangsui/application';
import type { EventStore } from '@shuangsui/event-store';
import { CLOCK, EVENT_STORE, SETTINGS, type Clock } from '../common/tokens';
import { CaseListController } from './case-list.controller';
import { InspectionsController } from './inspections.controller';

@Module({
  controllers: [CaseListController, InspectionsController],
  providers: [
    { provide: InspectionCommandHandler, useFactory: (store: EventStore, clock: Clock) => new InspectionCommandHandler(store, clock), inject: [EVENT_STORE, CLOCK] },
    { provide: InspectionQueries, useFactory: (store: EventStore) => new InspectionQueries(store), inject: [EVENT_STORE] },
    // Results check their evidence against the store, so the evidence files live beside the case commands.
    { provide: EvidenceFiles, useFactory: async (settings: Settings) => new EvidenceFiles(await openEvidenceStore(settings), settings.evidence), inject: [SETTINGS] },
  ],
  exports: [InspectionCommandHandler, InspectionQueries, EvidenceFiles],
})
export class InspectionsModule implements OnModuleDestroy {
  constructor(@Inject(EvidenceFiles) private readonly evidence: EvidenceFiles) {}

  async onModuleDestroy(): Promise<void> {
    await this.evidence.store.close();
  }
}
