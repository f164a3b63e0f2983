import { ApiPropertyOptional } from '@nestjs/swagger';
import { RESULT_CATEGORY_CODES, type ResultCategory } from '@shuangsui/domain';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../common/is-calendar-date';
import type { DisclosureFilter } from '../disclosure-reader.port';
import { IsNotBefore } from './range-validators';

/** 18 characters of the GB 32100-2015 set (digits and capitals without I, O, S, V, Z). */
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The filters shared by the list, the export and the public page. */
export class DisclosureFilterDto {
  @ApiPropertyOptional({ description: 'Part of the unit name (substring)', example: '星河' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  unitName?: string;

  @ApiPropertyOptional({ description: 'Unified social credit code, 18 characters', example: '91330703MA29X0XX0X' })
  @IsOptional()
  @Matches(CREDIT_CODE)
  creditCode?: string;

  @ApiPropertyOptional({ description: 'Inspection date from (inclusive), YYYY-MM-DD', example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Inspection date to (inclusive), YYYY-MM-DD', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('from')
  to?: string;

  @ApiPropertyOptional({ description: 'Result category code', enum: RESULT_CATEGORY_CODES })
  @IsOptional()
  @IsIn(RESULT_CATEGORY_CODES)
  result?: ResultCategory;
}

/** Only the filter fields, never anything else the DTO may carry (paging, format). */
export function toDisclosureFilter(dto: DisclosureFilterDto): DisclosureFilter {
  const { unitName, creditCode, from, to, result } = dto;
  return Object.fromEntries(Object.entries({ unitName, creditCode, from, to, result }).filter(([, value]) => value !== undefined));
}
