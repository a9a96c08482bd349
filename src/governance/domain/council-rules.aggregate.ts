import type { IsoDate } from '../../common/domain/dates.js';
import { refuse } from '../../common/domain/domain-error.js';
import { EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import { ENGLAND_AND_WALES_YEARS } from '../data/bank-holidays-england-and-wales.js';
import {
  addYears,
  effectiveDay,
  optionalText,
  refuseIfBefore,
  requireCount,
  requireDate,
  requirePence,
  requireText,
  type Acting,
} from './checks.js';
import type {
  BankHolidaysRecorded,
  CallInPeriodSet,
  CouncilClosureDayAdded,
  CouncilClosureDayWithdrawn,
  CouncilRulesEvent,
  KeyDecisionThresholdSet,
} from './council-rules.events.js';
import { LIMITS } from './limits.js';
import { assertMay } from './policy.js';
import { WorkingCalendar, type NamedDay } from './working-days.js';

/** "Five clear working days" unless the council's constitution says otherwise. */
export const DEFAULT_CALL_IN_WORKING_DAYS = 5;

interface InForce<T> {
  readonly value: T;
  readonly from: IsoDate;
}

/** The facts that each replace the last: a change to one takes effect no earlier than its last change. */
type OrderedFact = 'call-in period' | 'key decision threshold';

/**
 * The council's own rules for decision-making, one stream for the council (`council-rules-council`):
 * its closure days on top of the bank holidays, the call-in period and the key decision threshold,
 * each with the day it took effect, so a decision published in 2019 is judged by the rules of 2019.
 * Deciders that need them take this aggregate as input, and the handler conditions its append on
 * the version read.
 */
export class CouncilRules extends EventSourcedAggregate<CouncilRulesEvent> {
  static readonly ID = 'council';
  readonly streamType = 'council-rules';
  private readonly closures = new Map<IsoDate, string>();
  private readonly recordedYears = new Map<number, NamedDay[]>();
  private readonly callInPeriods: InForce<number>[] = [];
  private readonly thresholds: InForce<number>[] = [];

  constructor(id: string = CouncilRules.ID) {
    super(id);
  }

  effectiveOnOf(event: CouncilRulesEvent): IsoDate {
    return event.data.effectiveOn;
  }

  get calendar(): WorkingCalendar {
    const days = [...this.closures].map(([day, name]) => ({ day, name }));
    for (const recorded of this.recordedYears.values()) days.push(...recorded);
    return new WorkingCalendar(days, [...this.recordedYears.keys()]);
  }

  /** The council's closure days, in order. */
  get closureDays(): NamedDay[] {
    return [...this.closures].map(([day, name]) => ({ day, name })).sort((a, b) => (a.day < b.day ? -1 : 1));
  }

  /** The call-in period for a decision published on `day`. */
  callInWorkingDaysOn(day: IsoDate): number {
    return inForceOn(this.callInPeriods, day) ?? DEFAULT_CALL_IN_WORKING_DAYS;
  }

  /** The key decision threshold in pence for a decision taken on `day`; null before the council set one. */
  keyDecisionThresholdOn(day: IsoDate): number | null {
    return inForceOn(this.thresholds, day);
  }

  addClosureDay(
    input: { day: string; name: string; reason?: string | null; effectiveOn?: string | null },
    by: Acting,
  ): void {
    assertMay(by.actor, 'keep-the-register');
    const day = requireDate(input.day, 'day', 'The closure day');
    const name = requireText(LIMITS.closureName, input.name, 'name');
    const reason = optionalText(LIMITS.reason, input.reason, 'reason');
    const effectiveOn = effectiveDay(input.effectiveOn, by.today);
    if (day > addYears(effectiveOn, LIMITS.closureHorizonYears))
      refuse(
        'council-rules.closure-too-far-ahead',
        `A closure day is at most ${LIMITS.closureHorizonYears} years ahead`,
        'day',
      );
    if (isWeekend(day))
      refuse(
        'council-rules.closure-at-weekend',
        'A weekend is never a working day: no closure is needed',
        'day',
      );
    const already = this.closures.get(day);
    if (already)
      refuse(
        'council-rules.closure-already-added',
        `The council is already closed that day: ${already}`,
        'day',
      );
    const calendar = this.calendar;
    const holiday = calendar.covers(day) ? calendar.closure(day, 'day') : null;
    if (holiday)
      refuse('council-rules.already-bank-holiday', `That day is already a bank holiday: ${holiday}`, 'day');
    this.apply({ type: 'CouncilClosureDayAdded', data: { day, name, reason, effectiveOn } });
  }

  withdrawClosureDay(input: { day: string; reason: string; effectiveOn?: string | null }, by: Acting): void {
    assertMay(by.actor, 'keep-the-register');
    const day = requireDate(input.day, 'day', 'The closure day');
    const name = this.closures.get(day);
    if (name === undefined)
      refuse(
        'council-rules.closure-unknown',
        'The council added no closure on that day; bank holidays stay',
        'day',
      );
    const reason = requireText(LIMITS.reason, input.reason, 'reason');
    this.apply({
      type: 'CouncilClosureDayWithdrawn',
      data: { day, name, reason, effectiveOn: effectiveDay(input.effectiveOn, by.today) },
    });
  }

  recordBankHolidays(
    input: {
      year: number;
      days: { day: string; name: string }[];
      source: string;
      effectiveOn?: string | null;
    },
    by: Acting,
  ): void {
    assertMay(by.actor, 'keep-the-register');
    const { year } = input;
    if (
      !Number.isInteger(year) ||
      year <= ENGLAND_AND_WALES_YEARS.to ||
      year > ENGLAND_AND_WALES_YEARS.to + 50
    )
      refuse(
        'council-rules.year-shipped',
        `The bank holidays of ${ENGLAND_AND_WALES_YEARS.from} to ${ENGLAND_AND_WALES_YEARS.to} come with the product; record a later year`,
        'year',
      );
    if (this.recordedYears.has(year))
      refuse('council-rules.year-recorded', `The bank holidays of ${year} are already recorded`, 'year');
    const seen = new Set<string>();
    const days = requireCount(LIMITS.yearHolidays, input.days, 'days').map((holiday, index) => {
      const field = `days[${index}]`;
      const day = requireDate(holiday?.day, `${field}.day`, 'The bank holiday');
      if (!day.startsWith(`${year}-`))
        refuse(
          'council-rules.holiday-outside-year',
          `A bank holiday of ${year} falls in ${year}`,
          `${field}.day`,
        );
      if (isWeekend(day))
        refuse(
          'council-rules.closure-at-weekend',
          'A bank holiday falls on a weekday (a substitute day is one)',
          `${field}.day`,
        );
      if (seen.has(day)) refuse('council-rules.holiday-repeated', 'Each day is listed once', `${field}.day`);
      seen.add(day);
      return { day, name: requireText(LIMITS.closureName, holiday.name, `${field}.name`) };
    });
    this.apply({
      type: 'BankHolidaysRecorded',
      data: {
        year,
        days: [...days].sort((a, b) => (a.day < b.day ? -1 : 1)),
        source: requireText(LIMITS.holidaySource, input.source, 'source'),
        effectiveOn: effectiveDay(input.effectiveOn, by.today),
      },
    });
  }

  setCallInPeriod(
    input: { workingDays: number; reason: string; effectiveOn?: string | null },
    by: Acting,
  ): void {
    assertMay(by.actor, 'keep-the-register');
    const { min, max } = LIMITS.callInWorkingDays;
    if (!Number.isInteger(input.workingDays) || input.workingDays < min || input.workingDays > max)
      refuse(
        'council-rules.call-in-period-invalid',
        `The call-in period is a whole number of working days from ${min} to ${max}`,
        'workingDays',
      );
    const reason = requireText(LIMITS.reason, input.reason, 'reason');
    const effectiveOn = this.changeOn('call-in period', this.callInPeriods, input.effectiveOn, by);
    const previousWorkingDays = this.callInWorkingDaysOn(effectiveOn);
    if (previousWorkingDays === input.workingDays)
      refuse(
        'council-rules.call-in-period-unchanged',
        `The call-in period is already ${input.workingDays} working days`,
        'workingDays',
      );
    this.apply({
      type: 'CallInPeriodSet',
      data: { previousWorkingDays, workingDays: input.workingDays, reason, effectiveOn },
    });
  }

  setKeyDecisionThreshold(
    input: { pence: number; reason: string; effectiveOn?: string | null },
    by: Acting,
  ): void {
    assertMay(by.actor, 'keep-the-register');
    const pence = requirePence(
      input.pence,
      LIMITS.maxPence,
      'council-rules.threshold-invalid',
      'The key decision threshold',
      'pence',
    );
    const reason = requireText(LIMITS.reason, input.reason, 'reason');
    const effectiveOn = this.changeOn('key decision threshold', this.thresholds, input.effectiveOn, by);
    const previousPence = this.keyDecisionThresholdOn(effectiveOn);
    if (previousPence === pence)
      refuse('council-rules.threshold-unchanged', 'The key decision threshold is already that', 'pence');
    this.apply({ type: 'KeyDecisionThresholdSet', data: { previousPence, pence, reason, effectiveOn } });
  }

  private changeOn(
    fact: OrderedFact,
    history: readonly InForce<number>[],
    value: unknown,
    by: Acting,
  ): IsoDate {
    const effectiveOn = effectiveDay(value, by.today);
    const last = history.at(-1);
    if (last)
      refuseIfBefore(
        effectiveOn,
        last.from,
        'council-rules.before-last-change',
        (since, on) => `The ${fact} last changed on ${since}: a change to it cannot take effect on ${on}`,
      );
    return effectiveOn;
  }

  protected onCouncilClosureDayAdded({ data }: CouncilClosureDayAdded): void {
    this.closures.set(data.day, data.name);
  }

  protected onCouncilClosureDayWithdrawn({ data }: CouncilClosureDayWithdrawn): void {
    this.closures.delete(data.day);
  }

  protected onBankHolidaysRecorded({ data }: BankHolidaysRecorded): void {
    this.recordedYears.set(data.year, data.days);
  }

  protected onCallInPeriodSet({ data }: CallInPeriodSet): void {
    this.callInPeriods.push({ value: data.workingDays, from: data.effectiveOn });
  }

  protected onKeyDecisionThresholdSet({ data }: KeyDecisionThresholdSet): void {
    this.thresholds.push({ value: data.pence, from: data.effectiveOn });
  }
}

function inForceOn(history: readonly InForce<number>[], day: IsoDate): number | null {
  let value: number | null = null;
  for (const entry of history) if (entry.from <= day) value = entry.value;
  return value;
}

function isWeekend(day: IsoDate): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}
