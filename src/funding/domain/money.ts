import { refuse } from '../../common/domain/domain-error.js';
import { LIMITS } from './limits.js';

/**
 * An amount of money: a whole number of pence and its currency. No float ever holds an amount:
 * amounts are added in pence, parsed from text into pence, and turned into pounds only at the
 * edge (text for people, an exact decimal for 360Giving).
 */
export const CURRENCY = 'GBP' as const;
export type Currency = typeof CURRENCY;

export interface Money {
  readonly pence: number;
  readonly currency: Currency;
}

/**
 * The largest amount whose pounds a JSON number carries exactly: every decimal of at most 15
 * significant digits survives the round trip through a double (IEEE 754 binary64, DBL_DIG = 15),
 * and £9,999,999,999,999.99 has 15.
 */
export const MAX_EXACT_PENCE = 999_999_999_999_999;

export function pence(amount: number): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`${amount} is not a whole number of pence`);
  return { pence: amount, currency: CURRENCY };
}

export const ZERO: Money = pence(0);

/** Sums of pence stay exact while they are safe integers; past that a sum is refused, never rounded. */
export function addPence(a: number, b: number): number {
  const total = a + b;
  if (!Number.isSafeInteger(total))
    refuse('money.too-large', 'This amount is too large to be added up exactly');
  return total;
}

export function sumPence(amounts: Iterable<number>): number {
  let total = 0;
  for (const amount of amounts) total = addPence(total, amount);
  return total;
}

// "£1,234.56", "1234.56", "1,234", "£0.5", "-£5.00": thousands grouped by commas or not at all,
// at most two decimal places, no leading zeros.
const MONEY_TEXT = /^(-)?£?((?:[1-9]\d{0,2}(?:,\d{3})+)|(?:0|[1-9]\d*))(?:\.(\d{1,2}))?$/;

/** Reads an amount as people write it into exact pence, or refuses naming the field. */
export function parseMoney(text: unknown, field: string): Money {
  const compact =
    typeof text === 'string'
      ? text
          .trim()
          .replace(/^-\s*£\s*/, '-£')
          .replace(/^£\s+/, '£')
      : '';
  const match = MONEY_TEXT.exec(compact);
  if (!match)
    refuse(
      'money.invalid',
      'An amount is written in pounds and pence, such as £1,234.56 or 1234.56 (at most two decimal places)',
      field,
    );
  const [, minus, pounds, decimals = ''] = match;
  const digits = `${pounds.replaceAll(',', '')}${decimals.padEnd(2, '0')}`;
  if (digits.replace(/^0+/, '').length > String(LIMITS.maxAmountPence).length)
    refuse(
      'money.too-large',
      `An amount must be at most ${formatMoney(pence(LIMITS.maxAmountPence))}`,
      field,
    );
  const amount = Number(digits);
  if (amount > LIMITS.maxAmountPence)
    refuse(
      'money.too-large',
      `An amount must be at most ${formatMoney(pence(LIMITS.maxAmountPence))}`,
      field,
    );
  return pence(minus && amount !== 0 ? -amount : amount);
}

/** Pounds as a plain decimal with both pence digits: "1234.56", "-0.05", "0.00". */
export function poundsText(money: Money): string {
  const sign = money.pence < 0 ? '-' : '';
  const digits = String(Math.abs(money.pence)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** As the council writes an amount: "£1,234.56", "-£5.00". */
export function formatMoney(money: Money): string {
  const text = poundsText(money);
  const negative = text.startsWith('-');
  const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}£${grouped}.${fraction}`;
}

/**
 * Pounds as a JSON number that says exactly the amount: the 360Giving schema types amounts as
 * numbers. The number is parsed from the exact decimal text, so it is the double nearest that
 * decimal, and JSON.stringify writes the shortest text that reads back as the same double, which is
 * the decimal itself (trailing zeros dropped) for up to 15 significant digits: 123456 pence is
 * written 1234.56, never 1234.5599999999999. Adding pounds as doubles is what goes wrong
 * (0.1 + 0.2 is 0.30000000000000004): amounts are added in pence and converted once.
 */
export function poundsNumber(money: Money): number {
  if (Math.abs(money.pence) > MAX_EXACT_PENCE)
    throw new RangeError(`${formatMoney(money)} is too large to be written exactly as a JSON number`);
  return Number(poundsText(money));
}

/** An amount a movement carries: a whole number of pence, above zero, in pounds sterling. */
export function requireAmount(value: unknown, field: string, allowZero = false): Money {
  const money = value as Partial<Money> | null | undefined;
  if (
    typeof money !== 'object' ||
    money === null ||
    typeof money.pence !== 'number' ||
    !Number.isInteger(money.pence)
  )
    refuse('amount.invalid', 'An amount is a whole number of pence with its currency', field);
  if (money.currency !== CURRENCY)
    refuse('amount.currency-unsupported', 'Amounts are in pounds sterling (GBP)', field);
  if (money.pence < 0 || (money.pence === 0 && !allowZero))
    refuse(
      allowZero ? 'amount.negative' : 'amount.not-positive',
      allowZero ? 'The amount must not be negative' : 'The amount must be more than £0.00',
      field,
    );
  if (money.pence > LIMITS.maxAmountPence)
    refuse(
      'amount.too-large',
      `The amount must be at most ${formatMoney(pence(LIMITS.maxAmountPence))}`,
      field,
    );
  return pence(money.pence);
}
