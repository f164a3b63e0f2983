import { Module } from '@nestjs/common';
import type { EventStore } from '@shuangsui/event-store';
import { EVENT_STORE } from '../common/tokens';
import { DISCLOSURE_READER } from './disclosure-reader.port';
import { PublicDisclosuresController } from './public-disclosures.controller';
import { PublicPageController } from './public-page.controller';
import { StoreScanDisclosureReader } from './store-scan-disclosure.reader';

/** Public disclosure (公示): JSON, exports and the page, with no login. */
@Module({
  controllers: [PublicDisclosuresController, PublicPageController],
  providers: [
    // INTERIM: replace with the projected DisclosureReader of @shuangsui/projections when it lands.
    { provide: DISCLOSURE_READER, useFactory: (store: EventStore) => new StoreScanDisclosureReader(store), inject: [EVENT_STORE] },
  ],
})
export class PublicModule {}
