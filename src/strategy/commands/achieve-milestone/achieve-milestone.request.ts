import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIsoDate } from '../../../common/http/formats.js';

export class AchieveMilestoneRequest {
  @ApiPropertyOptional({
    format: 'date',
    description:
      'The day it was achieved, which is the day it takes effect: today or earlier, not before the milestone was added. Defaults to today.',
    example: '2024-03-20',
  })
  @IsOptional()
  @IsIsoDate()
  achievedOn?: string;
}
