import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { parsePosition, type Position } from '../../libs/event-store/index.js';
import { DomainError } from '../common/domain/domain-error.js';
import { isIsoDate, startOfCouncilDay } from '../common/domain/dates.js';
import { OverviewQuery } from '../strategy/http/query-params.js';
import type { TimeCut } from './time-cut.js';

const MOMENT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const MOMENT_MESSAGE =
  'must be a date (YYYY-MM-DD, meaning the end of that day) or a date and time with a zone';

export class TimeCutQuery {
  @ApiPropertyOptional({
    description: 'Only what had been recorded by then. A date means the end of that day in the council.',
    example: '2024-06-30',
  })
  @IsOptional()
  @Matches(MOMENT, { message: `knownAt ${MOMENT_MESSAGE}` })
  knownAt?: string;

  @ApiPropertyOptional({
    description: 'Only what had been recorded up to this position (as answered by a command)',
    pattern: '^\\d{1,20}\\.\\d{1,20}$',
    example: '812.1045',
  })
  @IsOptional()
  @Matches(/^\d{1,20}\.\d{1,20}$/, { message: 'knownAtPosition must be a position such as "812.1045"' })
  knownAtPosition?: string;

  @ApiPropertyOptional({
    description: 'Only what had happened in the world by then, whenever it was recorded',
    example: '2024-03-31',
  })
  @IsOptional()
  @Matches(MOMENT, { message: `effectiveAt ${MOMENT_MESSAGE}` })
  effectiveAt?: string;
}

export class OverviewAtQuery extends OverviewQuery {
  @ApiPropertyOptional({ description: 'Only what had been recorded by then', example: '2024-06-30' })
  @IsOptional()
  @Matches(MOMENT, { message: `knownAt ${MOMENT_MESSAGE}` })
  knownAt?: string;

  @ApiPropertyOptional({
    description: 'Only what had been recorded up to this position',
    pattern: '^\\d{1,20}\\.\\d{1,20}$',
    example: '812.1045',
  })
  @IsOptional()
  @Matches(/^\d{1,20}\.\d{1,20}$/, { message: 'knownAtPosition must be a position such as "812.1045"' })
  knownAtPosition?: string;

  @ApiPropertyOptional({ description: 'Only what had happened in the world by then', example: '2024-03-31' })
  @IsOptional()
  @Matches(MOMENT, { message: `effectiveAt ${MOMENT_MESSAGE}` })
  effectiveAt?: string;
}

/** The cut a query asks for; "known at" a moment still to come simply includes everything. */
export function timeCutFrom(query: TimeCutQuery): TimeCut {
  const knownAt = query.knownAt ? moment(query.knownAt, 'knownAt') : undefined;
  const effectiveAt = query.effectiveAt ? moment(query.effectiveAt, 'effectiveAt') : undefined;
  const knownAtPosition: Position | undefined = query.knownAtPosition
    ? parsePosition(query.knownAtPosition)
    : undefined;
  return { knownAt, knownAtPosition, effectiveAt };
}

/** A date is the last moment of that day in the council's time zone. */
export function moment(value: string, field: string): Date {
  if (isIsoDate(value)) {
    const next = new Date(`${value}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return new Date(startOfCouncilDay(next.toISOString().slice(0, 10)).getTime() - 1);
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime()))
    throw new DomainError('request.invalid', `${field} ${MOMENT_MESSAGE}`, 'invalid', [
      { field, message: `${field} ${MOMENT_MESSAGE}` },
    ]);
  return instant;
}

export class TreeHeadsQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'Only tree heads larger than this size' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'after must be a whole number' })
  @Min(0, { message: 'after must be 0 or more' })
  after?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 1000,
    default: 100,
    description: 'At most this many',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' })
  limit?: number;
}

export class InclusionProofQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'The size of a signed tree head; the latest when absent',
    example: 1000,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'treeSize must be a whole number' })
  @Min(1, { message: 'treeSize must be at least 1' })
  treeSize?: number;
}

export class ConsistencyProofQuery {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The smaller signed tree size', example: 1000 })
  @Type(() => Number)
  @IsInt({ message: 'first must be a whole number' })
  @Min(1, { message: 'first must be at least 1' })
  first!: number;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The larger signed tree size', example: 2000 })
  @Type(() => Number)
  @IsInt({ message: 'second must be a whole number' })
  @Min(1, { message: 'second must be at least 1' })
  second!: number;
}
