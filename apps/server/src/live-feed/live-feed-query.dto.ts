import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** Digits only (a global position), so "abc" is one clear violation rather than three numeric ones. */
export const POSITION_PATTERN = /^\d{1,15}$/;

export class LiveFeedQueryDto {
  @ApiPropertyOptional({ description: 'Resume after this global position (the id of the last event received)', example: '1200' })
  @IsOptional()
  @Matches(POSITION_PATTERN)
  after?: string;
}
