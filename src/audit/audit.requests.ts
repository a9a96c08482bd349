import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { parsePosition, type Position } from '../../libs/event-store/index.js';
import { isIsoDate, startOfCouncilDay } from '../common/domain/dates.js';
import { IsMoment, IsPosition, IsWholeNumber, isMoment, MOMENT_RULE } from '../common/http/formats.js';
import { invalidRequest } from '../common/http/validation.js';
import { OverviewQuery } from '../strategy/http/query-params.js';
import type { TimeCut } from '../../libs/event-store/index.js';

export class TimeCutQuery {
  @ApiPropertyOptional({
    description: 'Only what had been recorded by then. A date means the end of that day in the council.',
    example: '2024-06-30',
  })
  @IsOptional()
  @IsMoment()
  knownAt?: string;

  @ApiPropertyOptional({
    description: 'Only what had been recorded up to this position (as answered by a command)',
    pattern: '^\\d{1,20}\\.\\d{1,20}$',
    example: '812.1045',
  })
  @IsOptional()
  @IsPosition()
  knownAtPosition?: string;

  @ApiPropertyOptional({
    description: 'Only what had happened in the world by then, whenever it was recorded',
    example: '2024-03-31',
  })
  @IsOptional()
  @IsMoment()
  effectiveAt?: string;
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
  if (!isMoment(value)) throw invalidRequest([{ field, message: `${field} ${MOMENT_RULE}` }]);
  if (isIsoDate(value)) {
    const next = new Date(`${value}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return new Date(startOfCouncilDay(next.toISOString().slice(0, 10)).getTime() - 1);
  }
  return new Date(value);
}

const SIZE = { type: 'integer', format: 'int64', minimum: 1 } as const;

export class TreeHeadsQuery {
  @ApiPropertyOptional({ ...SIZE, minimum: 0, description: 'Only tree heads larger than this size' })
  @IsOptional()
  @IsWholeNumber({ min: 0n })
  after?: bigint;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 1000,
    default: 100,
    description: 'At most this many',
  })
  @IsOptional()
  @IsWholeNumber({ min: 1n, max: 1000n })
  limit?: bigint;
}

export class InclusionProofQuery {
  @ApiPropertyOptional({
    ...SIZE,
    description: 'The size of a signed tree head; the latest when absent',
    example: 1000,
  })
  @IsOptional()
  @IsWholeNumber({ min: 1n })
  treeSize?: bigint;
}

export class ConsistencyProofQuery {
  @ApiProperty({ ...SIZE, description: 'The smaller signed tree size', example: 1000 })
  @IsWholeNumber({ min: 1n })
  first!: bigint;

  @ApiProperty({ ...SIZE, description: 'The larger signed tree size', example: 2000 })
  @IsWholeNumber({ min: 1n })
  second!: bigint;
}
