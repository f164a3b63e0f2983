import { ApiPropertyOptional } from '@nestjs/swagger';
import { RISK_GRADE_VALUES, UNIT_STATUSES } from '@shuangsui/domain/directory';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIntegerString } from '../public/dto/range-validators';

export const UNIT_PAGE_MAX = 100;
export const UNIT_PAGE_DEFAULT = 20;

/** GET /directories/units: search, filters and page. Every value arrives as a string and is checked as one. */
export class UnitSearchQueryDto {
  @ApiPropertyOptional({ description: 'A substring of the unit name or its credit code' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: RISK_GRADE_VALUES })
  @IsOptional()
  @IsIn(RISK_GRADE_VALUES)
  grade?: string;

  @ApiPropertyOptional({ enum: UNIT_STATUSES })
  @IsOptional()
  @IsIn(UNIT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Page number, 1–10000', example: '1' })
  @IsOptional()
  @IsIntegerString(1, 10_000)
  page?: string;

  @ApiPropertyOptional({ description: `Units per page, 1–${UNIT_PAGE_MAX} (default ${UNIT_PAGE_DEFAULT})`, example: '20' })
  @IsOptional()
  @IsIntegerString(1, UNIT_PAGE_MAX)
  pageSize?: string;
}
