import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

/** The public randomness named at the freeze (docs/draw-algorithm.md §V2). */
export class BeaconSpecDto {
  @ApiProperty({ example: '中国福利彩票3D' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  source!: string;

  @ApiProperty({ example: '2026056期' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  round!: string;

  @ApiProperty({ description: 'ISO-8601 UTC instant YYYY-MM-DDTHH:MM:SSZ', example: '2026-02-24T13:30:00Z' })
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
  availableAt!: string;
}

export class WitnessCommitmentDto {
  @ApiProperty({ enum: ['observer', 'notary', 'public-number'] })
  @IsIn(['observer', 'notary', 'public-number'])
  kind!: 'observer' | 'notary' | 'public-number';

  @ApiProperty({ example: '区人大代表观察员' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  source!: string;

  @ApiProperty({ description: 'SHA-256 hex of the later input (docs/draw-algorithm.md §V2.3)' })
  @Matches(/^[0-9a-f]{64}$/)
  commitment!: string;
}

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

  /**
   * Required: every quota set through the API commits a version-2 round, so no new draw can be steered
   * by whoever knows the secret (issue 12). Months committed under version 1 before stay drawable.
   */
  @ApiProperty({ type: BeaconSpecDto, description: 'The public randomness whose value, published after the freeze, goes into the seed (docs/draw-algorithm.md §V2)' })
  @IsDefined()
  @ValidateNested()
  @Type(() => BeaconSpecDto)
  beacon!: BeaconSpecDto;

  @ApiPropertyOptional({ type: [WitnessCommitmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => WitnessCommitmentDto)
  witnesses?: WitnessCommitmentDto[];
}
