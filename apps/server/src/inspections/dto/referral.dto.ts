import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../common/is-calendar-date';

export class OpenReferralDto {}

export class IssueRectificationOrderDto {
  @ApiProperty({ example: '示消限字〔2026〕第012号' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  orderNo!: string;

  @ApiProperty({ example: '2026-03-12' })
  @IsCalendarDate()
  issuedOn!: string;

  @ApiProperty({ example: '2026-03-26' })
  @IsCalendarDate()
  deadline!: string;
}

export class RecordReinspectionDto {
  @ApiProperty({ example: '2026-03-27' })
  @IsCalendarDate()
  reinspectedOn!: string;

  @ApiProperty()
  @IsBoolean()
  rectified!: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CloseReferralDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class EscalateReferralDto {
  @ApiProperty({ example: '逾期未改正，移交立案调查' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ example: '示消行罚立字〔2026〕第3号' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  caseNo?: string;
}
