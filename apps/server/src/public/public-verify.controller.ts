import { Controller, Get, Header, NotFoundException, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/access.decorators';
import { VERIFY_PAGE_HTML } from './verify-page/verify-page.html';

/** Only this origin's script and fetches: the page loads nothing from anywhere else. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Where `npm run build` (scripts/build-verify-page.js) writes the browser verifier. */
export const VERIFY_BUNDLE_PATH = join(process.cwd(), 'dist', 'public', 'verify.js');

/** GET /public/verify and its script: the in-browser draw verifier, no sign-in. */
@ApiExcludeController()
@Public()
@Controller('public')
export class PublicVerifyController {
  @Get('verify')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  @Header('X-Content-Type-Options', 'nosniff')
  page(@Res() response: Response): void {
    response.type('html').send(VERIFY_PAGE_HTML);
  }

  @Get('verify.js')
  @Header('X-Content-Type-Options', 'nosniff')
  script(@Res() response: Response): void {
    if (!existsSync(VERIFY_BUNDLE_PATH)) throw new NotFoundException('验证程序尚未构建：请先运行 npm run build');
    response.type('application/javascript').sendFile(VERIFY_BUNDLE_PATH);
  }
}
