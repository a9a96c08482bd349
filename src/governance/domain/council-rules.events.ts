import type { IsoDate } from '../../common/domain/dates.js';
import type { DomainEvent } from '../../common/domain/event-sourced-aggregate.js';
import type { NamedDay } from './working-days.js';

/** Every event names the day it took effect, `effectiveOn`: today or earlier, never later. */
export type CouncilClosureDayAdded = DomainEvent<
  'CouncilClosureDayAdded',
  { day: IsoDate; name: string; reason: string | null; effectiveOn: IsoDate }
>;
export type CouncilClosureDayWithdrawn = DomainEvent<
  'CouncilClosureDayWithdrawn',
  { day: IsoDate; name: string; reason: string; effectiveOn: IsoDate }
>;
/** A year's bank holidays, recorded by an admin before the shipped list has them. */
export type BankHolidaysRecorded = DomainEvent<
  'BankHolidaysRecorded',
  { year: number; days: NamedDay[]; source: string; effectiveOn: IsoDate }
>;
/** The call-in period for decisions published on or after `effectiveOn`. */
export type CallInPeriodSet = DomainEvent<
  'CallInPeriodSet',
  { previousWorkingDays: number; workingDays: number; reason: string; effectiveOn: IsoDate }
>;
/** The spending or saving, in pence, at or above which a decision is key, for decisions taken from `effectiveOn`. */
export type KeyDecisionThresholdSet = DomainEvent<
  'KeyDecisionThresholdSet',
  { previousPence: number | null; pence: number; reason: string; effectiveOn: IsoDate }
>;

export type CouncilRulesEvent =
  | CouncilClosureDayAdded
  | CouncilClosureDayWithdrawn
  | BankHolidaysRecorded
  | CallInPeriodSet
  | KeyDecisionThresholdSet;
