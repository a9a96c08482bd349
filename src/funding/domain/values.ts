import type { IsoDate } from '../../common/domain/dates.js';
import type { FinancialYearRange } from './financial-year.js';
import type { Money } from './money.js';

export const FUND_KINDS = [
  'pooled-fund',
  'ringfenced-budget',
  'grant-received',
  'crowdfunding-match-fund',
  'commissioning-budget',
] as const;
export type FundKind = (typeof FUND_KINDS)[number];

/** Closed is final: a closed fund takes no award, commitment, set-aside or transfer in. */
export const FUND_STATUSES = ['proposed', 'open', 'closed'] as const;
export type FundStatus = (typeof FUND_STATUSES)[number];

/**
 * What a fund may award against: the money it has received, or also what its contributors have
 * committed and not yet paid in.
 */
export const AWARD_POLICIES = ['received-only', 'received-and-committed'] as const;
export type AwardPolicy = (typeof AWARD_POLICIES)[number];

/** Named wards, by GSS code, or the whole of the council's area. */
export type FundArea =
  { readonly kind: 'whole-authority' } | { readonly kind: 'wards'; readonly wardCodes: string[] };

export interface GrantProgramme {
  readonly code: string;
  readonly title: string;
}

/**
 * What the money may be used for and when: an award must name one of the purposes (if any are
 * listed), come under one of the grant programmes (if any are listed), and be made within the period.
 */
export interface Ringfence {
  readonly purposes: string[];
  readonly programmes: string[];
  readonly period: FinancialYearRange | null;
}

/**
 * How a match fund matches a crowdfunding campaign: `pencePerPound` of every pound the crowd
 * raises by the deadline (100 is pound for pound), up to `capPerProject` for a project across all
 * its campaigns, and up to `maxShareOfTargetPercent` of the campaign's target when one is set. The
 * match counts towards the target and is paid only if the campaign reaches it by its deadline.
 */
export interface MatchRule {
  readonly pencePerPound: number;
  readonly capPerProject: Money;
  readonly maxShareOfTargetPercent: number | null;
  /** The programme and purpose its awards are made under (checked against the ringfence). */
  readonly grantProgramme: GrantProgramme;
  readonly purpose: string;
}

/** 360Giving's Regrant Type codes: only for an award meant for onward grants (see DESIGN.md). */
export const REGRANT_TYPES = ['FRG010', 'FRG020', 'FRG030', 'FRG040', 'FRG050', 'FRG060', 'FRG070'] as const;
export type RegrantType = (typeof REGRANT_TYPES)[number];

export interface Project {
  readonly title: string;
  readonly description: string;
}

export interface PlannedDates {
  readonly startOn: IsoDate;
  readonly endOn: IsoDate;
}

export interface Platform {
  readonly name: string;
  readonly url: string;
}

/** A crowdfunding campaign as the match fund registers it. */
export interface CampaignTerms {
  readonly platform: Platform;
  /** The council's reference for the project: a project's campaigns share one cap. */
  readonly projectReference: string;
  readonly project: Project;
  readonly recipientId: string;
  readonly wardCode: string;
  readonly target: Money;
  /** The last day pledges count. */
  readonly deadline: IsoDate;
}
