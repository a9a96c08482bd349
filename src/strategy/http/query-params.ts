import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ACTION_STATUSES, RAGS } from '../domain/values.js';
import { IsIsoDate, IsMoment, IsPosition } from '../../common/http/formats.js';

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

export class OverviewAtQuery extends OverviewQuery {
  @ApiPropertyOptional({ description: 'Only what had been recorded by then', example: '2024-06-30' })
  @IsOptional()
  @IsMoment()
  knownAt?: string;

  @ApiPropertyOptional({
    description: 'Only what had been recorded up to this position',
    pattern: '^\\d{1,20}\\.\\d{1,20}$',
    example: '812.1045',
  })
  @IsOptional()
  @IsPosition()
  knownAtPosition?: string;

  @ApiPropertyOptional({ description: 'Only what had happened in the world by then', example: '2024-03-31' })
  @IsOptional()
  @IsMoment()
  effectiveAt?: string;
}
