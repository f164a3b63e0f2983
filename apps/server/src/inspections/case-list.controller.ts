import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { QUERY_ROLES } from '@shuangsui/application';
import type { Actor } from '@shuangsui/domain';
import { CaseListReader, type CaseListPage } from '@shuangsui/projections';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../common/command-context.decorator';
import { CaseListQueryDto, toCaseListQuery } from './dto/case-list-query.dto';

/**
 * GET /inspections: the case list from the case-list read model (never a scan of the log). An
 * inspector sees only the cases they are or were assigned to, as for one case (case-read-access.ts).
 * `GET /inspections` has no path segment, so it never meets `GET /inspections/:id` or the live feed.
 */
@ApiTags('inspections')
@Controller('inspections')
export class CaseListController {
  constructor(private readonly reader: CaseListReader) {}

  @Get()
  @Roles(...QUERY_ROLES.cases)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Cases, filtered, sorted and paged (an inspector: their own cases only)' })
  list(@Query() query: CaseListQueryDto, @CurrentActor() actor: Actor): Promise<CaseListPage> {
    return this.reader.list({ ...toCaseListQuery(query), visibleTo: actor.role === 'inspector' ? actor.id : undefined });
  }
}
