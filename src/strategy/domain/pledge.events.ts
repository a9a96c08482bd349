import type { IsoDate } from '../../common/domain/dates.js';
import type { DomainEvent } from '../../common/domain/event-sourced-aggregate.js';
import type { PledgeOutcome } from './values.js';

export interface PledgeDetails {
  title: string;
  description: string;
  principles: string[];
  lead: string;
}

export type PledgeMade = DomainEvent<
  'PledgeMade',
  {
    pledgeId: string;
    strategyId: string;
    themeId: string;
    reference: string;
    effectiveOn: IsoDate;
  } & PledgeDetails
>;
export type PledgeAmended = DomainEvent<
  'PledgeAmended',
  { pledgeId: string; changes: Partial<PledgeDetails>; effectiveOn: IsoDate }
>;
export type PledgeConcluded = DomainEvent<
  'PledgeConcluded',
  { pledgeId: string; outcome: PledgeOutcome; reason: string; effectiveOn: IsoDate }
>;
export type PledgeWithdrawn = DomainEvent<
  'PledgeWithdrawn',
  { pledgeId: string; reason: string; effectiveOn: IsoDate }
>;
export type PledgeReinstated = DomainEvent<
  'PledgeReinstated',
  { pledgeId: string; reason: string; effectiveOn: IsoDate }
>;

export type PledgeEvent = PledgeMade | PledgeAmended | PledgeConcluded | PledgeWithdrawn | PledgeReinstated;
