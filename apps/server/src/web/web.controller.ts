import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/access.decorators';

/** Where `npm run build` (vite, apps/web) writes the web interface. */
export const WEB_ROOT = join(process.cwd(), 'dist', 'web');
/** Vite's hashed asset names: nothing else under /assets is served, so no path can leave the folder. */
const ASSET_NAME = /^[\w-]+\.(js|css|woff2?|ttf|svg|png)$/;

/**
 * The web interface at /: one index.html (the pages route by the URL's hash, so no page path can
 * shadow an API route) and its content-hashed assets, cached for a year. Public like any login page:
 * the data behind it needs sign-in.
 */
@ApiExcludeController()
@Public()
@Controller()
export class WebController {
  @Get()
  @Header('Cache-Control', 'no-cache')
  index(@Res() response: Response): void {
    const index = join(WEB_ROOT, 'index.html');
    if (!existsSync(index)) throw new NotFoundException({ statusCode: 404, error: 'WebNotBuilt', message: '网页界面尚未构建：请先运行 npm run build' });
    response.type('html').sendFile(index);
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() response: Response): void {
    if (!ASSET_NAME.test(name) || !existsSync(join(WEB_ROOT, 'assets', name))) throw new NotFoundException({ statusCode: 404, error: 'NotFound', message: `文件 ${name} 不存在` });
    response.sendFile(name, { root: join(WEB_ROOT, 'assets'), immutable: true, maxAge: '365d' });
  }
}
