import { isIsoDate, type IsoDate } from '../../common/domain/dates.js';
import { refuse } from '../../common/domain/domain-error.js';

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
