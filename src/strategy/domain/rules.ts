import { isIsoDate, longDate, type IsoDate } from '../../common/domain/dates.js';
import { DomainError, refuse } from '../../common/domain/domain-error.js';

/** Text a person must write: not blank, not longer than a scrutiny report can carry. */
export function requireText(
  value: string | null | undefined,
  field: string,
  label: string,
  maxLength = 2000,
): string {
  const text = (value ?? '').trim();
  if (!text) refuse(`${field}.required`, `${label} is required`, field);
  if (text.length > maxLength)
    refuse(`${field}.too-long`, `${label} must be ${maxLength} characters or fewer`, field);
  return text;
}

export function optionalText(
  value: string | null | undefined,
  field: string,
  label: string,
  maxLength = 2000,
): string | null {
  return value && value.trim() ? requireText(value, field, label, maxLength) : null;
}

export function requireDate(value: string, field: string, label: string): IsoDate {
  if (!isIsoDate(value)) refuse(`${field}.invalid`, `${label} must be a real date`, field);
  return value;
}

/** A date on which something happened: today or earlier, never in the future. */
export function requirePastOrToday(value: string, today: IsoDate, field: string, label: string): IsoDate {
  requireDate(value, field, label);
  if (value > today) refuse(`${field}.in-future`, `${label} must be today or in the past`, field);
  return value;
}

/** The day a change takes effect: the day given, or today when none is; never in the future. */
export function effectiveDay(
  value: string | undefined | null,
  today: IsoDate,
  label: string,
  field = 'effectiveOn',
): IsoDate {
  return requirePastOrToday(value ?? today, today, field, label);
}

/**
 * Nothing takes effect before what it depends on: a theme before its strategy was drafted, an
 * action before its pledge was made, an update before its action was planned. Refused naming both
 * days, which the problem also carries as `effectiveOn` and `notBefore`.
 */
export function refuseIfBefore(
  on: IsoDate,
  earliest: IsoDate,
  code: string,
  field: string,
  explain: (earliest: string, on: string) => string,
): void {
  if (on >= earliest) return;
  const message = explain(longDate(earliest), longDate(on));
  throw new DomainError(code, message, 'rule', [{ field, message }], {
    effectiveOn: on,
    notBefore: earliest,
  });
}
