import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../common/is-calendar-date';

export class PublishDto {
  @ApiPropertyOptional({ description: 'Publication date; defaults to today (Asia/Shanghai)', example: '2026-03-20' })
  @IsOptional()
  @IsCalendarDate()
  publishedOn?: string;
}
