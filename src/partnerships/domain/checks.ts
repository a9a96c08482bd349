import type { Actor } from '../../common/domain/actor.js';
import { isIsoDate, type IsoDate } from '../../common/domain/dates.js';
import { DomainError, refuse } from '../../common/domain/domain-error.js';
import type { CountLimit, TextLimit } from './limits.js';

/** Who decides, and what day it is in the council: every decision of this context takes both. */
export interface Decision {
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
  items: readonly T[] | undefined,
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

/** The day a change takes effect: the day given, or today when none is; never in the future. */
export function effectiveDay(value: unknown, today: IsoDate, field = 'effectiveOn'): IsoDate {
  if (value === undefined || value === null || value === '') return today;
  const day = requireDate(value, field, 'The date it takes effect');
  if (day > today)
    refuse(`${field}.in-future`, 'The date it takes effect must be today or in the past', field);
  return day;
}

/**
 * Nothing takes effect before what it depends on (a partnership's start, a membership's joining,
 * the last change of the same field). The problem carries both days as `effectiveOn` and `notBefore`.
 */
export function refuseIfBefore(
  on: IsoDate,
  notBefore: IsoDate,
  code: string,
  message: string,
  field = 'effectiveOn',
): void {
  if (on >= notBefore) return;
  throw new DomainError(code, message, 'rule', [{ field, message }], { effectiveOn: on, notBefore });
}

/** A web address people can follow: http(s) only, in its normal form. */
export function requireWebsite(limit: TextLimit, value: unknown, field: string): string {
  const text = requireText(limit, value, field);
  let url: URL | undefined;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  } catch {
    url = undefined;
  }
  if (!url || !['https:', 'http:'].includes(url.protocol) || !url.hostname.includes('.'))
    refuse(
      `${limit.thing}.invalid`,
      `${limit.label} must be a web address, such as https://www.example.org.uk`,
      field,
    );
  const normal = url.toString();
  if (normal.length > limit.max)
    refuse(`${limit.thing}.too-long`, `${limit.label} must be ${limit.max} characters or fewer`, field);
  return normal;
}
