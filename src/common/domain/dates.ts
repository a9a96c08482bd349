/**
 * Calendar dates are ISO 8601 strings (YYYY-MM-DD) in the council's time zone. An instant for a
 * date is its start in Europe/London, so "today" in Leicester is never "in the future" at 00:30 BST.
 */
export type IsoDate = string;

export const COUNCIL_TIME_ZONE = 'Europe/London';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The calendar date of an instant, in the council's time zone. */
export function dateInCouncil(instant: Date): IsoDate {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: COUNCIL_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A calendar date as people in the council write it: "18 February 2019". */
export function longDate(date: IsoDate): string {
  return LONG_DATE.format(new Date(`${date}T00:00:00Z`));
}

/** The instant a council calendar date begins. */
export function startOfCouncilDay(date: IsoDate): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: COUNCIL_TIME_ZONE,
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(utcMidnight);
  const offsetHours = Number(parts.find((part) => part.type === 'hour')?.value ?? 0);
  // London is UTC or UTC+1: at 00:00Z the local hour is 0 or 1.
  return new Date(utcMidnight.getTime() - offsetHours * 3_600_000);
}
