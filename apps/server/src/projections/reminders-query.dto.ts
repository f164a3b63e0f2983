import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIntegerString } from '../public/dto/range-validators';

export const INBOX_DEFAULT_LIMIT = 200;
export const INBOX_MAX_LIMIT = 1_000;

/** GET /me/reminders: how many of the most urgent reminders to list (`total` always counts them all). */
export class RemindersQueryDto {
  @ApiPropertyOptional({ description: `Most reminders listed, 1–${INBOX_MAX_LIMIT} (default ${INBOX_DEFAULT_LIMIT})`, example: '200' })
  @IsOptional()
  @IsIntegerString(1, INBOX_MAX_LIMIT)
  limit?: string;
}
