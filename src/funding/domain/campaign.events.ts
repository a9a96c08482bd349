import type { IsoDate } from '../../common/domain/dates.js';
import type { DomainEvent } from '../../common/domain/event-sourced-aggregate.js';
import type { Money } from './money.js';
import type { CampaignTerms, MatchRule } from './values.js';

type CampaignEventOf<Type extends string, Data> = DomainEvent<
  Type,
  { campaignId: string } & Data & { effectiveOn: IsoDate }
>;

/** Made from the match fund's MatchSetAside: the same terms, the rule and what was set aside. */
export type CrowdfundingCampaignRegistered = CampaignEventOf<
  'CrowdfundingCampaignRegistered',
  CampaignTerms & { matchFundId: string; rule: MatchRule; setAside: Money }
>;
/** The crowd's total raised as the platform showed it on a day (`effectiveOn`): no backers' details. */
export type CrowdfundingTotalRecorded = CampaignEventOf<'CrowdfundingTotalRecorded', { totalRaised: Money }>;
export type CrowdfundingCampaignSucceeded = CampaignEventOf<
  'CrowdfundingCampaignSucceeded',
  { raisedByDeadline: Money; match: Money }
>;
export type CrowdfundingCampaignFailed = CampaignEventOf<
  'CrowdfundingCampaignFailed',
  { raisedByDeadline: Money; match: Money; shortBy: Money }
>;
export type CrowdfundingCampaignWithdrawn = CampaignEventOf<
  'CrowdfundingCampaignWithdrawn',
  { reason: string; raisedByDeadline: Money }
>;

export type CampaignEvent =
  | CrowdfundingCampaignRegistered
  | CrowdfundingTotalRecorded
  | CrowdfundingCampaignSucceeded
  | CrowdfundingCampaignFailed
  | CrowdfundingCampaignWithdrawn;
