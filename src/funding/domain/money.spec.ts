import fc from 'fast-check';
import { DomainError } from '../../common/domain/domain-error.js';
import {
  formatMoney,
  MAX_EXACT_PENCE,
  parseMoney,
  pence,
  poundsNumber,
  poundsText,
  requireAmount,
  sumPence,
} from './money.js';

describe('money, in pence', () => {
  it.each([
    ['£1,234.56', 123456],
    ['1234.56', 123456],
    ['1,234', 123400],
    ['£0.5', 50],
    ['0.05', 5],
    ['  £10,000.00 ', 1000000],
    ['£ 582,200', 58220000],
    ['-£5.00', -500],
    ['-5', -500],
    ['0', 0],
    ['1,000,000,000', 100000000000],
  ])('reads %j as %d pence', (text, expected) => {
    expect(parseMoney(text, 'amount')).toEqual({ pence: expected, currency: 'GBP' });
  });

  it.each([
    ['1.234'],
    ['1,23.45'],
    ['12,34'],
    ['01234'],
    ['£'],
    [''],
    ['1e3'],
    ['0x10'],
    ['£1,234.5.6'],
    ['£-5'],
    ['5p'],
    ['1 234'],
    ['€5'],
    ['Infinity'],
    ['NaN'],
    [' . '],
  ])('refuses %j, naming the field', (text) => {
    expect(() => parseMoney(text, 'amount')).toThrow(
      expect.objectContaining({
        code: 'money.invalid',
        fields: [expect.objectContaining({ field: 'amount' })],
      }),
    );
  });

  it('refuses what is not text at all', () => {
    for (const value of [12.5, null, undefined, {}, ['5']])
      expect(() => parseMoney(value, 'amount')).toThrow(expect.objectContaining({ code: 'money.invalid' }));
  });

  it('refuses an amount above £1,000,000,000.00 however many digits it has', () => {
    expect(() => parseMoney('1,000,000,000.01', 'amount')).toThrow(
      expect.objectContaining({ code: 'money.too-large' }),
    );
    expect(() => parseMoney('9'.repeat(400), 'amount')).toThrow(
      expect.objectContaining({ code: 'money.too-large' }),
    );
  });

  it('writes amounts as the council does', () => {
    expect(formatMoney(pence(123456))).toBe('£1,234.56');
    expect(formatMoney(pence(58220000))).toBe('£582,200.00');
    expect(formatMoney(pence(5))).toBe('£0.05');
    expect(formatMoney(pence(-500))).toBe('-£5.00');
    expect(formatMoney(pence(0))).toBe('£0.00');
  });

  it('reads back exactly what it writes, for every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000_000, max: 100_000_000_000 }), (amount) => {
        expect(parseMoney(formatMoney(pence(amount)), 'amount').pence).toBe(amount);
        expect(parseMoney(poundsText(pence(amount)), 'amount').pence).toBe(amount);
      }),
    );
  });
});

describe('pounds for 360Giving, exactly', () => {
  /** The decimal 360Giving should read: pounds with trailing zeros (and a bare point) dropped. */
  const exactDecimal = (amount: number) => {
    const [whole, fraction] = poundsText(pence(amount)).split('.');
    const significant = fraction.replace(/0+$/, '');
    return significant ? `${whole}.${significant}` : whole;
  };

  it('writes 0.30, summed in pence, as 0.3 where pounds summed as floats give 0.30000000000000004', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(JSON.stringify(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(JSON.stringify(poundsNumber(pence(sumPence([10, 20]))))).toBe('0.3');
  });

  it.each([
    [123456, '1234.56'],
    [1000000, '10000'],
    [58220000, '582200'],
    [1, '0.01'],
    [10, '0.1'],
    [0, '0'],
    [MAX_EXACT_PENCE, '9999999999999.99'],
  ])('writes %d pence as the JSON number %s', (amount, json) => {
    expect(JSON.stringify(poundsNumber(pence(amount)))).toBe(json);
  });

  it('is the exact decimal for every amount up to 15 significant digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_EXACT_PENCE, max: MAX_EXACT_PENCE }), (amount) => {
        const json = JSON.stringify(poundsNumber(pence(amount)));
        expect(json).toBe(exactDecimal(amount));
        // and the pence come back exactly from the number a reader parses
        expect(Math.round(JSON.parse(json) * 100)).toBe(amount);
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses, rather than rounds, an amount beyond what a JSON number holds exactly', () => {
    expect(() => poundsNumber(pence(MAX_EXACT_PENCE + 1))).toThrow(RangeError);
  });

  it('refuses a sum that would stop being exact', () => {
    expect(() => sumPence([Number.MAX_SAFE_INTEGER, 1])).toThrow(
      expect.objectContaining({ code: 'money.too-large' }),
    );
  });
});

describe('amounts of movements', () => {
  it.each([
    [{ pence: 0, currency: 'GBP' }, 'amount.not-positive'],
    [{ pence: -1, currency: 'GBP' }, 'amount.not-positive'],
    [{ pence: 10.5, currency: 'GBP' }, 'amount.invalid'],
    [{ pence: '100', currency: 'GBP' }, 'amount.invalid'],
    [{ pence: 100, currency: 'EUR' }, 'amount.currency-unsupported'],
    [{ pence: 100 }, 'amount.currency-unsupported'],
    [{ pence: 100_000_000_001, currency: 'GBP' }, 'amount.too-large'],
    [1234.56, 'amount.invalid'],
    [null, 'amount.invalid'],
  ])('refuses %j', (value, code) => {
    let error: unknown;
    try {
      requireAmount(value, 'amount');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code, fields: [{ field: 'amount' }] });
  });

  it('takes zero where a total may be nothing yet, and never a negative one', () => {
    expect(requireAmount({ pence: 0, currency: 'GBP' }, 'totalRaised', true)).toEqual(pence(0));
    expect(() => requireAmount({ pence: -1, currency: 'GBP' }, 'totalRaised', true)).toThrow(
      expect.objectContaining({ code: 'amount.negative' }),
    );
  });
});
