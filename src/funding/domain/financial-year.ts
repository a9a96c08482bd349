import { dateInCouncil, type IsoDate } from '../../common/domain/dates.js';
import { refuse } from '../../common/domain/domain-error.js';

/**
 * A council's financial year runs from 1 April to 31 March and is written `2019-20` (`1999-00`
 * for the year that ends in 2000). Which year a day falls in is read from the day in London.
 */
export type FinancialYear = string;

const FINANCIAL_YEAR = /^(\d{4})-(\d{2})$/;

export function financialYearStarting(startYear: number): FinancialYear {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export function startYearOf(year: FinancialYear): number {
  return Number(year.slice(0, 4));
}

export function financialYearOf(day: IsoDate): FinancialYear {
  const calendarYear = Number(day.slice(0, 4));
  return financialYearStarting(day.slice(5) >= '04-01' ? calendarYear : calendarYear - 1);
}

/** The financial year an instant falls in, in the council: 00:30 BST on 1 April is the new year. */
export function financialYearAt(instant: Date): FinancialYear {
  return financialYearOf(dateInCouncil(instant));
}

export function firstDayOf(year: FinancialYear): IsoDate {
  return `${year.slice(0, 4)}-04-01`;
}

export function lastDayOf(year: FinancialYear): IsoDate {
  return `${startYearOf(year) + 1}-03-31`;
}

export function isFinancialYear(value: unknown): value is FinancialYear {
  if (typeof value !== 'string') return false;
  const match = FINANCIAL_YEAR.exec(value);
  return match !== null && match[1] !== '9999' && financialYearStarting(Number(match[1])) === value;
}

export function parseFinancialYear(value: unknown, field: string): FinancialYear {
  if (!isFinancialYear(value))
    refuse(
      'financial-year.invalid',
      'A financial year runs April to March and is written like 2019-20',
      field,
    );
  return value;
}

/** Every financial year from one to another, both included, in order. */
export function yearsFrom(from: FinancialYear, to: FinancialYear): FinancialYear[] {
  const years: FinancialYear[] = [];
  for (let start = startYearOf(from); start <= startYearOf(to); start++)
    years.push(financialYearStarting(start));
  return years;
}

export interface FinancialYearRange {
  readonly from: FinancialYear;
  readonly to: FinancialYear;
}

export function withinYears(day: IsoDate, range: FinancialYearRange): boolean {
  return day >= firstDayOf(range.from) && day <= lastDayOf(range.to);
}

export function describeYears(range: FinancialYearRange): string {
  return range.from === range.to ? range.from : `${range.from} to ${range.to}`;
}
