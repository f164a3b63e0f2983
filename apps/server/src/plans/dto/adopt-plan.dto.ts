import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../common/is-calendar-date';

export class PeriodDto {
  @ApiProperty({ example: '2026-01-01' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2026-12-31' })
  @IsCalendarDate()
  to!: string;
}

export class ScopeDto {
  @ApiPropertyOptional({ description: 'Streets/townships in scope; omitted = the whole jurisdiction', example: ['星河街道', '云溪镇'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(500)
  districts?: string[];

  @ApiProperty({ example: true })
  @IsBoolean()
  includeKeyUnits!: boolean;

  @ApiProperty({ example: true })
  @IsBoolean()
  includeNonKeyUnits!: boolean;
}

export class WorkloadDto {
  @ApiPropertyOptional({ example: 220 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  workingDays?: number;

  @ApiPropertyOptional({ example: 0.7 })
  @IsOptional()
  @IsNumber()
  @Min(0.01)
  @Max(1)
  inspectionShare?: number;

  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(10)
  inspectorsPerUnit?: number;
}

export class SamplingRatiosDto {
  @ApiProperty({ example: 0.05 }) @IsNumber() @Min(0) @Max(12) A!: number;
  @ApiProperty({ example: 0.2 }) @IsNumber() @Min(0) @Max(12) B!: number;
  @ApiProperty({ example: 0.6 }) @IsNumber() @Min(0) @Max(12) C!: number;
  @ApiProperty({ example: 1 }) @IsNumber() @Min(0) @Max(12) D!: number;
}

export class AdoptPlanDto {
  @ApiProperty({ example: 'yx-2026' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  planId!: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ example: '示例市云溪区消防救援大队' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  authority!: string;

  @ApiProperty({ example: '示例市云溪区' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  jurisdiction!: string;

  @ApiPropertyOptional({ type: PeriodDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PeriodDto)
  period?: PeriodDto;

  @ApiPropertyOptional({ type: ScopeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScopeDto)
  scope?: ScopeDto;

  @ApiPropertyOptional({ type: WorkloadDto, description: 'Defaults 220 / 0.7 / 2; the yearly minimum per inspector is derived' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WorkloadDto)
  workload?: WorkloadDto;

  @ApiPropertyOptional({ type: SamplingRatiosDto, description: 'Yearly share per risk grade (default A 5 %, B 20 %, C 60 %, D 100 %)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SamplingRatiosDto)
  samplingRatios?: SamplingRatiosDto;

  @ApiPropertyOptional({ description: 'Joint plan (联合抽查): every pair includes at least one fire inspector', example: false })
  @IsOptional()
  @IsBoolean()
  jointPlan?: boolean;

  @ApiPropertyOptional({ example: ['示例市云溪区消防救援大队', '示例市云溪区市场监督管理局'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(20)
  departments?: string[];
}
