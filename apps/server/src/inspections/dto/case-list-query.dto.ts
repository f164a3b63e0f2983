import { ApiPropertyOptional } from '@nestjs/swagger';
import { LIFECYCLE_STATES, REFERRAL_STATES, RESULT_CATEGORY_CODES } from '@shuangsui/domain';
import { CASE_LIST_SORTS, type CaseListQuery, type CaseListSort } from '@shuangsui/projections';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ID } from '../../common/id.pipe';
import { IsIntegerString } from '../../public/dto/range-validators';

export const CASE_LIST_MAX_PAGE_SIZE = 100;
export const CASE_LIST_DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE = 10_000;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const GRADES = ['A', 'B', 'C', 'D'];
const SORTS = Object.keys(CASE_LIST_SORTS);

/** GET /inspections: filters, sort and page. Every value arrives as a string and is checked as one. */
export class CaseListQueryDto {
  @ApiPropertyOptional({ description: 'Lifecycle state', enum: LIFECYCLE_STATES })
  @IsOptional()
  @IsIn(LIFECYCLE_STATES)
  state?: string;

  @ApiPropertyOptional({ description: 'Referral state', enum: REFERRAL_STATES })
  @IsOptional()
  @IsIn(REFERRAL_STATES)
  referralState?: string;

  @ApiPropertyOptional({ description: 'Visit month, YYYY-MM', example: '2026-10' })
  @IsOptional()
  @Matches(MONTH)
  month?: string;

  @ApiPropertyOptional({ description: 'Plan id' })
  @IsOptional()
  @Matches(ID)
  planId?: string;

  @ApiPropertyOptional({ description: 'Risk grade of the unit', enum: GRADES })
  @IsOptional()
  @IsIn(GRADES)
  grade?: string;

  @ApiPropertyOptional({ description: 'true: key units only; false: other units only', enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  key?: string;

  @ApiPropertyOptional({ description: 'Cases this inspector is assigned to now' })
  @IsOptional()
  @Matches(ID)
  inspectorId?: string;

  @ApiPropertyOptional({ description: 'Result category code of the latest result', enum: RESULT_CATEGORY_CODES })
  @IsOptional()
  @IsIn(RESULT_CATEGORY_CODES)
  result?: string;

  @ApiPropertyOptional({ description: 'Part of the unit name or of its credit code', example: '星河' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Sort column (default updatedAt, newest first)', enum: SORTS })
  @IsOptional()
  @IsIn(SORTS)
  sort?: string;

  @ApiPropertyOptional({ description: 'Sort direction (default asc, or desc for the default sort)', enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: string;

  @ApiPropertyOptional({ description: `Page number, 1–${MAX_PAGE}`, example: '1' })
  @IsOptional()
  @IsIntegerString(1, MAX_PAGE)
  page?: string;

  @ApiPropertyOptional({ description: `Cases per page, 1–${CASE_LIST_MAX_PAGE_SIZE} (default ${CASE_LIST_DEFAULT_PAGE_SIZE})`, example: '20' })
  @IsOptional()
  @IsIntegerString(1, CASE_LIST_MAX_PAGE_SIZE)
  pageSize?: string;
}

/** The validated query as the reader takes it (`visibleTo` is the caller's business, not the client's). */
export function toCaseListQuery(dto: CaseListQueryDto): CaseListQuery {
  return {
    state: dto.state,
    referralState: dto.referralState,
    month: dto.month,
    planId: dto.planId,
    grade: dto.grade,
    key: dto.key === undefined ? undefined : dto.key === 'true',
    inspectorId: dto.inspectorId,
    result: dto.result,
    q: dto.q,
    sort: dto.sort as CaseListSort | undefined,
    order: dto.order as 'asc' | 'desc' | undefined,
    page: Number(dto.page ?? 1),
    pageSize: Number(dto.pageSize ?? CASE_LIST_DEFAULT_PAGE_SIZE),
  };
}
