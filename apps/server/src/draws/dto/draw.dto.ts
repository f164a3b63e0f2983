import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
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

/** The public inputs nobody could know at the freeze; a draw and a redraw both need them. */
class WitnessedDto {
  @ApiProperty({ type: [WitnessInputDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => WitnessInputDto)
  witnessInputs!: WitnessInputDto[];
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
