import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { BeaconSpecDto, WitnessCommitmentDto } from './set-quota.dto';

/** A redraw's new commitment round: a reason, a beacon moment still to come, and new witness commitments. */
export class ReopenRoundDto {
  @ApiProperty({ description: 'Why the month is drawn again (published with the redraw)', example: '抽取现场断电，见证人未能确认输入' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;

  @ApiProperty({ type: BeaconSpecDto, description: 'The beacon whose later value goes into the new seed; its moment must be after now' })
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
