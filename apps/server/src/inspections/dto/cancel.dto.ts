import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CANCELLATION_REASONS, type CancellationReason } from '@shuangsui/domain';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../common/is-calendar-date';

export class CancelDto {
  @ApiProperty({ enum: Object.keys(CANCELLATION_REASONS) })
  @IsIn(Object.keys(CANCELLATION_REASONS))
  reasonCode!: CancellationReason;

  @ApiProperty({ example: '该单位已于2026年2月20日注销' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ example: '2026-02-20' })
  @IsOptional()
  @IsCalendarDate()
  effectiveDate?: string;
}
