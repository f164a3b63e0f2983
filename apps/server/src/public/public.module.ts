import { Module } from '@nestjs/common';
import { DisclosureReader } from '@shuangsui/projections';
import { DISCLOSURE_READER } from './disclosure-reader.port';
import { PublicDisclosuresController } from './public-disclosures.controller';
import { PublicPageController } from './public-page.controller';

/**
 * Public disclosure (公示): JSON, exports and the page, with no login. Served from the disclosure
 * read model that the projection runner keeps (ProjectionsModule is global and exports the reader).
 */
@Module({
  controllers: [PublicDisclosuresController, PublicPageController],
  providers: [{ provide: DISCLOSURE_READER, useExisting: DisclosureReader }],
})
export class PublicModule {}
