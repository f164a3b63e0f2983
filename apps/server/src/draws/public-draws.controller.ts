import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DrawBundles, type PublicDrawItem } from '@shuangsui/application';
import type { DrawBundle } from '@shuangsui/domain/draw';
import { Public } from '../auth/access.decorators';
import { IdPipe } from '../common/id.pipe';

/**
 * The public side of the draws (no sign-in): every month's commitment from the moment its quota is set,
 * and the bundle that lets anyone re-run a version-2 draw (`npm run cli -- verify-bundle`, /public/verify).
 * Ids, codes and hashes only: no name, phone or certificate number, no actor.
 */
@ApiTags('public')
@Public()
@Controller('public/draws')
export class PublicDrawsController {
  constructor(private readonly bundles: DrawBundles) {}

  @Get()
  @ApiOperation({ summary: "Every plan's monthly commitments and draws, pending and done, with each redraw's reason and the result it replaced" })
  async list(): Promise<{ items: PublicDrawItem[] }> {
    return { items: await this.bundles.list() };
  }

  @Get(':drawId/bundle')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: "A version-2 draw's verification bundle (docs/draw-algorithm.md §V2.6): commitment and frozen population from the freeze; reveals, result and event positions once drawn" })
  bundle(@Param('drawId', IdPipe) drawId: string): Promise<DrawBundle> {
    return this.bundles.bundle(drawId);
  }
}
