import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ISO_DATE_PATTERN } from '../../http/request-rules.js';

export class AchieveMilestoneRequest {
  @ApiPropertyOptional({
    format: 'date',
    description:
      'The day it was achieved, which is the day it takes effect: today or earlier, not before the milestone was added. Defaults to today.',
    example: '2024-03-20',
  })
  @IsOptional()
  @Matches(ISO_DATE_PATTERN, { message: 'achievedOn must be a date written YYYY-MM-DD' })
  achievedOn?: string;
}
