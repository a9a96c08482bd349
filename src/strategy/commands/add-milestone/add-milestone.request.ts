import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, IsNotEmpty } from 'class-validator';
import { ISO_DATE_PATTERN } from '../../http/request-rules.js';

export class MilestoneRequest {
  @ApiProperty({ example: 'Ward partnership map agreed' })
  @IsNotEmpty({ message: 'title must not be empty' })
  @IsString()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ format: 'date', example: '2024-03-31' })
  @Matches(ISO_DATE_PATTERN, { message: 'dueDate must be a date written YYYY-MM-DD' })
  dueDate!: string;
}
