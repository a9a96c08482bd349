import { callInWindow, dayAfterWindow, WorkingCalendar } from './working-days.js';

const calendar = new WorkingCalendar();
/** The window of a decision published on a day, under five clear working days unless told. */
const window = (publishedOn: string, workingDays = 5, on = calendar) => {
  const computed = callInWindow(on, publishedOn, workingDays);
  return { closesOn: computed.closesOn, takesEffectOn: dayAfterWindow(computed) };
};

describe('working days in England and Wales', () => {
  it('are Monday to Friday except bank holidays, named', () => {
    expect(calendar.closure('2024-06-29')).toBe('Saturday');
    expect(calendar.closure('2024-06-30')).toBe('Sunday');
    expect(calendar.closure('2024-03-29')).toBe('Good Friday');
    expect(calendar.closure('2024-07-01')).toBeNull();
  });

  it('knows that 4 May 2020 was worked: the early May holiday moved to VE Day, Friday 8 May', () => {
    expect(calendar.isWorkingDay('2020-05-04')).toBe(true);
    expect(calendar.closure('2020-05-08')).toBe('Early May bank holiday (VE day)');
  });

  it('adds the council’s own closure days', () => {
    const council = new WorkingCalendar([{ day: '2024-12-27', name: 'Council closure day' }]);
    expect(council.closure('2024-12-27')).toBe('Council closure day');
    expect(calendar.isWorkingDay('2024-12-27')).toBe(true);
  });

  it('refuses to count days in a year whose bank holidays are not known, rather than guess', () => {
    expect(() => calendar.isWorkingDay('2029-01-02')).toThrow(
      expect.objectContaining({ code: 'working-days.year-not-covered', extra: { year: '2029' } }),
    );
    expect(() => calendar.isWorkingDay('2011-12-30')).toThrow(
      expect.objectContaining({ code: 'working-days.year-not-covered' }),
    );
    expect(new WorkingCalendar([], [2029]).isWorkingDay('2029-01-02')).toBe(true);
  });
});

describe('the call-in window: five clear working days from publication', () => {
  it('does not count the day of publication: published on a Tuesday, it closes the next Tuesday', () => {
    expect(window('2024-01-09')).toEqual({ closesOn: '2024-01-16', takesEffectOn: '2024-01-17' });
  });

  it('published on a Monday, it closes the next Monday and the decision takes effect on the Tuesday', () => {
    expect(window('2024-01-08')).toEqual({ closesOn: '2024-01-15', takesEffectOn: '2024-01-16' });
  });

  it('published on a Friday, it closes the next Friday, and takes effect on the Saturday after', () => {
    expect(window('2024-01-12')).toEqual({ closesOn: '2024-01-19', takesEffectOn: '2024-01-20' });
  });

  it.each(['2024-01-13', '2024-01-14'])(
    'published at a weekend (%s), counts from the Monday',
    (publishedOn) => {
      expect(window(publishedOn)).toEqual({ closesOn: '2024-01-19', takesEffectOn: '2024-01-20' });
    },
  );

  it('published on 23 December 2024, skips Christmas, Boxing Day, the weekend and New Year’s Day', () => {
    // 24 Dec (1), 25-26 holidays, 27 Dec (2), weekend, 30 Dec (3), 31 Dec (4), 1 Jan holiday, 2 Jan (5)
    expect(window('2024-12-23')).toEqual({ closesOn: '2025-01-02', takesEffectOn: '2025-01-03' });
  });

  it('published on 23 December 2021, skips the substitute days for Christmas, Boxing Day and New Year', () => {
    // 24 Dec (1), weekend, 27-28 Dec substitutes, 29 (2), 30 (3), 31 (4), weekend, 3 Jan substitute, 4 Jan (5)
    expect(window('2021-12-23')).toEqual({ closesOn: '2022-01-04', takesEffectOn: '2022-01-05' });
  });

  it('published on Friday 23 December 2022, closes on Wednesday 4 January 2023', () => {
    // weekend, 26-27 Dec holidays, 28 (1), 29 (2), 30 (3), weekend, 2 Jan substitute, 3 (4), 4 (5)
    expect(window('2022-12-23')).toEqual({ closesOn: '2023-01-04', takesEffectOn: '2023-01-05' });
  });

  it('published on Maundy Thursday 2024, skips Good Friday and Easter Monday', () => {
    // 29 Mar Good Friday, weekend, 1 Apr Easter Monday, 2 (1), 3 (2), 4 (3), 5 (4), 8 (5)
    expect(window('2024-03-28')).toEqual({ closesOn: '2024-04-08', takesEffectOn: '2024-04-09' });
  });

  it('published on Easter Monday itself, counts from the Tuesday', () => {
    expect(window('2024-04-01')).toEqual({ closesOn: '2024-04-08', takesEffectOn: '2024-04-09' });
  });

  it('skips the early May and spring bank holidays of 2024', () => {
    expect(window('2024-05-03').closesOn).toBe('2024-05-13');
    expect(window('2024-05-24').closesOn).toBe('2024-06-03');
  });

  it('skips the one-off holidays: VE Day 2020, the State Funeral 2022, the coronation 2023', () => {
    expect(window('2020-05-07').closesOn).toBe('2020-05-15');
    expect(window('2020-05-01').closesOn).toBe('2020-05-11'); // 4 May worked, 8 May not
    expect(window('2022-09-16').closesOn).toBe('2022-09-26');
    expect(window('2023-04-28').closesOn).toBe('2023-05-09'); // 1 May and 8 May both holidays
  });

  it('skips both days of the Platinum Jubilee weekend, 2 and 3 June 2022', () => {
    expect(window('2022-06-01')).toEqual({ closesOn: '2022-06-10', takesEffectOn: '2022-06-11' });
  });

  it('skips a closure day the council added between Christmas and New Year', () => {
    const council = new WorkingCalendar([{ day: '2024-12-27', name: 'Council closure day' }]);
    expect(window('2024-12-23', 5, council).closesOn).toBe('2025-01-03');
  });

  it('is as many working days as the council’s constitution says', () => {
    expect(window('2024-01-09', 3).closesOn).toBe('2024-01-12');
    expect(window('2024-01-09', 10).closesOn).toBe('2024-01-23');
  });

  it('refuses a window that runs into a year whose bank holidays are not known, naming the field', () => {
    expect(() => callInWindow(calendar, '2028-12-22', 5, 'publishedOn')).toThrow(
      expect.objectContaining({
        code: 'working-days.year-not-covered',
        fields: [expect.objectContaining({ field: 'publishedOn' })],
      }),
    );
  });
});
