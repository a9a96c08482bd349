import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import {
  formatPosition,
  parsePosition,
  type Position,
  type TimeCut,
} from '../../../libs/event-store/index.js';
import { isIsoDate, startOfCouncilDay } from '../domain/dates.js';
import { IsMoment, IsPosition, isMoment, MOMENT_RULE } from './formats.js';
import { invalidRequest } from './validation.js';

/** A cut in time as a query asks for it and an answer names it, for any context's "as at" reads. */

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

const MOMENT = { type: 'string', format: 'date-time' } as const;
const POSITION = { type: 'string', pattern: '^\\d+\\.\\d+$', example: '1043.2871' } as const;

export class TimeCutResponse {
  @ApiProperty({ ...MOMENT, nullable: true }) knownAt!: string | null;
  @ApiProperty({ ...POSITION, nullable: true }) knownAtPosition!: string | null;
  @ApiProperty({ ...MOMENT, nullable: true }) effectiveAt!: string | null;
}

/** The cut as an answer names it. */
export function cutAnswer(cut: TimeCut): TimeCutResponse {
  return {
    knownAt: cut.knownAt?.toISOString() ?? null,
    knownAtPosition: cut.knownAtPosition ? formatPosition(cut.knownAtPosition) : null,
    effectiveAt: cut.effectiveAt?.toISOString() ?? null,
  };
}
