import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { WITNESS_KINDS, type WitnessKind } from '@shuangsui/domain/draw';

export class WitnessInputDto {
  @ApiProperty({ enum: WITNESS_KINDS, example: 'observer', description: 'observer (现场见证人), notary (公证员) or public-number (e.g. a lottery result announced after the freeze)' })
  @IsIn(WITNESS_KINDS as unknown as string[])
  kind!: WitnessKind;

  @ApiProperty({ description: 'Who gave it', example: '现场见证人 李某（区人大代表）' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  source!: string;

  @ApiProperty({ description: 'The value given', example: '7302' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  value!: string;
}

/** Version 2: a witness's reveal of the value committed at the freeze. */
export class WitnessRevealDto {
  @ApiProperty({ description: 'The value committed to at the freeze', example: '7302' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  value!: string;

  @ApiProperty({ description: "The witness's own 32-byte random salt, 64 lowercase hex", example: '9f'.repeat(32) })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'nonce 必须是64位小写十六进制' })
  nonce!: string;
}

/**
 * The inputs nobody could know at the freeze. Version 1 (a round without a beacon): `witnessInputs`
 * given at the draw. Version 2: the beacon's published value and each committed witness's reveal, in
 * the commitment's order (docs/draw-algorithm.md §V2.5).
 */
class WitnessedDto {
  @ApiPropertyOptional({ type: [WitnessInputDto], description: 'Version 1 only' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => WitnessInputDto)
  witnessInputs?: WitnessInputDto[];

  @ApiPropertyOptional({ description: "Version 2: the beacon's published value (e.g. the 福彩3D number)", example: '582' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  beaconValue?: string;

  @ApiPropertyOptional({ type: [WitnessRevealDto], description: 'Version 2: one reveal per committed witness, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => WitnessRevealDto)
  witnesses?: WitnessRevealDto[];
}

export class PerformDrawDto extends WitnessedDto {
  @ApiProperty({ example: 'yx-2026' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  planId!: string;

  @ApiProperty({ example: '2026-03' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/)
  month!: string;
}

export class RedrawDto extends WitnessedDto {
  @ApiProperty({ description: 'Why the draw is redone (recorded with the actor)', example: '抽取现场断电，见证人未能确认输入' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
