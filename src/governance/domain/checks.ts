import type { Actor } from '../../common/domain/actor.js';
import { isIsoDate, longDate, type IsoDate } from '../../common/domain/dates.js';
import { DomainError, refuse } from '../../common/domain/domain-error.js';
import type { CountLimit, TextLimit } from './limits.js';

/** Who acts, and what day it is in the council: every decider of this context takes both. */
export interface Acting {
  readonly actor: Actor;
  readonly today: IsoDate;
}

export function requireText(limit: TextLimit, value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) refuse(`${limit.thing}.required`, `${limit.label} is required`, field);
  if (text.length > limit.max)
    refuse(`${limit.thing}.too-long`, `${limit.label} must be ${limit.max} characters or fewer`, field);
  return text;
}

export function optionalText(limit: TextLimit, value: unknown, field: string): string | null {
  return typeof value === 'string' && value.trim() ? requireText(limit, value, field) : null;
}

export function requireCount<T>(
  limit: CountLimit,
  items: readonly T[] | undefined | null,
  field: string,
): readonly T[] {
  const list = items ?? [];
  if (!Array.isArray(list)) refuse(`${limit.thing}.invalid`, `The ${limit.label} must be a list`, field);
  if (list.length < limit.min)
    refuse(
      `${limit.thing}.too-few`,
      limit.min === 1
        ? `At least one of the ${limit.label} is needed`
        : `At least ${limit.min} ${limit.label}`,
      field,
    );
  if (list.length > limit.max)
    refuse(`${limit.thing}.too-many`, `No more than ${limit.max} ${limit.label}`, field);
  return list;
}

export function requireDate(value: unknown, field: string, label: string): IsoDate {
  if (!isIsoDate(value))
    refuse(`${field}.invalid`, `${label} must be a real date, such as 2024-03-31`, field);
  return value;
}

/** A day something happened on: a real date, today or earlier. */
export function requirePastDay(value: unknown, today: IsoDate, field: string, label: string): IsoDate {
  const day = requireDate(value, field, label);
  if (day > today) refuse(`${field}.in-future`, `${label} must be today or in the past`, field);
  return day;
}

/** The day a change takes effect: the day given, or today when none is; never in the future. */
export function effectiveDay(value: unknown, today: IsoDate, field = 'effectiveOn'): IsoDate {
  if (value === undefined || value === null || value === '') return today;
  return requirePastDay(value, today, field, 'The date it takes effect');
}

/**
 * Nothing takes effect before what it depends on (a publication, a call-in, the last change of the
 * same fact). The problem carries both days as `effectiveOn` and `notBefore`.
 */
export function refuseIfBefore(
  on: IsoDate,
  notBefore: IsoDate,
  code: string,
  explain: (notBefore: string, on: string) => string,
  field = 'effectiveOn',
): void {
  if (on >= notBefore) return;
  const message = explain(longDate(notBefore), longDate(on));
  throw new DomainError(code, message, 'rule', [{ field, message }], { effectiveOn: on, notBefore });
}

export function requireOneOf<T extends string>(
  values: readonly T[],
  value: unknown,
  code: string,
  label: string,
  field: string,
): T {
  if (typeof value !== 'string' || !values.includes(value as T))
    refuse(code, `${label} must be one of: ${values.join(', ')}`, field);
  return value as T;
}

/** A whole number of pence, more than nothing: money never passes through a float here. */
export function requirePence(
  value: unknown,
  max: number,
  code: string,
  label: string,
  field: string,
): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0 || value > max)
    refuse(code, `${label} must be a whole number of pence, more than 0 and at most ${max}`, field);
  return value;
}

/** Ids this context keeps for other contexts' entities: opaque, but never blank or spaced. */
const OPAQUE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export function requireId(limit: TextLimit, value: unknown, field: string): string {
  const id = requireText(limit, value, field);
  if (!OPAQUE_ID.test(id))
    refuse(`${limit.thing}.invalid`, `${limit.label} is letters, digits, '.', '_', ':' or '-'`, field);
  return id;
}

/** Adds calendar days to a date; dates are UTC midnights here, so no clock change can shift one. */
export function addDays(day: IsoDate, days: number): IsoDate {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function addYears(day: IsoDate, years: number): IsoDate {
  return `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
}
