import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { DisclosureFilterDto } from './disclosure-filter.dto';
import { IsIntegerString } from './range-validators';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** Deep paging is what scrapers do; a person narrows the filter instead. Exports have no limit. */
export const MAX_PAGE = 10_000;

export class DisclosureListQueryDto extends DisclosureFilterDto {
  @ApiPropertyOptional({ description: `Page number, 1–${MAX_PAGE}`, example: '1' })
  @IsOptional()
  @IsIntegerString(1, MAX_PAGE)
  page?: string;

  @ApiPropertyOptional({ description: `Records per page, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})`, example: '20' })
  @IsOptional()
  @IsIntegerString(1, MAX_PAGE_SIZE)
  pageSize?: string;
}
