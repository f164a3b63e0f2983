import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIntegerString } from '../../public/dto/range-validators';

export const ACCOUNT_PAGE_DEFAULT = 100;
export const ACCOUNT_PAGE_MAX = 1_000;

/** GET /accounts: a search and a page of the account list. */
export class AccountListQueryDto {
  @ApiPropertyOptional({ description: 'A part of the username or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: `Accounts per page, 1–${ACCOUNT_PAGE_MAX} (default ${ACCOUNT_PAGE_DEFAULT})`, example: '100' })
  @IsOptional()
  @IsIntegerString(1, ACCOUNT_PAGE_MAX)
  limit?: string;

  @ApiPropertyOptional({ description: 'Accounts skipped, from 0 (default 0)', example: '0' })
  @IsOptional()
  @IsIntegerString(0, 1_000_000)
  offset?: string;
}
