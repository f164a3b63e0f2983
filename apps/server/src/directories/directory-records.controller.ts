import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { QUERY_ROLES, readStreamOrEmpty, UnitNotFoundError } from '@shuangsui/application';
import { unitStreamId, type Inspector, type Unit } from '@shuangsui/domain/directory';
import type { EventStore } from '@shuangsui/event-store';
import { DirectoryReadModel, UnitHistoryReader, type InspectedCase, type ReadStore, type UnitPage } from '@shuangsui/projections';
import { Roles } from '../auth/access.decorators';
import { IdPipe } from '../common/id.pipe';
import { EVENT_STORE } from '../common/tokens';
import { READ_STORE } from '../projections/read-store.tokens';
import { UNIT_PAGE_DEFAULT, UnitSearchQueryDto } from './unit-search-query.dto';

/** One change of a directory record, as the record's page lists them. */
export interface DirectoryChange {
  readonly revision: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly actor: unknown;
  readonly data: unknown;
}

export interface UnitRecord {
  readonly unit: Unit;
  /** Every event of the unit's stream, oldest first. */
  readonly history: readonly DirectoryChange[];
  /** Its cases with a recorded result (the unit-history read model). */
  readonly inspections: readonly InspectedCase[];
}

/**
 * The directories as people browse them (the 单位/人员 pages): units by search and page, one unit with
 * its history and inspections, and the inspectors. Personal data (responsible persons, phones): only
 * the roles that may read it (QUERY_ROLES.personalData), never on the public side.
 */
@ApiTags('directories')
@Controller('directories')
export class DirectoryRecordsController {
  private readonly directory: DirectoryReadModel;
  private readonly history: UnitHistoryReader;

  constructor(
    @Inject(READ_STORE) store: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {
    this.directory = new DirectoryReadModel(store);
    this.history = new UnitHistoryReader(store);
  }

  @Get('units')
  @Roles(...QUERY_ROLES.personalData)
  @ApiOperation({ summary: 'Units by name: search (name or credit code), grade, status, paging; { items, total, page, pageSize }' })
  units(@Query() query: UnitSearchQueryDto): Promise<UnitPage> {
    return this.directory.searchUnits({
      q: query.q,
      grade: query.grade,
      status: query.status,
      page: Number(query.page ?? 1),
      pageSize: Number(query.pageSize ?? UNIT_PAGE_DEFAULT),
    });
  }

  @Get('units/:unitId')
  @Roles(...QUERY_ROLES.personalData)
  @ApiOperation({ summary: 'One unit: its record, every change of it (who, when, what) and its inspected cases' })
  async unit(@Param('unitId', IdPipe) unitId: string): Promise<UnitRecord> {
    const unit = await this.directory.unit(unitId);
    if (!unit) throw new UnitNotFoundError(unitId);
    const [events, inspections] = await Promise.all([readStreamOrEmpty(this.events, unitStreamId(unitId)), this.history.inspectedCasesOf([unitId])]);
    const history = events.map(({ revision, type, data, metadata, recordedAt }) => {
      const { occurredAt, actor } = (metadata ?? {}) as { occurredAt?: string; actor?: unknown };
      return { revision, type, occurredAt: occurredAt ?? recordedAt, actor: actor ?? null, data };
    });
    return { unit, history, inspections };
  }

  @Get('inspectors')
  @Roles(...QUERY_ROLES.personalData)
  @ApiOperation({ summary: 'Every inspector of the directory, by id' })
  async inspectors(): Promise<{ readonly items: readonly Inspector[] }> {
    return { items: await this.directory.inspectors() };
  }
}
