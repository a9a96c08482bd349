import { dateInCouncil, isIsoDate, longDate, startOfCouncilDay } from './dates.js';

describe('council dates', () => {
  it('knows a real date from an impossible one', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-1')).toBe(false);
  });

  it('takes the day in London, so 00:30 BST is already the next day', () => {
    expect(dateInCouncil(new Date('2024-06-21T23:30:00Z'))).toBe('2024-06-22');
    expect(dateInCouncil(new Date('2024-12-21T23:30:00Z'))).toBe('2024-12-21');
  });

  it('starts a council day at local midnight in summer and in winter', () => {
    expect(startOfCouncilDay('2024-06-22').toISOString()).toBe('2024-06-21T23:00:00.000Z');
    expect(startOfCouncilDay('2024-12-22').toISOString()).toBe('2024-12-22T00:00:00.000Z');
  });

  it('writes a date as people in the council do', () => {
    expect(longDate('2019-02-18')).toBe('18 February 2019');
    expect(longDate('2024-06-01')).toBe('1 June 2024');
  });
});
