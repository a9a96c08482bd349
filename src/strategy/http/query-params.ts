import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ACTION_STATUSES, RAGS } from '../domain/values.js';
import { IsIsoDate } from '../../common/http/formats.js';

export class AsOfQuery {
  @ApiPropertyOptional({
    format: 'date',
    description: 'The day that overdue is counted against; defaults to today',
    example: '2024-06-30',
  })
  @IsOptional()
  @IsIsoDate()
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
