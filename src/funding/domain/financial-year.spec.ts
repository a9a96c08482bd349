import {
  financialYearAt,
  financialYearOf,
  firstDayOf,
  isFinancialYear,
  lastDayOf,
  parseFinancialYear,
  yearsFrom,
} from './financial-year.js';

describe('financial years, April to March', () => {
  it.each([
    ['2019-04-01', '2019-20'],
    ['2020-03-31', '2019-20'],
    ['2020-04-01', '2020-21'],
    ['2019-12-31', '2019-20'],
    ['2000-01-15', '1999-00'],
    ['2099-06-01', '2099-00'],
  ])('puts %s in %s', (day, year) => {
    expect(financialYearOf(day)).toBe(year);
  });

  it('reads the day in London: 00:30 BST on 1 April is already the new year', () => {
    expect(financialYearAt(new Date('2020-03-31T23:30:00Z'))).toBe('2020-21');
    expect(financialYearAt(new Date('2020-03-31T22:30:00Z'))).toBe('2019-20');
  });

  it('knows where a year starts and ends', () => {
    expect(firstDayOf('2019-20')).toBe('2019-04-01');
    expect(lastDayOf('2019-20')).toBe('2020-03-31');
    expect(lastDayOf('1999-00')).toBe('2000-03-31');
  });

  it('lists the years of a period', () => {
    expect(yearsFrom('2018-19', '2020-21')).toEqual(['2018-19', '2019-20', '2020-21']);
    expect(yearsFrom('2019-20', '2019-20')).toEqual(['2019-20']);
  });

  it.each(['2019-21', '2019/20', '2019-2020', '19-20', '2019-20 ', '', '9999-00'])('refuses %j', (text) => {
    expect(isFinancialYear(text)).toBe(false);
    expect(() => parseFinancialYear(text, 'financialYear')).toThrow(
      expect.objectContaining({
        code: 'financial-year.invalid',
        fields: [{ field: 'financialYear', message: expect.any(String) }],
      }),
    );
  });
});
