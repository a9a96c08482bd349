import type { IsoDate } from '../../common/domain/dates.js';

/** A calendar day some days after another (days have no time zone, so UTC arithmetic is exact). */
export function addDays(day: IsoDate, days: number): IsoDate {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
