import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Response } from 'express';
import { Public } from '../auth/access.decorators';
import { toFieldViolations } from '../common/validation-messages';
import { DisclosureReader, TransparencyTreeReader } from '@shuangsui/projections';
import { toDisclosureFilter } from './dto/disclosure-filter.dto';
import { DEFAULT_PAGE_SIZE, DisclosureListQueryDto } from './dto/disclosure-list-query.dto';
import { renderPublicPage } from './public-page.html';

/** No scripts, no third-party resources: the page is plain HTML and a form. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** GET /public: the disclosure as a page for people (Simplified Chinese), no login. */
@ApiExcludeController()
@Public()
@Controller('public')
export class PublicPageController {
  constructor(
    private readonly reader: DisclosureReader,
    private readonly tree: TransparencyTreeReader,
  ) {}

  @Get()
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  @Header('X-Content-Type-Options', 'nosniff')
  async page(@Query() raw: Record<string, unknown>, @Res() response: Response): Promise<void> {
    // A submitted form sends empty fields; they mean "no filter" here. The raw query is typed
    // as a plain object so the global pipe leaves it alone and errors render as a page, not JSON.
    const query = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
    const dto = plainToInstance(DisclosureListQueryDto, query);
    const errors = toFieldViolations(await validate(dto, { whitelist: true, forbidNonWhitelisted: true })).map((violation) => violation.message);
    const filter = toDisclosureFilter(dto);
    response.type('html');
    if (errors.length > 0) {
      response.status(400).send(renderPublicPage({ filter: safeEcho(query), page: null, errors, logHead: null }));
      return;
    }
    const [page, logHead] = await Promise.all([this.reader.list({ ...filter, page: Number(dto.page ?? 1), pageSize: DEFAULT_PAGE_SIZE }), this.tree.latestHead()]);
    response.status(200).send(renderPublicPage({ filter, page, errors: [], logHead }));
  }
}

/** The rejected values go back into the form (escaped when rendered) so the person can fix them. */
function safeEcho(query: Record<string, unknown>): Record<string, string> {
  const keys = ['unitName', 'creditCode', 'from', 'to', 'result'];
  return Object.fromEntries(keys.flatMap((key) => (typeof query[key] === 'string' ? [[key, query[key]]] : [])));
}
