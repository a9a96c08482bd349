import { given } from '../../../libs/testing/given-when-then.js';
import { by, people } from '../testing/fixtures.js';
import { CouncilRules, DEFAULT_CALL_IN_WORKING_DAYS } from './council-rules.aggregate.js';
import type { CouncilRulesEvent } from './council-rules.events.js';

const closure: CouncilRulesEvent = {
  type: 'CouncilClosureDayAdded',
  data: {
    day: '2024-12-27',
    name: 'Council closure day',
    reason: 'Christmas shutdown',
    effectiveOn: '2024-06-30',
  },
};
const periodSet: CouncilRulesEvent = {
  type: 'CallInPeriodSet',
  data: { previousWorkingDays: 5, workingDays: 3, reason: 'Constitution amended', effectiveOn: '2024-05-01' },
};
const holidays2029 = [
  { day: '2029-01-01', name: 'New Year’s Day' },
  { day: '2029-03-30', name: 'Good Friday' },
];

describe('the council’s closure days', () => {
  it('adds a day the council is closed, with its name and reason, and the calendar skips it', () => {
    given(new CouncilRules())
      .when((rules) =>
        rules.addClosureDay(
          { day: '2024-12-27', name: 'Council closure day', reason: 'Christmas shutdown' },
          by(),
        ),
      )
      .then(closure);
    const rules = new CouncilRules().rehydrate([closure]);
    expect(rules.calendar.closure('2024-12-27')).toBe('Council closure day');
    expect(rules.closureDays).toEqual([{ day: '2024-12-27', name: 'Council closure day' }]);
  });

  it('adds a one-off holiday announced for a year the shipped list does not cover yet', () => {
    given(new CouncilRules())
      .when((rules) => rules.addClosureDay({ day: '2029-05-08', name: 'Extra bank holiday' }, by()))
      .then(expect.objectContaining({ type: 'CouncilClosureDayAdded' }));
  });

  it.each([
    [{ day: '2024-12-28' }, 'council-rules.closure-at-weekend', 'day'],
    [{ day: '2024-12-25' }, 'council-rules.already-bank-holiday', 'day'],
    [{ day: '2024-12-27' }, 'council-rules.closure-already-added', 'day'],
    [{ day: '2024-13-01' }, 'day.invalid', 'day'],
    [{ day: '2030-01-02' }, 'council-rules.closure-too-far-ahead', 'day'],
    [{ name: '' }, 'council-rules.closure-name.required', 'name'],
    [{ effectiveOn: '2024-07-01' }, 'effectiveOn.in-future', 'effectiveOn'],
  ])('refuses %j', (change, code, field) => {
    given(new CouncilRules(), closure)
      .when((rules) =>
        rules.addClosureDay({ day: '2024-12-24', name: 'Council closure day', ...change }, by()),
      )
      .thenRefuses(code, field);
  });

  it('withdraws a closure day it added, but never a bank holiday', () => {
    given(new CouncilRules(), closure)
      .when((rules) => rules.withdrawClosureDay({ day: '2024-12-27', reason: 'Open after all' }, by()))
      .then({
        type: 'CouncilClosureDayWithdrawn',
        data: {
          day: '2024-12-27',
          name: 'Council closure day',
          reason: 'Open after all',
          effectiveOn: '2024-06-30',
        },
      });
    given(new CouncilRules(), closure)
      .when((rules) => rules.withdrawClosureDay({ day: '2024-12-25', reason: 'x' }, by()))
      .thenRefuses('council-rules.closure-unknown', 'day');
  });

  it('is kept by admins only', () => {
    given(new CouncilRules())
      .when((rules) => rules.addClosureDay({ day: '2024-12-27', name: 'x' }, by(people.officer)))
      .thenRefuses('governance.may-not-keep-the-register');
  });
});

describe('a year’s bank holidays recorded before the shipped list has them', () => {
  it('lets the calendar count working days in that year', () => {
    given(new CouncilRules())
      .when((rules) =>
        rules.recordBankHolidays(
          { year: 2029, days: [...holidays2029].reverse(), source: 'GOV.UK, December 2027' },
          by(),
        ),
      )
      .then({
        type: 'BankHolidaysRecorded',
        data: { year: 2029, days: holidays2029, source: 'GOV.UK, December 2027', effectiveOn: '2024-06-30' },
      });
    const rules = new CouncilRules().rehydrate([
      {
        type: 'BankHolidaysRecorded',
        data: { year: 2029, days: holidays2029, source: 'GOV.UK', effectiveOn: '2024-06-30' },
      },
    ]);
    expect(rules.calendar.workingDayAfter('2028-12-29', 1)).toBe('2029-01-02');
  });

  it.each([
    [{ year: 2028 }, 'council-rules.year-shipped', 'year'],
    [
      { days: [{ day: '2030-01-01', name: 'New Year’s Day' }] },
      'council-rules.holiday-outside-year',
      'days[0].day',
    ],
    [{ days: [{ day: '2029-01-06', name: 'x' }] }, 'council-rules.closure-at-weekend', 'days[0].day'],
    [{ days: [holidays2029[0], holidays2029[0]] }, 'council-rules.holiday-repeated', 'days[1].day'],
    [{ days: [] }, 'council-rules.bank-holidays.too-few', 'days'],
    [{ source: '' }, 'council-rules.source.required', 'source'],
  ])('refuses %j', (change, code, field) => {
    given(new CouncilRules())
      .when((rules) =>
        rules.recordBankHolidays({ year: 2029, days: holidays2029, source: 'GOV.UK', ...change }, by()),
      )
      .thenRefuses(code, field);
  });
});

describe('the call-in period and the key decision threshold', () => {
  it('is five working days until the council sets another, from the day it takes effect', () => {
    expect(new CouncilRules().callInWorkingDaysOn('2024-06-30')).toBe(DEFAULT_CALL_IN_WORKING_DAYS);
    const rules = new CouncilRules().rehydrate([periodSet]);
    expect(rules.callInWorkingDaysOn('2024-04-30')).toBe(5);
    expect(rules.callInWorkingDaysOn('2024-05-01')).toBe(3);
  });

  it.each([
    [{ workingDays: 0 }, 'council-rules.call-in-period-invalid', 'workingDays'],
    [{ workingDays: 2.5 }, 'council-rules.call-in-period-invalid', 'workingDays'],
    [{ workingDays: 21 }, 'council-rules.call-in-period-invalid', 'workingDays'],
    [{ workingDays: 3 }, 'council-rules.call-in-period-unchanged', 'workingDays'],
    [{ reason: ' ' }, 'reason.required', 'reason'],
    [{ effectiveOn: '2024-04-30' }, 'council-rules.before-last-change', 'effectiveOn'],
  ])('refuses a call-in period %j', (change, code, field) => {
    given(new CouncilRules(), periodSet)
      .when((rules) => rules.setCallInPeriod({ workingDays: 10, reason: 'Amended', ...change }, by()))
      .thenRefuses(code, field);
  });

  it('sets the key decision threshold in pence, from a day, and refuses anything but whole pence', () => {
    given(new CouncilRules())
      .when((rules) =>
        rules.setKeyDecisionThreshold(
          { pence: 50_000_000, reason: 'Article 13', effectiveOn: '2015-01-01' },
          by(),
        ),
      )
      .then({
        type: 'KeyDecisionThresholdSet',
        data: { previousPence: null, pence: 50_000_000, reason: 'Article 13', effectiveOn: '2015-01-01' },
      });
    for (const pence of [0, -1, 0.5, Number.NaN])
      given(new CouncilRules())
        .when((rules) => rules.setKeyDecisionThreshold({ pence, reason: 'x' }, by()))
        .thenRefuses('council-rules.threshold-invalid', 'pence');
    expect(new CouncilRules().keyDecisionThresholdOn('2024-06-30')).toBeNull();
  });
});
