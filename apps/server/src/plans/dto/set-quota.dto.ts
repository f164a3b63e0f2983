import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class SetQuotaDto {
  @ApiProperty({ description: 'Visit month, YYYY-MM', example: '2026-03' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/)
  month!: string;

  @ApiProperty({ description: 'Units to draw that month', example: 40 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  quota!: number;

  @ApiPropertyOptional({ description: 'Required after the 25th of the month before', example: '春节假期顺延' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  lateReason?: string;
}
