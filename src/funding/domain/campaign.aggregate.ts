import { addDays } from './days.js';
import type { IsoDate } from '../../common/domain/dates.js';
import { DomainError, notFound, refuse } from '../../common/domain/domain-error.js';
import { EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import type {
  CampaignEvent,
  CrowdfundingCampaignRegistered,
  CrowdfundingTotalRecorded,
} from './campaign.events.js';
import { effectiveDay, refuseIfBefore, requireText, type Decision } from './checks.js';
import type { CampaignOutcome } from './fund.aggregate.js';
import type { MatchSetAside } from './fund.events.js';
import { LIMITS } from './limits.js';
import { campaignResult } from './match.js';
import { pence, requireAmount, type Money } from './money.js';
import { assertMayChangeFund } from './policy.js';

export type CampaignStatus = 'open' | 'succeeded' | 'failed' | 'withdrawn';

/**
 * A crowdfunding campaign registered with a match fund. Its stream starts from the fund's
 * MatchSetAside, so it holds the terms and the rule it is matched under, and it decides its own
 * outcome from them alone: the crowd's total raised by the deadline (a total as at a later day
 * does not count), plus the match on it, against the target.
 *
 * Who changes it is the match fund's business: its lead officer or an admin, passed in as `fund`.
 */
export class CrowdfundingCampaign extends EventSourcedAggregate<CampaignEvent> {
  readonly streamType = 'crowdfunding-campaign';
  terms: CrowdfundingCampaignRegistered['data'] | null = null;
  status: CampaignStatus = 'open';
  closedOn: IsoDate | null = null;
  /** Every total recorded, in the order recorded. */
  totals: { on: IsoDate; pence: number }[] = [];
  private result: CampaignOutcome | null = null;

  effectiveOnOf(event: CampaignEvent): IsoDate {
    return event.data.effectiveOn;
  }

  register(setAside: MatchSetAside['data']): void {
    if (this.exists)
      throw new DomainError('campaign.exists', 'This campaign is already registered', 'conflict');
    this.apply({
      type: 'CrowdfundingCampaignRegistered',
      data: {
        campaignId: this.id,
        matchFundId: setAside.fundId,
        ...setAside.campaign,
        rule: setAside.rule,
        setAside: setAside.amount,
        effectiveOn: setAside.effectiveOn,
      },
    });
  }

  recordTotal(
    input: { totalRaised: Money; effectiveOn?: string },
    decision: Decision,
    fund: { readonly leadOfficerId: string },
  ): void {
    const terms = this.refuseUnlessOpen(decision, fund);
    const on = effectiveDay(input.effectiveOn, decision.today);
    refuseIfBefore(
      on,
      terms.effectiveOn,
      'campaign.total-before-registered',
      (registered, day) =>
        `The campaign was registered on ${registered}: record its total from then, not ${day}`,
    );
    this.apply({
      type: 'CrowdfundingTotalRecorded',
      data: {
        campaignId: this.id,
        totalRaised: requireAmount(input.totalRaised, 'totalRaised', true),
        effectiveOn: on,
      },
    });
  }

  /** After its deadline: it succeeded if the crowd and the match together reached the target by then. */
  close(input: { effectiveOn?: string }, decision: Decision, fund: { readonly leadOfficerId: string }): void {
    const terms = this.refuseUnlessOpen(decision, fund);
    const dayAfterDeadline = addDays(terms.deadline, 1);
    if (decision.today < dayAfterDeadline)
      refuse(
        'campaign.deadline-not-passed',
        `The campaign runs until ${terms.deadline}: close it after then`,
      );
    const on = effectiveDay(input.effectiveOn, decision.today);
    refuseIfBefore(
      on,
      dayAfterDeadline,
      'campaign.closed-before-deadline',
      (after, day) => `The campaign ran until the day before ${after}: it cannot have closed on ${day}`,
    );
    const result = campaignResult(
      terms.rule,
      terms.target.pence,
      terms.setAside.pence,
      this.raisedByDeadline(),
    );
    const base = {
      campaignId: this.id,
      raisedByDeadline: pence(result.raisedByDeadline),
      match: pence(result.match),
      effectiveOn: on,
    };
    if (result.reachedTarget) this.apply({ type: 'CrowdfundingCampaignSucceeded', data: base });
    else
      this.apply({ type: 'CrowdfundingCampaignFailed', data: { ...base, shortBy: pence(result.shortBy) } });
  }

  withdraw(
    input: { reason: string; effectiveOn?: string },
    decision: Decision,
    fund: { readonly leadOfficerId: string },
  ): void {
    const terms = this.refuseUnlessOpen(decision, fund);
    const on = effectiveDay(input.effectiveOn, decision.today);
    refuseIfBefore(
      on,
      terms.effectiveOn,
      'campaign.withdrawn-before-registered',
      (registered, day) =>
        `The campaign was registered on ${registered}: it cannot have been withdrawn on ${day}`,
    );
    this.apply({
      type: 'CrowdfundingCampaignWithdrawn',
      data: {
        campaignId: this.id,
        reason: requireText(LIMITS.reason, input.reason, 'reason'),
        raisedByDeadline: pence(this.raisedByDeadline()),
        effectiveOn: on,
      },
    });
  }

  /** The latest total as at the deadline or before (the later recorded, on one day); nothing after counts. */
  raisedByDeadline(): number {
    const deadline = this.terms?.deadline ?? '';
    let raised = 0;
    let latest = '';
    for (const total of this.totals)
      if (total.on <= deadline && total.on >= latest) [raised, latest] = [total.pence, total.on];
    return raised;
  }

  /** What the match fund settles: only once the campaign has closed. */
  get outcome(): CampaignOutcome {
    if (!this.result) refuse('campaign.still-open', 'The campaign has not closed yet');
    return this.result;
  }

  private refuseUnlessOpen(
    decision: Decision,
    fund: { readonly leadOfficerId: string },
  ): CrowdfundingCampaignRegistered['data'] {
    if (!this.terms) notFound('crowdfunding-campaign', this.id);
    assertMayChangeFund(decision.actor, fund);
    if (this.status !== 'open')
      refuse(
        'campaign.closed',
        `This campaign has ${this.status === 'withdrawn' ? 'been withdrawn' : this.status}`,
      );
    return this.terms;
  }

  private settle(
    outcome: CampaignOutcome['outcome'],
    data: { raisedByDeadline: Money; effectiveOn: IsoDate; match?: Money },
  ): void {
    this.status = outcome;
    this.closedOn = data.effectiveOn;
    this.result = {
      campaignId: this.id,
      outcome,
      raisedByDeadline: data.raisedByDeadline,
      match: data.match ?? pence(0),
      closedOn: data.effectiveOn,
    };
  }

  protected onCrowdfundingCampaignRegistered({ data }: CrowdfundingCampaignRegistered): void {
    this.terms = data;
  }

  protected onCrowdfundingTotalRecorded({ data }: CrowdfundingTotalRecorded): void {
    this.totals.push({ on: data.effectiveOn, pence: data.totalRaised.pence });
  }

  protected onCrowdfundingCampaignSucceeded({
    data,
  }: Extract<CampaignEvent, { type: 'CrowdfundingCampaignSucceeded' }>): void {
    this.settle('succeeded', data);
  }

  protected onCrowdfundingCampaignFailed({
    data,
  }: Extract<CampaignEvent, { type: 'CrowdfundingCampaignFailed' }>): void {
    this.settle('failed', data);
  }

  protected onCrowdfundingCampaignWithdrawn({
    data,
  }: Extract<CampaignEvent, { type: 'CrowdfundingCampaignWithdrawn' }>): void {
    this.settle('withdrawn', data);
  }
}
