import { Module } from '@nestjs/common';
import { LiveFeedController } from './live-feed.controller';

/** The dashboards' live feed. Must be imported before InspectionsModule (route order). */
@Module({ controllers: [LiveFeedController] })
export class LiveFeedModule {}
