import { Module } from '@nestjs/common';
import { TransparencyModule } from '../transparency/transparency.module';
import { PublicDisclosuresController } from './public-disclosures.controller';
import { PublicPageController } from './public-page.controller';
import { PublicVerifyController } from './public-verify.controller';

/**
 * Public disclosure (公示): JSON, exports and the page, with no login. Served from the disclosure
 * read model that the projection runner keeps (ProjectionsModule is global and exports the reader).
 */
@Module({
  imports: [TransparencyModule],
  controllers: [PublicDisclosuresController, PublicPageController, PublicVerifyController],
})
export class PublicModule {}
