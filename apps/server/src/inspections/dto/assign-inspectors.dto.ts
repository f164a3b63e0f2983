import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches } from 'class-validator';

export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

export class AssignInspectorsDto {
  @ApiProperty({ description: 'The two inspectors who go', example: ['insp-01', 'insp-02'], minItems: 2, maxItems: 2 })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @IsString({ each: true })
  @Matches(ID_PATTERN, { each: true })
  inspectorIds!: string[];
}
