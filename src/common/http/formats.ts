import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { parsePosition } from '../../../libs/event-store/index.js';
import { isIsoDate } from '../domain/dates.js';

/**
 * The formats a request's fields are written in, each checked by one decorator wherever such a
 * field is accepted: a body, a query string, or a form (through the same request DTO).
 */

/** A day of the calendar that exists, written YYYY-MM-DD: `2025-02-30` and `9999-99-99` do not. */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value) => isIsoDate(value),
        defaultMessage: (args) => `${args?.property} must be a real date written YYYY-MM-DD`,
      },
    },
    options,
  );
}

export const MOMENT_RULE =
  'must be a real date (YYYY-MM-DD, meaning the end of that day) or a date and time with a zone of at most ±14:00, before the year 10000';

const MOMENT =
  /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/;

/** The last instant RFC 3339 can write (its years have four digits), as answers give it back. */
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * A date, or a date and time with its zone (RFC 3339), that names a real moment: no 30 February,
 * no 24:00 or 60th second, no zone beyond the ±14:00 that any place on Earth uses, and nothing
 * that falls, in UTC, past the end of year 9999.
 */
export function isMoment(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = MOMENT.exec(value);
  if (!match || !isIsoDate(match[1])) return false;
  const [hour, minute, second, zoneHours, zoneMinutes] = match.slice(2).map((part) => Number(part ?? 0));
  return (
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    zoneMinutes <= 59 &&
    zoneHours * 60 + zoneMinutes <= 14 * 60 &&
    (match[2] === undefined || Date.parse(value) <= LAST_INSTANT)
  );
}

export function IsMoment(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMoment',
      validator: {
        validate: (value) => isMoment(value),
        defaultMessage: (args) => `${args?.property} ${MOMENT_RULE}`,
      },
    },
    options,
  );
}

/** The largest value of PostgreSQL's bigint, which holds every count and size in the database. */
export const BIGINT_MAX = 9_223_372_036_854_775_807n;

/**
 * A whole number written plainly in decimal digits, exactly (a bigint, so nothing past 2^53 is
 * rounded): `1e3`, `+1`, `0x10`, `1.0` and ` 1` are not plain; undefined for anything else.
 */
export function parseWholeNumber(value: unknown, max: bigint = BIGINT_MAX): bigint | undefined {
  if (typeof value !== 'string' || !/^\d{1,25}$/.test(value)) return undefined;
  const number = BigInt(value);
  return number <= max ? number : undefined;
}

export function wholeNumberRule(min: bigint, max: bigint): string {
  return `must be a whole number from ${min} to ${max}, written in digits`;
}

/**
 * A query parameter that is a whole number from `min` to `max` (bigint's largest by default),
 * given to the handler as a bigint.
 */
export function IsWholeNumber(range: { min: bigint; max?: bigint }): PropertyDecorator {
  const max = range.max ?? BIGINT_MAX;
  return applyDecorators(
    Transform(({ value }) => parseWholeNumber(value, max) ?? value),
    ValidateBy({
      name: 'isWholeNumber',
      validator: {
        validate: (value) => typeof value === 'bigint' && value >= range.min && value <= max,
        defaultMessage: (args) => `${args?.property} ${wholeNumberRule(range.min, max)}`,
      },
    }),
  );
}

/** A position as a command answers it (`812.1045`), within what the database can hold. */
export function IsPosition(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPosition',
      validator: {
        validate: (value) => typeof value === 'string' && parsePosition(value) !== undefined,
        defaultMessage: (args) => `${args?.property} must be a position such as "812.1045"`,
      },
    },
    options,
  );
}
