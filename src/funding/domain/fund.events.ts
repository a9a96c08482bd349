import type { IsoDate } from '../../common/domain/dates.js';
import type { DomainEvent } from '../../common/domain/event-sourced-aggregate.js';
import type { FinancialYear, FinancialYearRange } from './financial-year.js';
import type { Money } from './money.js';
import type {
  AwardPolicy,
  CampaignTerms,
  FundArea,
  FundKind,
  GrantProgramme,
  MatchRule,
  PlannedDates,
  Project,
  RegrantType,
  Ringfence,
} from './values.js';

/** Every event names the fund and the day it took effect (`effectiveOn`, never in the future). */
type FundEventOf<Type extends string, Data> = DomainEvent<
  Type,
  { fundId: string } & Data & { effectiveOn: IsoDate }
>;

export type FundProposed = FundEventOf<
  'FundProposed',
  {
    name: string;
    purpose: string;
    kind: FundKind;
    accountableBodyId: string;
    partnerIds: string[];
    area: FundArea;
    period: FinancialYearRange;
    leadOfficerId: string;
    awardPolicy: AwardPolicy;
    ringfence: Ringfence | null;
    matchRule: MatchRule | null;
  }
>;
export type FundOpened = FundEventOf<'FundOpened', { decisionReference: string }>;
export type FundClosed = FundEventOf<'FundClosed', { reason: string }>;
export type FundRenamed = FundEventOf<'FundRenamed', { previousName: string; name: string; purpose: string }>;
export type FundLeadOfficerChanged = FundEventOf<
  'FundLeadOfficerChanged',
  { previousLeadOfficerId: string; leadOfficerId: string; reason: string }
>;
export type FundPartnersChanged = FundEventOf<
  'FundPartnersChanged',
  { partnerIds: string[]; added: string[]; removed: string[] }
>;
export type FundAreaChanged = FundEventOf<'FundAreaChanged', { area: FundArea; reason: string }>;
export type FundPeriodChanged = FundEventOf<
  'FundPeriodChanged',
  { period: FinancialYearRange; reason: string }
>;
export type FundAwardPolicyChanged = FundEventOf<'FundAwardPolicyChanged', { awardPolicy: AwardPolicy }>;
export type FundRingfenceChanged = FundEventOf<
  'FundRingfenceChanged',
  { ringfence: Ringfence | null; decisionReference: string }
>;
export type FundMatchRuleChanged = FundEventOf<'FundMatchRuleChanged', { matchRule: MatchRule }>;

/** A contributor's promise of money for one financial year. */
export type ContributionCommitted = FundEventOf<
  'ContributionCommitted',
  {
    commitmentId: string;
    contributorId: string;
    financialYear: FinancialYear;
    amount: Money;
    note: string | null;
  }
>;
/**
 * Money paid in: against a commitment (and within what is still outstanding on it), or unplanned,
 * with a reason. An unplanned receipt never reduces what a commitment still has outstanding.
 */
export type ContributionReceived = FundEventOf<
  'ContributionReceived',
  {
    receiptId: string;
    contributorId: string;
    commitmentId: string | null;
    unplanned: boolean;
    reason: string | null;
    amount: Money;
  }
>;
/** An award to an organisation for a project; `campaignId` when it is a crowdfunding match. */
export type AwardMade = FundEventOf<
  'AwardMade',
  {
    awardId: string;
    recipientId: string;
    project: Project;
    /** Empty: the award is for the fund's whole area, not particular wards. */
    wardCodes: string[];
    plannedDates: PlannedDates | null;
    grantProgramme: GrantProgramme | null;
    purpose: string | null;
    actionIds: string[];
    regrantType: RegrantType | null;
    campaignId: string | null;
    decisionReference: string | null;
    amount: Money;
  }
>;
/** An instalment planned against an award: `dueOn` may lie ahead, the day it was planned may not. */
export type PaymentPlanned = FundEventOf<
  'PaymentPlanned',
  { instalmentId: string; awardId: string; dueOn: IsoDate; amount: Money }
>;
/**
 * A payment made against an award. It carries the award's recipient and wards, so that every
 * balance is a fold of events alone.
 */
export type PaymentMade = FundEventOf<
  'PaymentMade',
  {
    paymentId: string;
    awardId: string;
    instalmentId: string | null;
    recipientId: string;
    wardCodes: string[];
    amount: Money;
  }
>;
export type UnspentMoneyReturned = FundEventOf<
  'UnspentMoneyReturned',
  {
    returnId: string;
    awardId: string;
    recipientId: string;
    wardCodes: string[];
    reason: string;
    amount: Money;
  }
>;
export type FundsTransferredOut = FundEventOf<
  'FundsTransferredOut',
  { transferId: string; toFundId: string; decisionReference: string; amount: Money }
>;
export type FundsTransferredIn = FundEventOf<
  'FundsTransferredIn',
  { transferId: string; fromFundId: string; decisionReference: string; amount: Money }
>;
/**
 * A match fund registers a crowdfunding campaign and holds the most it could match: the
 * campaign's stream is created from this event, with the same terms and rule.
 */
export type MatchSetAside = FundEventOf<
  'MatchSetAside',
  { campaignId: string; campaign: CampaignTerms; rule: MatchRule; amount: Money }
>;
export type MatchReleased = FundEventOf<
  'MatchReleased',
  {
    campaignId: string;
    reason: 'campaign-failed' | 'campaign-withdrawn' | 'remainder-after-award';
    amount: Money;
  }
>;
/** A movement recorded in error is never edited: it is reversed, with a reason, and recorded again if need be. */
export type MovementReversed = FundEventOf<
  'MovementReversed',
  { reversalId: string; movementId: string; reversed: ReversibleMovement; reason: string }
>;

export type ReversibleMovement =
  | ContributionCommitted
  | ContributionReceived
  | AwardMade
  | PaymentPlanned
  | PaymentMade
  | UnspentMoneyReturned;

export type FundDetailsEvent =
  | FundProposed
  | FundOpened
  | FundClosed
  | FundRenamed
  | FundLeadOfficerChanged
  | FundPartnersChanged
  | FundAreaChanged
  | FundPeriodChanged
  | FundAwardPolicyChanged
  | FundRingfenceChanged
  | FundMatchRuleChanged;

export type FundMovementEvent =
  | ReversibleMovement
  | FundsTransferredOut
  | FundsTransferredIn
  | MatchSetAside
  | MatchReleased
  | MovementReversed;

export type FundEvent = FundDetailsEvent | FundMovementEvent;

/** The id a movement is known by, for reversals and for links from balances. */
export function movementIdOf(event: FundMovementEvent): string {
  switch (event.type) {
    case 'ContributionCommitted':
      return event.data.commitmentId;
    case 'ContributionReceived':
      return event.data.receiptId;
    case 'AwardMade':
      return event.data.awardId;
    case 'PaymentPlanned':
      return event.data.instalmentId;
    case 'PaymentMade':
      return event.data.paymentId;
    case 'UnspentMoneyReturned':
      return event.data.returnId;
    case 'FundsTransferredOut':
    case 'FundsTransferredIn':
      return event.data.transferId;
    case 'MatchSetAside':
      return `${event.data.campaignId}/set-aside`;
    case 'MatchReleased':
      return `${event.data.campaignId}/released`;
    case 'MovementReversed':
      return event.data.reversalId;
  }
}

export const MOVEMENT_TYPES: ReadonlySet<string> = new Set<FundMovementEvent['type']>([
  'ContributionCommitted',
  'ContributionReceived',
  'AwardMade',
  'PaymentPlanned',
  'PaymentMade',
  'UnspentMoneyReturned',
  'FundsTransferredOut',
  'FundsTransferredIn',
  'MatchSetAside',
  'MatchReleased',
  'MovementReversed',
]);

export function isMovement(event: FundEvent): event is FundMovementEvent {
  return MOVEMENT_TYPES.has(event.type);
}
