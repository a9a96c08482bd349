import { longDate, type IsoDate } from '../../common/domain/dates.js';
import { DomainError } from '../../common/domain/domain-error.js';
import {
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  ENGLAND_AND_WALES_YEARS,
} from '../data/bank-holidays-england-and-wales.js';
import { addDays } from './checks.js';

export interface NamedDay {
  readonly day: IsoDate;
  readonly name: string;
}

const WEEKEND = ['Sunday', '', '', '', '', '', 'Saturday'];

/**
 * Working days in England and Wales: Monday to Friday, except the bank holidays GOV.UK publishes and
 * the days the council adds (its own closure days, or a year's bank holidays recorded before the
 * shipped list has them). A day in a year whose bank holidays are not known is not guessed at: the
 * arithmetic refuses it, because a call-in window computed from a calendar missing a holiday would
 * close a day early.
 */
export class WorkingCalendar {
  private readonly closed = new Map<IsoDate, string>();
  private readonly years = new Set<number>();

  constructor(councilDays: readonly NamedDay[] = [], recordedYears: readonly number[] = []) {
    for (const holiday of ENGLAND_AND_WALES_BANK_HOLIDAYS) this.closed.set(holiday.day, holiday.name);
    for (let year = ENGLAND_AND_WALES_YEARS.from; year <= ENGLAND_AND_WALES_YEARS.to; year++)
      this.years.add(year);
    for (const year of recordedYears) this.years.add(year);
    for (const { day, name } of councilDays) this.closed.set(day, name);
  }

  covers(day: IsoDate): boolean {
    return this.years.has(Number(day.slice(0, 4)));
  }

  /** Why a day is not a working day ("Saturday", "Good Friday", a council closure), or null when it is one. */
  closure(day: IsoDate, field = 'effectiveOn'): string | null {
    const weekend = WEEKEND[new Date(`${day}T00:00:00Z`).getUTCDay()];
    if (weekend) return weekend;
    if (!this.covers(day)) {
      const year = day.slice(0, 4);
      const message = `The council’s calendar has no bank holidays for ${year} yet, so working days around ${longDate(day)} cannot be counted: an admin can record ${year}’s bank holidays`;
      throw new DomainError('working-days.year-not-covered', message, 'rule', [{ field, message }], { year });
    }
    return this.closed.get(day) ?? null;
  }

  isWorkingDay(day: IsoDate, field?: string): boolean {
    return this.closure(day, field) === null;
  }

  /** The `count`th working day after `day`, which itself is not counted whatever it is. */
  workingDayAfter(day: IsoDate, count: number, field?: string): IsoDate {
    let current = day;
    for (let counted = 0; counted < count;) {
      current = addDays(current, 1);
      if (this.isWorkingDay(current, field)) counted++;
    }
    return current;
  }
}

/**
 * The call-in window of a decision published on `publishedOn`: "N clear working days from
 * publication". The day of publication is not counted (a clear day is a whole one); the window opens
 * on it, so a call-in made that day is in time, and closes at the end of the Nth working day after
 * it. The decision comes into force when the window expires, so it takes effect on the calendar day
 * after it closes (which may be a Saturday). See DESIGN.md, "Call-in".
 */
export interface CallInWindow {
  readonly opensOn: IsoDate;
  readonly closesOn: IsoDate;
  readonly workingDays: number;
}

export function callInWindow(
  calendar: WorkingCalendar,
  publishedOn: IsoDate,
  workingDays: number,
  field?: string,
): CallInWindow {
  return {
    opensOn: publishedOn,
    closesOn: calendar.workingDayAfter(publishedOn, workingDays, field),
    workingDays,
  };
}

export function dayAfterWindow(window: CallInWindow): IsoDate {
  return addDays(window.closesOn, 1);
}
