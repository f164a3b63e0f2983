import { ApiProperty } from '@nestjs/swagger';
import { REASSIGNMENT_REASONS, type ReassignmentReason } from '@shuangsui/domain';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AssignInspectorsDto } from './assign-inspectors.dto';

export class ReassignInspectorsDto extends AssignInspectorsDto {
  @ApiProperty({ enum: Object.keys(REASSIGNMENT_REASONS), example: 'illness' })
  @IsIn(Object.keys(REASSIGNMENT_REASONS))
  reasonCode!: ReassignmentReason;

  @ApiProperty({ example: '原执法人员因病住院' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
