import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIsoDate } from '../../common/http/formats.js';

/**
 * The optional `effectiveOn` of a request: the day the change took effect in the world, for history
 * entered after the fact. Today in the council (Europe/London) when absent; never in the future,
 * nor before what it belongs to (refused with 422, naming both days).
 */
export function EffectiveOn(theDay: string, example = '2019-02-18'): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description: `${theDay}: today or earlier, YYYY-MM-DD. Defaults to today in the council (Europe/London).`,
      format: 'date',
      example,
    }),
    IsOptional(),
    IsIsoDate(),
  );
}
