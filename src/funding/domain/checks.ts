import type { Actor } from '../../common/domain/actor.js';
import { isIsoDate, longDate, type IsoDate } from '../../common/domain/dates.js';
import { DomainError, refuse } from '../../common/domain/domain-error.js';
import { LIMITS, type CountLimit, type TextLimit } from './limits.js';

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

export function requireId(value: unknown, field: string, label: string): string {
  return requireText({ ...LIMITS.id, label }, value, field);
}

export function requireList<T>(limit: CountLimit, items: unknown, field: string): readonly T[] {
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
  return list as T[];
}

/** Each item once: the same ward, partner or action twice is a slip, said with the first repeat. */
export function refuseRepeats(items: readonly string[], thing: string, field: string, label: string): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item)) refuse(`${thing}.repeated`, `${label} ${item} is listed twice`, `${field}[${index}]`);
    seen.add(item);
  });
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

/** A planned date, which may lie ahead, but not further than the planning horizon from `from`. */
export function plannedDay(value: unknown, from: IsoDate, field: string, label: string): IsoDate {
  const day = requireDate(value, field, label);
  const horizon = `${Number(from.slice(0, 4)) + LIMITS.planningHorizonYears}${from.slice(4)}`;
  if (day > horizon)
    refuse(
      `${field}.too-far-ahead`,
      `${label} must be within ${LIMITS.planningHorizonYears} years of ${longDate(from)}`,
      field,
    );
  return day;
}

/**
 * Nothing takes effect before what it depends on (the fund's proposal, the award a payment is
 * against, the last change of the same fact). The problem carries both days as `effectiveOn` and
 * `notBefore`.
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

/** A web address people can follow: http(s) only, in its normal form. */
export function requireWebAddress(limit: TextLimit, value: unknown, field: string): string {
  const text = requireText(limit, value, field);
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !['https:', 'http:'].includes(url.protocol) || !url.hostname.includes('.'))
    refuse(
      `${limit.thing}.invalid`,
      `${limit.label} must be a web address starting https://, such as https://www.spacehive.com/my-project`,
      field,
    );
  return url.toString();
}

export function requireOneOf<T extends string>(
  allowed: readonly T[],
  value: unknown,
  code: string,
  label: string,
  field: string,
): T {
  if (typeof value !== 'string' || !allowed.includes(value as T))
    refuse(code, `${label} must be one of ${allowed.join(', ')}`, field);
  return value as T;
}

export function requireWholeNumber(
  value: unknown,
  min: number,
  max: number,
  code: string,
  label: string,
  field: string,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    refuse(code, `${label} must be a whole number from ${min} to ${max}`, field);
  return value;
}
