import { ENGLAND_AND_WALES_BANK_HOLIDAYS, ENGLAND_AND_WALES_YEARS } from './bank-holidays-england-and-wales.js';

const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));
const iso = (date: Date) => date.toISOString().slice(0, 10);
const plus = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
const weekday = (date: Date) => date.getUTCDay();

/** Easter Sunday in the Gregorian calendar (the anonymous algorithm, as in Meeus). */
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return utc(year, month, ((h + l - 7 * m + 114) % 31) + 1);
}

const firstMonday = (year: number, month: number) => {
  const first = utc(year, month, 1);
  return plus(first, (8 - weekday(first)) % 7);
};
const lastMonday = (year: number, month: number) => {
  const last = utc(year, month + 1, 0);
  return plus(last, -((weekday(last) + 6) % 7));
};
/** A fixed holiday at a weekend moves to the next weekday not already taken (Banking and Financial Dealings Act 1971, Sch. 1). */
function observed(days: Date[]): Date[] {
  const taken: Date[] = [];
  for (const day of days) {
    let candidate = day;
    while (weekday(candidate) === 0 || weekday(candidate) === 6 || taken.some((t) => iso(t) === iso(candidate)))
      candidate = plus(candidate, 1);
    taken.push(candidate);
  }
  return taken;
}

/** The regular holidays of a year, by the 1971 Act and the annual proclamations of New Year's Day and early May. */
function regularHolidays(year: number): string[] {
  const easter = easterSunday(year);
  return [
    ...observed([utc(year, 1, 1)]),
    plus(easter, -2),
    plus(easter, 1),
    firstMonday(year, 5),
    lastMonday(year, 5),
    lastMonday(year, 8),
    ...observed([utc(year, 12, 25), utc(year, 12, 26)]),
  ].map(iso);
}

/** Each change a Royal Proclamation made to the regular list, 2012 to 2028. */
const PROCLAIMED: Record<number, { moved?: [string, string][]; added?: string[] }> = {
  2012: { moved: [['2012-05-28', '2012-06-04']], added: ['2012-06-05'] }, // Diamond Jubilee
  2020: { moved: [['2020-05-04', '2020-05-08']] }, // VE Day 75
  2022: { moved: [['2022-05-30', '2022-06-02']], added: ['2022-06-03', '2022-09-19'] }, // Platinum Jubilee; the State Funeral
  2023: { added: ['2023-05-08'] }, // the coronation of King Charles III
};

function expectedHolidays(year: number): string[] {
  const change = PROCLAIMED[year] ?? {};
  const days = regularHolidays(year).map((day) => change.moved?.find(([from]) => from === day)?.[1] ?? day);
  return [...days, ...(change.added ?? [])].sort();
}

describe('the bank holidays of England and Wales shipped as data', () => {
  const years = Array.from(
    { length: ENGLAND_AND_WALES_YEARS.to - ENGLAND_AND_WALES_YEARS.from + 1 },
    (_, index) => ENGLAND_AND_WALES_YEARS.from + index,
  );

  it.each(years)('lists for %i exactly the days the 1971 Act and the proclamations give', (year) => {
    const listed = ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((holiday) => holiday.day.startsWith(`${year}-`)).map(
      (holiday) => holiday.day,
    );
    expect(listed).toEqual(expectedHolidays(year));
  });

  it('covers 2015 to 2028 at least, in order, each day once and on a weekday', () => {
    expect(ENGLAND_AND_WALES_YEARS.from).toBeLessThanOrEqual(2015);
    expect(ENGLAND_AND_WALES_YEARS.to).toBeGreaterThanOrEqual(2028);
    const days = ENGLAND_AND_WALES_BANK_HOLIDAYS.map((holiday) => holiday.day);
    expect(days).toEqual([...new Set(days)].sort());
    for (const day of days) expect([1, 2, 3, 4, 5]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
  });

  it('names the days as GOV.UK does, substitutes marked', () => {
    const named = (day: string) => ENGLAND_AND_WALES_BANK_HOLIDAYS.find((holiday) => holiday.day === day);
    expect(named('2020-05-08')).toEqual({ day: '2020-05-08', name: 'Early May bank holiday (VE day)', substitute: false });
    expect(named('2022-09-19')?.name).toBe('Bank Holiday for the State Funeral of Queen Elizabeth II');
    expect(named('2023-05-08')?.name).toBe('Bank holiday for the coronation of King Charles III');
    expect(named('2027-12-27')).toEqual({ day: '2027-12-27', name: 'Christmas Day', substitute: true });
  });
});
