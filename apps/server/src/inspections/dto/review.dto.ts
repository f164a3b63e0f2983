import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ID_PATTERN } from './assign-inspectors.dto';

export class ReviewDto {
  @ApiProperty({ enum: ['approve', 'return'] })
  @IsIn(['approve', 'return'])
  decision!: 'approve' | 'return';

  @ApiProperty({ example: 'rev-01', description: 'Must not be one of the case inspectors' })
  @Matches(ID_PATTERN)
  reviewerId!: string;

  @ApiPropertyOptional({ description: 'Required when returning the record for correction', example: '第3项未附证据' })
  @ValidateIf((dto: ReviewDto) => dto.decision === 'return' || dto.reason !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
