import type { Upcasters } from '../../../libs/event-store/index.js';
import { dateInCouncil, type IsoDate } from '../../common/domain/dates.js';

/** Events that named the day they took effect from the start, each in a field of its own. */
const DATED_FROM_THE_START: Record<string, string> = {
  StrategyAdopted: 'adoptedOn',
  ActionProgressLogged: 'effectiveOn',
  MilestoneAchieved: 'achievedOn',
  ActionCompleted: 'completedOn',
  ActionCancelled: 'cancelledOn',
  ActionDeferred: 'deferredOn',
  ActionReopened: 'reopenedOn',
};

/**
 * Events whose data gained `effectiveOn` in schema version 2. Stored version-1 events are lifted
 * with the day of their stored effective_at (the moment they were recorded, then), so every
 * event, old or new, answers the same question the same way.
 */
export const EFFECTIVE_ON_SINCE_VERSION_2 = [
  'StrategyDrafted',
  'ThemeAdded',
  'ThemesReordered',
  'StrategyPutUnderReview',
  'StrategyClosed',
  'PledgeMade',
  'PledgeAmended',
  'PledgeConcluded',
  'PledgeWithdrawn',
  'PledgeReinstated',
  'ActionPlanned',
  'DueDateRevised',
  'MilestoneAdded',
  'ActionLeadReassigned',
] as const;

/** The day a strategy, pledge or action event took effect, read from its data. */
export function effectiveOnOf(event: { type: string; data: unknown }): IsoDate {
  return (event.data as Record<string, IsoDate>)[DATED_FROM_THE_START[event.type] ?? 'effectiveOn'];
}

/** Version 2 names the day the change took effect; a version-1 event took effect when recorded. */
export function liftToEffectiveOn(steps: Upcasters): void {
  for (const type of EFFECTIVE_ON_SINCE_VERSION_2)
    steps.register(type, 1, (data, event) => ({
      ...(data as object),
      effectiveOn: dateInCouncil(event.effectiveAt),
    }));
}
