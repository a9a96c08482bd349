import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { ACTION_STATUSES, RAGS } from '../domain/values.js';
import { ISO_DATE_PATTERN } from './request-rules.js';

export class AsOfQuery {
  @ApiPropertyOptional({
    format: 'date',
    description: 'The day that overdue is counted against; defaults to today',
    example: '2024-06-30',
  })
  @IsOptional()
  @Matches(ISO_DATE_PATTERN, { message: 'date must be a date written YYYY-MM-DD' })
  date?: string;
}

export class OverviewQuery extends AsOfQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  themeId?: string;

  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: RAGS })
  @IsOptional()
  @IsIn(RAGS)
  rag?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  leadOfficerId?: string;
}
