import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HAZARD_SEVERITIES, ITEM_OUTCOMES, RESULT_CATEGORY_CODES, type HazardSeverity, type ItemOutcome, type ResultCategory } from '@shuangsui/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/is-calendar-date';

export class EvidenceDto {
  @ApiProperty({ description: 'SHA-256 of the file, hex', example: 'a3f5…' })
  @Matches(/^[0-9a-f]{64}$/)
  sha256!: string;

  @ApiProperty({ example: '安全出口.jpg' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  fileName!: string;
}

export class ChecklistItemDto {
  @ApiProperty({ minimum: 1, maximum: 7, example: 5 })
  @IsInt()
  @Min(1)
  @Max(7)
  item!: number;

  @ApiProperty({ enum: ITEM_OUTCOMES })
  @IsIn(ITEM_OUTCOMES)
  outcome!: ItemOutcome;

  @ApiPropertyOptional({ example: '疏散通道畅通' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ type: [EvidenceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto[];
}

export class HazardDto {
  @ApiProperty({ example: 'h1' })
  @Matches(/^[A-Za-z0-9._-]{1,50}$/)
  id!: string;

  @ApiProperty({ minimum: 1, maximum: 7, example: 5 })
  @IsInt()
  @Min(1)
  @Max(7)
  item!: number;

  @ApiProperty({ example: '二层东侧安全出口被货物堵塞' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ enum: Object.keys(HAZARD_SEVERITIES) })
  @IsIn(Object.keys(HAZARD_SEVERITIES))
  severity!: HazardSeverity;

  @ApiProperty()
  @IsBoolean()
  correctedOnSite!: boolean;
}

export class RecordResultDto {
  @ApiProperty({ example: '2026-03-10' })
  @IsCalendarDate()
  visitDate!: string;

  @ApiProperty({ enum: RESULT_CATEGORY_CODES, example: 'no_problem' })
  @IsIn(RESULT_CATEGORY_CODES)
  category!: ResultCategory;

  @ApiProperty({ type: [ChecklistItemDto], description: 'All seven items for a visit that took place; empty otherwise' })
  @IsArray()
  @ArrayMaxSize(7)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  items!: ChecklistItemDto[];

  @ApiProperty({ type: [HazardDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => HazardDto)
  hazards!: HazardDto[];

  @ApiPropertyOptional({ description: 'Why the checklist could not be done', example: '登记地址无此单位' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notInspectedReason?: string;
}
