import type { IsoDate } from '../../common/domain/dates.js';
import type { CampaignEvent } from '../domain/campaign.events.js';
import { yearsFrom, type FinancialYear, type FinancialYearRange } from '../domain/financial-year.js';
import { MOVEMENT_TYPES, type FundEvent, type FundMovementEvent } from '../domain/fund.events.js';
import {
  addLine,
  availableOf,
  emptyTotals,
  ledgerLines,
  type LedgerLine,
  type Totals,
} from '../domain/ledger.js';
import { addPence } from '../domain/money.js';
import type { AwardPolicy, FundArea, FundKind, FundStatus, MatchRule, Ringfence } from '../domain/values.js';

/**
 * How each funding read model changes with each event: pure (row + event -> row), so a projection,
 * an entity's history field by field, and its state "as known at" or "as effective at" a moment are
 * all built from the same functions. A fold never changes the row it is given, and a row survives
 * being stored as JSON between two batches. Every amount is in pence.
 */
type Event<E> = E extends { type: infer T; data: infer D } ? { readonly type: T; readonly data: D } : never;

// ---- a fund's terms -------------------------------------------------------------------------

export interface FundRow {
  id: string;
  name: string;
  purpose: string;
  kind: FundKind;
  accountable_body_id: string;
  partner_ids: string[];
  area: FundArea;
  period: FinancialYearRange;
  lead_officer_id: string;
  status: FundStatus;
  status_reason: string | null;
  award_policy: AwardPolicy;
  ringfence: Ringfence | null;
  match_rule: MatchRule | null;
  decision_reference: string | null;
  proposed_on: IsoDate;
  opened_on: IsoDate | null;
  closed_on: IsoDate | null;
}

export function foldFund(row: FundRow | undefined, event: Event<FundEvent>): FundRow | undefined {
  if (event.type === 'FundProposed') {
    const d = event.data;
    return {
      id: d.fundId,
      name: d.name,
      purpose: d.purpose,
      kind: d.kind,
      accountable_body_id: d.accountableBodyId,
      partner_ids: d.partnerIds,
      area: d.area,
      period: d.period,
      lead_officer_id: d.leadOfficerId,
      status: 'proposed',
      status_reason: null,
      award_policy: d.awardPolicy,
      ringfence: d.ringfence,
      match_rule: d.matchRule,
      decision_reference: null,
      proposed_on: d.effectiveOn,
      opened_on: null,
      closed_on: null,
    };
  }
  if (!row) return row;
  switch (event.type) {
    case 'FundOpened':
      return {
        ...row,
        status: 'open',
        decision_reference: event.data.decisionReference,
        opened_on: event.data.effectiveOn,
      };
    case 'FundClosed':
      return {
        ...row,
        status: 'closed',
        status_reason: event.data.reason,
        closed_on: event.data.effectiveOn,
      };
    case 'FundRenamed':
      return { ...row, name: event.data.name, purpose: event.data.purpose };
    case 'FundLeadOfficerChanged':
      return { ...row, lead_officer_id: event.data.leadOfficerId };
    case 'FundPartnersChanged':
      return { ...row, partner_ids: event.data.partnerIds };
    case 'FundAreaChanged':
      return { ...row, area: event.data.area };
    case 'FundPeriodChanged':
      return { ...row, period: event.data.period };
    case 'FundAwardPolicyChanged':
      return { ...row, award_policy: event.data.awardPolicy };
    case 'FundRingfenceChanged':
      return { ...row, ringfence: event.data.ringfence };
    case 'FundMatchRuleChanged':
      return { ...row, match_rule: event.data.matchRule };
    default:
      return row;
  }
}

// ---- a fund's balances ----------------------------------------------------------------------

export type Balances = Totals & { available: number };

/** A financial year's movements, and where the fund stood at its end (as effective on 31 March). */
export type YearBalances = Totals & { outstandingAtYearEnd: number; availableAtYearEnd: number };

export interface AwardBalances {
  awarded: number;
  paid: number;
  returned: number;
}

export interface ContributorBalances {
  committed: number;
  received: number;
  /** Committed for each year, received in each year. */
  years: Record<FinancialYear, { committed: number; received: number }>;
}

/** The key of the ward row for awards made for the fund's whole area rather than named wards. */
export const WHOLE_AREA = 'whole-area';

export interface FundBalancesRow {
  id: string;
  award_policy: AwardPolicy;
  totals: Balances;
  /** Every year of the fund's period, and any other year money moved in. */
  years: Record<FinancialYear, YearBalances>;
  /** Every ward of its area (those that got nothing too), any ward awarded since, and WHOLE_AREA. */
  wards: Record<string, AwardBalances>;
  recipients: Record<string, AwardBalances>;
  contributors: Record<string, ContributorBalances>;
}

const noAwards = (): AwardBalances => ({ awarded: 0, paid: 0, returned: 0 });
const noYear = (): YearBalances => ({ ...emptyTotals(), outstandingAtYearEnd: 0, availableAtYearEnd: 0 });

function withYears(years: Record<FinancialYear, YearBalances>, period: FinancialYearRange) {
  const next = { ...years };
  for (const year of yearsFrom(period.from, period.to)) next[year] ??= noYear();
  return next;
}

function withWards(wards: Record<string, AwardBalances>, area: FundArea) {
  const next = { ...wards };
  if (area.kind === 'wards') for (const code of area.wardCodes) next[code] ??= noAwards();
  return next;
}

export function foldFundBalances(
  row: FundBalancesRow | undefined,
  event: Event<FundEvent>,
): FundBalancesRow | undefined {
  if (event.type === 'FundProposed')
    return settle({
      id: event.data.fundId,
      award_policy: event.data.awardPolicy,
      totals: { ...emptyTotals(), available: 0 },
      years: withYears({}, event.data.period),
      wards: withWards({ [WHOLE_AREA]: noAwards() }, event.data.area),
      recipients: {},
      contributors: {},
    });
  if (!row) return row;
  if (event.type === 'FundAreaChanged') return { ...row, wards: withWards(row.wards, event.data.area) };
  if (event.type === 'FundPeriodChanged') return { ...row, years: withYears(row.years, event.data.period) };
  if (event.type === 'FundAwardPolicyChanged')
    return settle({ ...row, award_policy: event.data.awardPolicy });
  if (!MOVEMENT_TYPES.has(event.type)) return row;
  return settle(ledgerLines(event as FundMovementEvent).reduce(applyLine, row));
}

function applyLine(row: FundBalancesRow, line: LedgerLine): FundBalancesRow {
  const years = { ...row.years, [line.financialYear]: { ...(row.years[line.financialYear] ?? noYear()) } };
  years[line.financialYear] = { ...years[line.financialYear], ...addLine(years[line.financialYear], line) };
  const next: FundBalancesRow = { ...row, totals: { ...row.totals, ...addLine(row.totals, line) }, years };
  if (line.column === 'awarded' || line.column === 'paid' || line.column === 'returned') {
    const column = line.column;
    const wards = { ...row.wards };
    const shares = line.wardShares?.length ? line.wardShares : [{ wardCode: WHOLE_AREA, pence: line.pence }];
    for (const share of shares) {
      const ward = wards[share.wardCode] ?? noAwards();
      wards[share.wardCode] = { ...ward, [column]: addPence(ward[column], share.pence) };
    }
    const recipient = row.recipients[line.recipientId!] ?? noAwards();
    next.wards = wards;
    next.recipients = {
      ...row.recipients,
      [line.recipientId!]: { ...recipient, [column]: addPence(recipient[column], line.pence) },
    };
  }
  if ((line.column === 'committed' || line.column === 'received') && line.contributorId) {
    const column = line.column;
    const contributor = row.contributors[line.contributorId] ?? { committed: 0, received: 0, years: {} };
    const year = contributor.years[line.financialYear] ?? { committed: 0, received: 0 };
    next.contributors = {
      ...row.contributors,
      [line.contributorId]: {
        ...contributor,
        [column]: addPence(contributor[column], line.pence),
        years: {
          ...contributor.years,
          [line.financialYear]: { ...year, [column]: addPence(year[column], line.pence) },
        },
      },
    };
  }
  return next;
}

/** The figures that follow from the others: available now, and at the end of each year. */
function settle(row: FundBalancesRow): FundBalancesRow {
  const years: Record<FinancialYear, YearBalances> = {};
  let running = emptyTotals();
  for (const year of Object.keys(row.years).sort()) {
    const flows = row.years[year];
    running = Object.fromEntries(
      Object.entries(running).map(([column, pence]) => [column, pence + flows[column as keyof Totals]]),
    ) as Totals;
    years[year] = {
      ...flows,
      outstandingAtYearEnd: running.outstanding,
      availableAtYearEnd: availableOf(running, row.award_policy),
    };
  }
  return { ...row, years, totals: { ...row.totals, available: availableOf(row.totals, row.award_policy) } };
}

// ---- a campaign -----------------------------------------------------------------------------

export interface CampaignRow {
  id: string;
  match_fund_id: string;
  platform_name: string;
  platform_url: string;
  project_reference: string;
  project_title: string;
  recipient_id: string;
  ward_code: string;
  target: number;
  deadline: IsoDate;
  set_aside: number;
  registered_on: IsoDate;
  /** The latest total recorded, by its day (the later recorded, on one day). */
  total_raised: number;
  total_raised_on: IsoDate | null;
  status: 'open' | 'succeeded' | 'failed' | 'withdrawn';
  raised_by_deadline: number | null;
  match: number | null;
  closed_on: IsoDate | null;
}

export function foldCampaign(
  row: CampaignRow | undefined,
  event: Event<CampaignEvent>,
): CampaignRow | undefined {
  if (event.type === 'CrowdfundingCampaignRegistered') {
    const d = event.data;
    return {
      id: d.campaignId,
      match_fund_id: d.matchFundId,
      platform_name: d.platform.name,
      platform_url: d.platform.url,
      project_reference: d.projectReference,
      project_title: d.project.title,
      recipient_id: d.recipientId,
      ward_code: d.wardCode,
      target: d.target.pence,
      deadline: d.deadline,
      set_aside: d.setAside.pence,
      registered_on: d.effectiveOn,
      total_raised: 0,
      total_raised_on: null,
      status: 'open',
      raised_by_deadline: null,
      match: null,
      closed_on: null,
    };
  }
  if (!row) return row;
  switch (event.type) {
    case 'CrowdfundingTotalRecorded':
      if (row.total_raised_on !== null && event.data.effectiveOn < row.total_raised_on) return row;
      return { ...row, total_raised: event.data.totalRaised.pence, total_raised_on: event.data.effectiveOn };
    case 'CrowdfundingCampaignSucceeded':
    case 'CrowdfundingCampaignFailed':
      return {
        ...row,
        status: event.type === 'CrowdfundingCampaignSucceeded' ? 'succeeded' : 'failed',
        raised_by_deadline: event.data.raisedByDeadline.pence,
        match: event.data.match.pence,
        closed_on: event.data.effectiveOn,
      };
    case 'CrowdfundingCampaignWithdrawn':
      return {
        ...row,
        status: 'withdrawn',
        raised_by_deadline: event.data.raisedByDeadline.pence,
        match: 0,
        closed_on: event.data.effectiveOn,
      };
    default:
      return row;
  }
}
