import type { IsoDate } from '../../common/domain/dates.js';
import { DomainError, notFound, refuse } from '../../common/domain/domain-error.js';
import { EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import {
  effectiveDay,
  optionalText,
  plannedDay,
  refuseIfBefore,
  refuseRepeats,
  requireDate,
  requireId,
  requireList,
  requireOneOf,
  requireText,
  type Decision,
} from './checks.js';
import {
  describeYears,
  financialYearOf,
  parseFinancialYear,
  startYearOf,
  withinYears,
  type FinancialYearRange,
} from './financial-year.js';
import {
  isMovement,
  movementIdOf,
  type AwardMade,
  type ContributionCommitted,
  type FundEvent,
  type FundMovementEvent,
  type FundProposed,
  type FundsTransferredOut,
  type MatchSetAside,
  type PaymentPlanned,
  type ReversibleMovement,
} from './fund.events.js';
import { availabilityOf, firstShortfall, ledgerLines, type Constraint, type LedgerLine } from './ledger.js';
import { LIMITS } from './limits.js';
import { campaignResult, matchToSetAside, requireCampaignTerms, requireMatchRule } from './match.js';
import { formatMoney, pence, requireAmount, sumPence, type Money } from './money.js';
import { assertMayChangeFund, assertMayProposeFund } from './policy.js';
import { parseWardCode } from '../../partnerships/index.js';
import {
  AWARD_POLICIES,
  FUND_KINDS,
  REGRANT_TYPES,
  type AwardPolicy,
  type FundArea,
  type FundKind,
  type FundStatus,
  type GrantProgramme,
  type MatchRule,
  type Ringfence,
} from './values.js';

export interface ProposeFundInput {
  name: string;
  purpose: string;
  kind: FundKind;
  accountableBodyId: string;
  partnerIds: string[];
  area: FundArea;
  period: FinancialYearRange;
  leadOfficerId: string;
  awardPolicy: AwardPolicy;
  ringfence?: Ringfence | null;
  matchRule?: MatchRule | null;
  effectiveOn?: string;
}

export interface AwardInput {
  awardId: string;
  recipientId: string;
  project: { title: string; description: string };
  wardCodes: string[];
  plannedDates?: { startOn: string; endOn: string } | null;
  grantProgramme?: GrantProgramme | null;
  purpose?: string | null;
  actionIds?: string[];
  regrantType?: string | null;
  decisionReference?: string | null;
  amount: Money;
  effectiveOn?: string;
}

/** What a campaign's own stream says of its end, as the match fund settles it. */
export interface CampaignOutcome {
  readonly campaignId: string;
  readonly outcome: 'succeeded' | 'failed' | 'withdrawn';
  readonly raisedByDeadline: Money;
  readonly match: Money;
  readonly closedOn: IsoDate;
}

/** Facts of a fund that a later change replaces: each takes effect no earlier than the last. */
type Fact =
  'name' | 'lead' | 'partners' | 'area' | 'period' | 'policy' | 'ringfence' | 'match-rule' | 'status';

interface SetAside {
  readonly data: MatchSetAside['data'];
  settled: boolean;
}

/**
 * A fund and its ledger. Every movement of its money is an event of its stream, so every rule
 * about its money is decided by this one aggregate against the version it was loaded at: two
 * officers awarding the last £5,000 at once both decide against version n, both append at
 * expected version n, and the store lets exactly one through; the other gets 409 and, decided
 * again, would find nothing left.
 */
export class Fund extends EventSourcedAggregate<FundEvent> {
  readonly streamType = 'fund';
  name = '';
  purpose = '';
  kind: FundKind = 'pooled-fund';
  accountableBodyId = '';
  partnerIds: string[] = [];
  area: FundArea = { kind: 'whole-authority' };
  period: FinancialYearRange = { from: '', to: '' };
  leadOfficerId = '';
  status: FundStatus = 'proposed';
  awardPolicy: AwardPolicy = 'received-only';
  ringfence: Ringfence | null = null;
  matchRule: MatchRule | null = null;
  decisionReference: string | null = null;
  proposedOn: IsoDate = '';
  openedOn: IsoDate | null = null;
  closedOn: IsoDate | null = null;
  /** Every line of its ledger, in the order recorded. */
  lines: LedgerLine[] = [];
  /** Every movement by its id, and whether it has been reversed. */
  readonly movements = new Map<string, { event: FundMovementEvent; reversed: boolean }>();
  readonly awards = new Map<string, AwardMade['data']>();
  readonly instalments = new Map<string, PaymentPlanned['data'] & { paid: boolean }>();
  readonly setAsides = new Map<string, SetAside>();
  private readonly factChangedOn = new Map<Fact, IsoDate>();
  /** The latest day of anything a closed fund cannot take: awards, commitments, set-asides, transfers in. */
  private latestIntakeOn: IsoDate = '';

  effectiveOnOf(event: FundEvent): IsoDate {
    return event.data.effectiveOn;
  }

  // ---- the fund itself ---------------------------------------------------------------------

  propose(input: ProposeFundInput, { actor, today }: Decision): void {
    if (this.exists) throw new DomainError('fund.exists', 'This fund has already been proposed', 'conflict');
    const leadOfficerId = requireId(input.leadOfficerId, 'leadOfficerId', 'The lead officer');
    assertMayProposeFund(actor, leadOfficerId);
    const kind = requireOneOf(FUND_KINDS, input.kind, 'fund.kind-invalid', 'The kind of fund', 'kind');
    const accountableBodyId = requireId(input.accountableBodyId, 'accountableBodyId', 'The accountable body');
    const matchRule =
      kind === 'crowdfunding-match-fund' ? requireMatchRule(input.matchRule, 'matchRule') : null;
    if (kind !== 'crowdfunding-match-fund' && input.matchRule)
      refuse(
        'fund.match-rule-not-a-match-fund',
        'Only a crowdfunding match fund has a match rule',
        'matchRule',
      );
    this.apply({
      type: 'FundProposed',
      data: {
        fundId: this.id,
        name: requireText(LIMITS.fundName, input.name, 'name'),
        purpose: requireText(LIMITS.fundPurpose, input.purpose, 'purpose'),
        kind,
        accountableBodyId,
        partnerIds: requirePartners(input.partnerIds),
        area: requireArea(input.area, 'area'),
        period: requirePeriod(input.period, 'period'),
        leadOfficerId,
        awardPolicy: requireOneOf(
          AWARD_POLICIES,
          input.awardPolicy,
          'fund.policy-invalid',
          'The award policy',
          'awardPolicy',
        ),
        ringfence: input.ringfence ? requireRingfence(input.ringfence, 'ringfence') : null,
        matchRule,
        effectiveOn: effectiveDay(input.effectiveOn, today),
      },
    });
  }

  open(input: { decisionReference: string; effectiveOn?: string }, decision: Decision): void {
    const on = this.changeDay(decision, input.effectiveOn, 'status');
    if (this.status !== 'proposed')
      refuse('fund.not-proposed', `This fund is ${this.status}; only a proposed fund opens`);
    this.apply({
      type: 'FundOpened',
      data: {
        fundId: this.id,
        decisionReference: requireText(
          LIMITS.decisionReference,
          input.decisionReference,
          'decisionReference',
        ),
        effectiveOn: on,
      },
    });
  }

  close(input: { reason: string; effectiveOn?: string }, decision: Decision): void {
    const on = this.changeDay(decision, input.effectiveOn, 'status');
    const live = [...this.setAsides.values()].filter((setAside) => !setAside.settled);
    if (live.length > 0)
      refuse(
        'fund.has-live-set-asides',
        `${live.length} crowdfunding campaign${live.length === 1 ? ' has' : 's have'} money set aside; settle them before the fund closes`,
      );
    refuseIfBefore(
      on,
      this.latestIntakeOn,
      'fund.closed-before-last-intake',
      (last, day) =>
        `The fund took money or made an award on ${last}: it cannot have closed before then, on ${day}`,
    );
    this.apply({
      type: 'FundClosed',
      data: { fundId: this.id, reason: requireText(LIMITS.reason, input.reason, 'reason'), effectiveOn: on },
    });
  }

  rename(input: { name: string; purpose?: string; effectiveOn?: string }, decision: Decision): void {
    const on = this.changeDay(decision, input.effectiveOn, 'name');
    const name = requireText(LIMITS.fundName, input.name, 'name');
    const purpose =
      input.purpose === undefined ? this.purpose : requireText(LIMITS.fundPurpose, input.purpose, 'purpose');
    if (name === this.name && purpose === this.purpose)
      refuse('fund.unchanged', 'The fund already has this name and purpose', 'name');
    this.apply({
      type: 'FundRenamed',
      data: { fundId: this.id, previousName: this.name, name, purpose, effectiveOn: on },
    });
  }

  changeLeadOfficer(
    input: { leadOfficerId: string; reason: string; effectiveOn?: string },
    decision: Decision,
  ): void {
    const on = this.changeDay(decision, input.effectiveOn, 'lead');
    const leadOfficerId = requireId(input.leadOfficerId, 'leadOfficerId', 'The lead officer');
    if (leadOfficerId === this.leadOfficerId)
      refuse('fund.same-lead', 'This officer already leads the fund', 'leadOfficerId');
    this.apply({
      type: 'FundLeadOfficerChanged',
      data: {
        fundId: this.id,
        previousLeadOfficerId: this.leadOfficerId,
        leadOfficerId,
        reason: requireText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn: on,
      },
    });
  }

  changePartners(input: { partnerIds: string[]; effectiveOn?: string }, decision: Decision): void {
    const on = this.changeDay(decision, input.effectiveOn, 'partners');
    const partnerIds = requirePartners(input.partnerIds);
    const removed = this.partnerIds.filter((id) => !partnerIds.includes(id));
    const committed = removed.find((id) => this.liveCommitments().some((c) => c.contributorId === id));
    if (committed)
      refuse(
        'fund.partner-has-commitments',
        `Partner ${committed} has commitments to this fund: reverse them before it stops being a partner`,
        'partnerIds',
      );
    this.apply({
      type: 'FundPartnersChanged',
      data: {
        fundId: this.id,
        partnerIds,
        added: partnerIds.filter((id) => !this.partnerIds.includes(id)),
        removed,
        effectiveOn: on,
      },
    });
  }

  changeArea(input: { area: FundArea; reason: string; effectiveOn?: string }, decision: Decision): void {
    const on = this.changeDay(decision, input.effectiveOn, 'area');
    this.apply({
      type: 'FundAreaChanged',
      data: {
        fundId: this.id,
        area: requireArea(input.area, 'area'),
        reason: requireText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn: on,
      },
    });
  }

  changePeriod(
    input: { period: FinancialYearRange; reason: string; effectiveOn?: string },
    decision: Decision,
  ): void {
    const on = this.changeDay(decision, input.effectiveOn, 'period');
    const period = requirePeriod(input.period, 'period');
    const years = (year: string) =>
      startYearOf(year) >= startYearOf(period.from) && startYearOf(year) <= startYearOf(period.to);
    const commitment = this.liveCommitments().find((c) => !years(c.financialYear));
    if (commitment)
      refuse(
        'fund.period-excludes-movements',
        `The fund has money committed for ${commitment.financialYear}, outside ${describeYears(period)}`,
        'period',
      );
    const award = this.liveAwards().find((a) => !withinYears(a.effectiveOn, period));
    if (award)
      refuse(
        'fund.period-excludes-movements',
        `The fund made an award in ${financialYearOf(award.effectiveOn)}, outside ${describeYears(period)}`,
        'period',
      );
    this.apply({
      type: 'FundPeriodChanged',
      data: {
        fundId: this.id,
        period,
        reason: requireText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn: on,
      },
    });
  }

  /**
   * The policy is part of how a fund is set up: it may change while the fund is proposed, before
   * anything has been awarded against it, and is fixed once it opens, so every day's "available"
   * is read under one policy.
   */
  changeAwardPolicy(input: { awardPolicy: AwardPolicy; effectiveOn?: string }, decision: Decision): void {
    const on = this.changeDay(decision, input.effectiveOn, 'policy');
    if (this.status !== 'proposed')
      refuse(
        'fund.policy-fixed-once-open',
        'The award policy is fixed once the fund has opened',
        'awardPolicy',
      );
    const awardPolicy = requireOneOf(
      AWARD_POLICIES,
      input.awardPolicy,
      'fund.policy-invalid',
      'The award policy',
      'awardPolicy',
    );
    if (awardPolicy === this.awardPolicy)
      refuse('fund.unchanged', `The fund already awards against ${awardPolicy}`, 'awardPolicy');
    this.apply({ type: 'FundAwardPolicyChanged', data: { fundId: this.id, awardPolicy, effectiveOn: on } });
  }

  /** A new ringfence, or none, applies to awards from its day; awards already made stay as they were. */
  changeRingfence(
    input: { ringfence: Ringfence | null; decisionReference: string; effectiveOn?: string },
    decision: Decision,
  ): void {
    const on = this.changeDay(decision, input.effectiveOn, 'ringfence');
    this.apply({
      type: 'FundRingfenceChanged',
      data: {
        fundId: this.id,
        ringfence: input.ringfence ? requireRingfence(input.ringfence, 'ringfence') : null,
        decisionReference: requireText(
          LIMITS.decisionReference,
          input.decisionReference,
          'decisionReference',
        ),
        effectiveOn: on,
      },
    });
  }

  /** Campaigns already registered keep the rule they were registered under. */
  changeMatchRule(input: { matchRule: MatchRule; effectiveOn?: string }, decision: Decision): void {
    const on = this.changeDay(decision, input.effectiveOn, 'match-rule');
    if (this.kind !== 'crowdfunding-match-fund')
      refuse(
        'fund.match-rule-not-a-match-fund',
        'Only a crowdfunding match fund has a match rule',
        'matchRule',
      );
    this.apply({
      type: 'FundMatchRuleChanged',
      data: { fundId: this.id, matchRule: requireMatchRule(input.matchRule, 'matchRule'), effectiveOn: on },
    });
  }

  // ---- money in ------------------------------------------------------------------------------

  recordCommitment(
    input: {
      commitmentId: string;
      contributorId: string;
      financialYear: string;
      amount: Money;
      note?: string | null;
      effectiveOn?: string;
    },
    decision: Decision,
  ): void {
    const on = this.movementDay(decision, input.effectiveOn);
    if (this.status === 'closed') refuse('fund.closed', 'This fund is closed and takes no new commitments');
    const commitmentId = this.newMovementId(input.commitmentId, 'commitmentId');
    const contributorId = requireId(input.contributorId, 'contributorId', 'The contributor');
    if (contributorId !== this.accountableBodyId && !this.partnerIds.includes(contributorId))
      refuse(
        'commitment.not-a-contributor',
        'Commitments come from the fund’s accountable body or its contributing partners: add the organisation as a partner first',
        'contributorId',
      );
    const financialYear = parseFinancialYear(input.financialYear, 'financialYear');
    if (!withinYears(`${financialYear.slice(0, 4)}-04-01`, this.period))
      refuse(
        'commitment.outside-period',
        `The fund runs ${describeYears(this.period)}: a commitment for ${financialYear} is outside it`,
        'financialYear',
      );
    this.decide({
      type: 'ContributionCommitted',
      data: {
        fundId: this.id,
        commitmentId,
        contributorId,
        financialYear,
        amount: requireAmount(input.amount, 'amount'),
        note: optionalText(LIMITS.note, input.note, 'note'),
        effectiveOn: on,
      },
    });
  }

  recordReceipt(
    input: {
      receiptId: string;
      commitmentId?: string | null;
      contributorId?: string | null;
      unplanned?: boolean;
      reason?: string | null;
      amount: Money;
      effectiveOn?: string;
    },
    decision: Decision,
  ): void {
    const on = this.movementDay(decision, input.effectiveOn);
    const receiptId = this.newMovementId(input.receiptId, 'receiptId');
    const amount = requireAmount(input.amount, 'amount');
    const unplanned = input.unplanned === true;
    const reason = optionalText(LIMITS.reason, input.reason, 'reason');
    let commitment: ContributionCommitted['data'] | null = null;
    if (input.commitmentId) {
      commitment = this.liveCommitments().find((c) => c.commitmentId === input.commitmentId) ?? null;
      if (!commitment)
        refuse('receipt.commitment-unknown', 'This fund has no such commitment', 'commitmentId');
      refuseIfBefore(
        on,
        commitment.effectiveOn,
        'receipt.before-commitment',
        (committed, day) =>
          `The commitment was made on ${committed}: money cannot have been received against it on ${day}`,
      );
    } else if (!unplanned) {
      refuse(
        'receipt.commitment-required',
        'A receipt is against a commitment, or recorded as unplanned with a reason',
        'commitmentId',
      );
    }
    if (this.status === 'closed' && !commitment)
      refuse('fund.closed', 'This fund is closed: it takes money only against its commitments');
    if (unplanned && !reason)
      refuse('receipt.unplanned-reason-required', 'Say why this money came in unplanned', 'reason');
    const contributorId = commitment
      ? commitment.contributorId
      : requireId(input.contributorId, 'contributorId', 'Who paid the money in');
    if (commitment && input.contributorId && input.contributorId !== commitment.contributorId)
      refuse(
        'receipt.contributor-mismatch',
        'This commitment was made by another contributor',
        'contributorId',
      );
    this.decide(
      {
        type: 'ContributionReceived',
        data: {
          fundId: this.id,
          receiptId,
          contributorId,
          commitmentId: commitment?.commitmentId ?? null,
          unplanned,
          reason,
          amount,
          effectiveOn: on,
        },
      },
      (_constraint, headroom) =>
        refuse(
          'receipt.exceeds-commitment',
          `${formatMoney(pence(headroom))} is outstanding on this commitment from ${on}: record that against it and the rest as unplanned`,
          'amount',
        ),
    );
  }

  // ---- money out -----------------------------------------------------------------------------

  makeAward(input: AwardInput, decision: Decision): void {
    const on = this.movementDay(decision, input.effectiveOn);
    const awardId = this.newMovementId(input.awardId, 'awardId');
    const grantProgramme = input.grantProgramme
      ? requireProgramme(input.grantProgramme, 'grantProgramme')
      : null;
    const purpose = optionalText(LIMITS.purpose, input.purpose, 'purpose');
    const wardCodes = this.wardsInArea(input.wardCodes, 'wardCodes');
    this.refuseUnlessAwardable(on, grantProgramme, purpose);
    const plannedDates = input.plannedDates ? requirePlannedDates(input.plannedDates, on) : null;
    const actionIds = requireList<unknown>(LIMITS.awardActions, input.actionIds ?? [], 'actionIds').map(
      (id, index) => requireId(id, `actionIds[${index}]`, 'An action'),
    );
    refuseRepeats(actionIds, 'award.actions', 'actionIds', 'Action');
    const amount = requireAmount(input.amount, 'amount');
    this.decide(
      {
        type: 'AwardMade',
        data: {
          fundId: this.id,
          awardId,
          recipientId: requireId(input.recipientId, 'recipientId', 'The recipient organisation'),
          project: {
            title: requireText(LIMITS.projectTitle, input.project?.title, 'project.title'),
            description: requireText(
              LIMITS.projectDescription,
              input.project?.description,
              'project.description',
            ),
          },
          wardCodes,
          plannedDates,
          grantProgramme,
          purpose,
          actionIds,
          regrantType:
            input.regrantType === null || input.regrantType === undefined || input.regrantType === ''
              ? null
              : requireOneOf(
                  REGRANT_TYPES,
                  input.regrantType,
                  'award.regrant-type-invalid',
                  '360Giving’s regrant type',
                  'regrantType',
                ),
          campaignId: null,
          decisionReference: optionalText(
            LIMITS.decisionReference,
            input.decisionReference,
            'decisionReference',
          ),
          amount,
          effectiveOn: on,
        },
      },
      (_constraint, headroom) => this.refuseBeyondAvailable('award.exceeds-available', amount, headroom, on),
    );
  }

  planPayment(
    input: { instalmentId: string; awardId: string; dueOn: string; amount: Money; effectiveOn?: string },
    decision: Decision,
  ): void {
    const on = this.movementDay(decision, input.effectiveOn);
    const instalmentId = this.newMovementId(input.instalmentId, 'instalmentId');
    const award = this.liveAward(input.awardId, 'payment');
    const dueOn = plannedDay(input.dueOn, on, 'dueOn', 'The date the payment is due');
    refuseIfBefore(
      dueOn,
      award.effectiveOn,
      'payment.due-before-award',
      (awarded, day) =>
        `The award was made on ${awarded}: an instalment cannot fall due before then, on ${day}`,
      'dueOn',
    );
    const amount = requireAmount(input.amount, 'amount');
    const planned = sumPence(
      [...this.instalments.values()]
        .filter((plan) => plan.awardId === award.awardId && !this.movements.get(plan.instalmentId)?.reversed)
        .map((plan) => plan.amount.pence),
    );
    if (planned + amount.pence > award.amount.pence)
      refuse(
        'payment.plan-exceeds-award',
        `${formatMoney(pence(planned))} of this ${formatMoney(award.amount)} award is already planned in instalments`,
        'amount',
      );
    this.decide({
      type: 'PaymentPlanned',
      data: { fundId: this.id, instalmentId, awardId: award.awardId, dueOn, amount, effectiveOn: on },
    });
  }

  /** A payment is made on a day that has come: only its plan may lie ahead. */
  recordPayment(
    input: {
      paymentId: string;
      awardId: string;
      instalmentId?: string | null;
      amount: Money;
      effectiveOn?: string;
    },
    decision: Decision,
  ): void {
    const on = this.movementDay(decision, input.effectiveOn);
    const paymentId = this.newMovementId(input.paymentId, 'paymentId');
    const award = this.liveAward(input.awardId, 'payment');
    refuseIfBefore(
      on,
      award.effectiveOn,
      'payment.before-award',
      (awarded, day) => `The award was made on ${awarded}: it cannot have been paid on ${day}`,
    );
    let instalmentId: string | null = null;
    if (input.instalmentId) {
      const plan = this.instalments.get(input.instalmentId);
      if (!plan || plan.awardId !== award.awardId || this.movements.get(plan.instalmentId)?.reversed)
        refuse('payment.instalment-unknown', 'This award has no such instalment planned', 'instalmentId');
      if (plan.paid)
        refuse('payment.instalment-already-paid', 'This instalment has already been paid', 'instalmentId');
      instalmentId = plan.instalmentId;
    }
    const amount = requireAmount(input.amount, 'amount');
    this.decide(
      {
        type: 'PaymentMade',
        data: {
          fundId: this.id,
          paymentId,
          awardId: award.awardId,
          instalmentId,
          recipientId: award.recipientId,
          wardCodes: award.wardCodes,
          amount,
          effectiveOn: on,
        },
      },
      (_constraint, headroom) =>
        refuse(
          'payment.exceeds-award',
          `${formatMoney(pence(headroom))} of this ${formatMoney(award.amount)} award is left to pay from ${on}`,
          'amount',
        ),
    );
  }

  recordReturn(
    input: { returnId: string; awardId: string; amount: Money; reason: string; effectiveOn?: string },
    decision: Decision,
  ): void {
    const on = this.movementDay(decision, input.effectiveOn);
    const returnId = this.newMovementId(input.returnId, 'returnId');
    const award = this.liveAward(input.awardId, 'return');
    const amount = requireAmount(input.amount, 'amount');
    this.decide(
      {
        type: 'UnspentMoneyReturned',
        data: {
          fundId: this.id,
          returnId,
          awardId: award.awardId,
          recipientId: award.recipientId,
          wardCodes: award.wardCodes,
          reason: requireText(LIMITS.reason, input.reason, 'reason'),
          amount,
          effectiveOn: on,
        },
      },
      (_constraint, headroom) =>
        refuse(
          'return.exceeds-paid',
          `${formatMoney(pence(headroom))} of this award has been paid and kept from ${on}: no more can come back`,
          'amount',
        ),
    );
  }

  // ---- between funds -------------------------------------------------------------------------

  /**
   * Money leaves this fund for another, on a decision. This fund decides (it holds the money);
   * the destination records the same transfer in (`receiveTransfer`) in the same append when the
   * store can write two streams at once, or right after (see DESIGN.md).
   */
  transferOut(
    input: {
      transferId: string;
      destination: { readonly id: string; readonly exists: boolean; readonly status: FundStatus };
      decisionReference: string;
      amount: Money;
      effectiveOn?: string;
    },
    decision: Decision,
  ): void {
    const on = this.movementDay(decision, input.effectiveOn);
    const transferId = this.newMovementId(input.transferId, 'transferId');
    if (this.status === 'proposed') refuse('fund.not-open', 'A proposed fund has nothing to transfer yet');
    const { destination } = input;
    if (destination.id === this.id)
      refuse('transfer.same-fund', 'A fund cannot transfer money to itself', 'toFundId');
    if (!destination.exists) notFound('fund', destination.id);
    if (destination.status === 'closed')
      refuse('transfer.destination-closed', 'The fund the money would go to is closed', 'toFundId');
    const amount = requireAmount(input.amount, 'amount');
    this.decide(
      {
        type: 'FundsTransferredOut',
        data: {
          fundId: this.id,
          transferId,
          toFundId: destination.id,
          decisionReference: requireText(
            LIMITS.decisionReference,
            input.decisionReference,
            'decisionReference',
          ),
          amount,
          effectiveOn: on,
        },
      },
      (_constraint, headroom) =>
        this.refuseBeyondAvailable('transfer.exceeds-available', amount, headroom, on),
    );
  }

  /**
   * The other side of a transfer: money sent must land, so this takes it whatever its status
   * (a transfer is checked against the destination when it is sent), once.
   */
  receiveTransfer(transfer: FundsTransferredOut['data']): void {
    if (!this.exists) notFound('fund', this.id);
    if (transfer.toFundId !== this.id)
      refuse('transfer.not-to-this-fund', 'This transfer is to another fund');
    if (this.movements.has(transfer.transferId))
      throw new DomainError(
        'transfer.already-received',
        'This transfer has already been received',
        'conflict',
      );
    this.decide({
      type: 'FundsTransferredIn',
      data: {
        fundId: this.id,
        transferId: transfer.transferId,
        fromFundId: transfer.fundId,
        decisionReference: transfer.decisionReference,
        amount: transfer.amount,
        effectiveOn: transfer.effectiveOn,
      },
    });
  }

  // ---- crowdfunding match --------------------------------------------------------------------

  /**
   * The match fund registers a campaign and holds the most its rule could match. The amount is
   * computed from the rule, the campaign's target, and what the project's other campaigns already
   * hold or were awarded (the cap is per project).
   */
  setAsideMatch(
    input: { campaignId: string; campaign: unknown; effectiveOn?: string },
    decision: Decision,
  ): void {
    const on = this.movementDay(decision, input.effectiveOn);
    if (this.kind !== 'crowdfunding-match-fund' || !this.matchRule)
      refuse('fund.not-a-match-fund', 'Only a crowdfunding match fund matches campaigns');
    const campaignId = requireId(input.campaignId, 'campaignId', 'The campaign');
    if (this.setAsides.has(campaignId))
      throw new DomainError(
        'match.already-set-aside',
        'This campaign is already registered with the fund',
        'conflict',
      );
    this.newMovementId(`${campaignId}/set-aside`, 'campaignId');
    const campaign = requireCampaignTerms(input.campaign, 'campaign', decision.today);
    this.wardsInArea([campaign.wardCode], 'campaign.wardCode');
    this.refuseUnlessAwardable(on, this.matchRule.grantProgramme, this.matchRule.purpose);
    refuseIfBefore(
      campaign.deadline,
      on,
      'match.after-deadline',
      (registered, deadline) =>
        `A campaign registered on ${registered} cannot have closed before then, on ${deadline}`,
      'campaign.deadline',
    );
    const amount = matchToSetAside(
      this.matchRule,
      campaign.target.pence,
      this.matchedForProject(campaign.projectReference),
    );
    if (amount <= 0)
      refuse(
        'match.project-cap-reached',
        `Project ${campaign.projectReference} has had the most this fund matches a project (${formatMoney(this.matchRule.capPerProject)})`,
        'campaign.projectReference',
      );
    this.decide(
      {
        type: 'MatchSetAside',
        data: {
          fundId: this.id,
          campaignId,
          campaign,
          rule: this.matchRule,
          amount: pence(amount),
          effectiveOn: on,
        },
      },
      (_constraint, headroom) =>
        this.refuseBeyondAvailable('match.exceeds-available', pence(amount), headroom, on),
    );
  }

  /**
   * Once a campaign has closed: on success, the match is awarded to the recipient from what was
   * set aside and the rest released; on failure or withdrawal, all of it is released.
   */
  settleMatch(
    input: { awardId: string; campaign: CampaignOutcome; effectiveOn?: string },
    decision: Decision,
  ): void {
    const on = this.movementDay(decision, input.effectiveOn);
    const { campaign } = input;
    const setAside = this.setAsides.get(campaign.campaignId);
    if (!setAside) refuse('match.not-set-aside', 'This fund holds nothing for that campaign', 'campaignId');
    if (setAside.settled)
      throw new DomainError(
        'match.already-settled',
        'This campaign’s match has already been settled',
        'conflict',
      );
    refuseIfBefore(
      on,
      campaign.closedOn,
      'match.settled-before-campaign-closed',
      (closed, day) => `The campaign closed on ${closed}: its match cannot be settled before then, on ${day}`,
    );
    const { rule, campaign: terms, amount: held } = setAside.data;
    const base = { fundId: this.id, campaignId: campaign.campaignId, effectiveOn: on };
    if (campaign.outcome !== 'succeeded') {
      this.decide({
        type: 'MatchReleased',
        data: {
          ...base,
          reason: campaign.outcome === 'withdrawn' ? 'campaign-withdrawn' : 'campaign-failed',
          amount: held,
        },
      });
      return;
    }
    const result = campaignResult(rule, terms.target.pence, held.pence, campaign.raisedByDeadline.pence);
    if (!result.reachedTarget || result.match !== campaign.match.pence)
      refuse(
        'match.outcome-disagrees',
        'The campaign’s outcome does not follow from its terms: read it again',
      );
    const awardId = this.newMovementId(input.awardId, 'awardId');
    this.decide({
      type: 'AwardMade',
      data: {
        fundId: this.id,
        awardId,
        recipientId: terms.recipientId,
        project: terms.project,
        wardCodes: [terms.wardCode],
        plannedDates: null,
        grantProgramme: rule.grantProgramme,
        purpose: rule.purpose,
        actionIds: [],
        // 360Giving: FRG030 is not for a grant "awarded on the condition that match funding is raised".
        regrantType: null,
        campaignId: campaign.campaignId,
        decisionReference: this.decisionReference,
        amount: pence(result.match),
        effectiveOn: on,
      },
    });
    if (held.pence > result.match)
      this.decide({
        type: 'MatchReleased',
        data: { ...base, reason: 'remainder-after-award', amount: pence(held.pence - result.match) },
      });
  }

  // ---- corrections ---------------------------------------------------------------------------

  /**
   * Nothing recorded is edited: a movement in error is reversed with a reason, on a day no earlier
   * than its own, and only while every balance stays at zero or above on every day after.
   */
  reverse(
    input: { reversalId: string; movementId: string; reason: string; effectiveOn?: string },
    decision: Decision,
  ): void {
    const on = this.movementDay(decision, input.effectiveOn);
    const reversalId = this.newMovementId(input.reversalId, 'reversalId');
    const movement = this.movements.get(input.movementId);
    if (!movement || movement.event.type === 'MovementReversed')
      refuse('correction.movement-unknown', 'This fund has no such movement to reverse', 'movementId');
    if (movement.reversed)
      refuse('correction.already-reversed', 'This movement has already been reversed', 'movementId');
    const original = movement.event;
    if (original.type === 'FundsTransferredOut' || original.type === 'FundsTransferredIn')
      refuse(
        'correction.transfer-not-reversible',
        'A transfer between funds is put right by a transfer back, citing its decision',
        'movementId',
      );
    if (original.type === 'MatchSetAside' || original.type === 'MatchReleased')
      refuse(
        'correction.match-not-reversible',
        'Money held for a campaign is released by settling the campaign',
        'movementId',
      );
    if (original.type === 'AwardMade' && original.data.campaignId)
      refuse(
        'correction.match-award-not-reversible',
        'A match follows from its campaign: what the project does not spend comes back as a return',
        'movementId',
      );
    if (original.type === 'PaymentPlanned' && this.instalments.get(original.data.instalmentId)?.paid)
      refuse(
        'correction.instalment-paid',
        'This instalment has been paid: reverse the payment first',
        'movementId',
      );
    refuseIfBefore(
      on,
      original.data.effectiveOn,
      'correction.before-original',
      (recorded, day) =>
        `The movement took effect on ${recorded}: it cannot be reversed before then, on ${day}`,
    );
    this.decide(
      {
        type: 'MovementReversed',
        data: {
          fundId: this.id,
          reversalId,
          movementId: input.movementId,
          reversed: original as ReversibleMovement,
          reason: requireText(LIMITS.reason, input.reason, 'reason'),
          effectiveOn: on,
        },
      },
      (constraint) => {
        const [code, message]: [string, string] =
          constraint.kind === 'available'
            ? [
                'correction.would-overspend',
                'Without this movement the fund would have awarded money it did not have',
              ]
            : constraint.kind === 'award-unpaid'
              ? ['correction.award-has-payments', 'This award has payments: reverse them first']
              : constraint.kind === 'award-kept'
                ? [
                    'correction.payment-has-returns',
                    'Money has been returned against this payment’s award: reverse the return first',
                  ]
                : constraint.kind === 'commitment-outstanding'
                  ? [
                      'correction.commitment-has-receipts',
                      'Money has been received against this commitment: reverse the receipts first',
                    ]
                  : [
                      'correction.would-overspend',
                      'This would take more than was set aside for the campaign',
                    ];
        refuse(code, message, 'movementId');
      },
    );
  }

  // ---- what the fund knows -------------------------------------------------------------------

  /** The money available to award as effective on a day: every movement of that day or before. */
  availableOn(day: IsoDate): number {
    return sumPence(
      this.lines.filter((line) => line.on <= day).map((line) => availabilityOf(line, this.awardPolicy)),
    );
  }

  liveCommitments(): ContributionCommitted['data'][] {
    return [...this.movements.values()]
      .filter((m) => m.event.type === 'ContributionCommitted' && !m.reversed)
      .map((m) => m.event.data as ContributionCommitted['data']);
  }

  liveAwards(): AwardMade['data'][] {
    return [...this.awards.values()].filter((award) => !this.movements.get(award.awardId)?.reversed);
  }

  /** What a project's campaigns hold or were awarded as a match: its cap is shared. */
  matchedForProject(projectReference: string): number {
    const campaigns = new Set(
      [...this.setAsides.values()]
        .filter((setAside) => setAside.data.campaign.projectReference === projectReference)
        .map((setAside) => setAside.data.campaignId),
    );
    return sumPence(
      this.lines
        .filter((line) => line.campaignId && campaigns.has(line.campaignId))
        .filter((line) => line.column === 'setAside' || line.column === 'awarded')
        .map((line) => line.pence),
    );
  }

  // ---- rules every decision shares -----------------------------------------------------------

  private requireExisting(): void {
    if (!this.exists) notFound('fund', this.id);
  }

  /** A change of one of the fund's facts: by its lead or an admin, not when closed, not before the last. */
  private changeDay({ actor, today }: Decision, effectiveOn: unknown, fact: Fact): IsoDate {
    this.requireExisting();
    assertMayChangeFund(actor, this);
    if (this.status === 'closed') refuse('fund.closed', 'This fund is closed and takes no further changes');
    const on = effectiveDay(effectiveOn, today);
    refuseIfBefore(
      on,
      this.factChangedOn.get(fact) ?? this.proposedOn,
      `fund.${fact}-before-last-change`,
      (last, day) => `This was last set on ${last}: a change to it cannot take effect before then, on ${day}`,
    );
    return on;
  }

  /** A movement: by the fund's lead or an admin, on a day that has come, not before the fund was proposed. */
  private movementDay({ actor, today }: Decision, effectiveOn: unknown): IsoDate {
    this.requireExisting();
    assertMayChangeFund(actor, this);
    const on = effectiveDay(effectiveOn, today);
    refuseIfBefore(
      on,
      this.proposedOn,
      'fund.before-proposed',
      (proposed, day) => `The fund was proposed on ${proposed}: no money moved in it on ${day}`,
    );
    return on;
  }

  private newMovementId(value: unknown, field: string): string {
    const id = requireId(value, field, 'The id of the movement');
    if (this.movements.has(id))
      throw new DomainError('movement.id-taken', `This fund already has a movement ${id}`, 'conflict', [
        { field, message: 'already used in this fund' },
      ]);
    return id;
  }

  private liveAward(awardId: string, what: 'payment' | 'return'): AwardMade['data'] {
    const award = this.awards.get(awardId);
    if (!award) refuse(`${what}.award-unknown`, 'This fund has no such award', 'awardId');
    if (this.movements.get(awardId)?.reversed)
      refuse(`${what}.award-reversed`, 'This award was reversed', 'awardId');
    return award;
  }

  private wardsInArea(value: unknown, field: string): string[] {
    const codes = requireList<unknown>(LIMITS.awardWards, value ?? [], field).map((code, index) =>
      parseWardCode(code, `${field}[${index}]`),
    );
    refuseRepeats(codes, 'award.wards', field, 'Ward');
    const { area } = this;
    if (area.kind === 'wards')
      codes.forEach((code, index) => {
        if (!area.wardCodes.includes(code))
          refuse('award.ward-outside-area', `Ward ${code} is outside the fund’s area`, `${field}[${index}]`);
      });
    return codes;
  }

  /** An award on a day: the fund open then, within its period and its ringfence. */
  private refuseUnlessAwardable(on: IsoDate, programme: GrantProgramme | null, purpose: string | null): void {
    if (this.status === 'closed') refuse('fund.closed', 'A closed fund takes no award');
    if (this.status === 'proposed' || !this.openedOn)
      refuse('fund.not-open', 'The fund is proposed and not yet open');
    refuseIfBefore(
      on,
      this.openedOn,
      'award.before-fund-opened',
      (opened, day) => `The fund opened on ${opened}: nothing was awarded from it on ${day}`,
    );
    if (!withinYears(on, this.period))
      refuse(
        'award.outside-fund-period',
        `The fund runs ${describeYears(this.period)}; ${on} is outside it`,
        'effectiveOn',
      );
    const fence = this.ringfence;
    if (!fence) return;
    if (fence.period && !withinYears(on, fence.period))
      refuse(
        'award.outside-ringfence-period',
        `The money is ringfenced for ${describeYears(fence.period)}; ${on} is outside it`,
        'effectiveOn',
      );
    if (
      fence.purposes.length > 0 &&
      !fence.purposes.some((allowed) => allowed.toLowerCase() === purpose?.toLowerCase())
    )
      refuse(
        'award.purpose-outside-ringfence',
        `The money is ringfenced for ${fence.purposes.join('; ')}`,
        'purpose',
      );
    if (fence.programmes.length > 0 && !fence.programmes.includes(programme?.code ?? ''))
      refuse(
        'award.programme-outside-ringfence',
        `The money is ringfenced for the grant programmes ${fence.programmes.join(', ')}`,
        'grantProgramme.code',
      );
  }

  private refuseBeyondAvailable(code: string, amount: Money, headroom: number, on: IsoDate): never {
    refuse(
      code,
      `${formatMoney(amount)} is more than the ${formatMoney(pence(Math.max(0, headroom)))} the fund has available from ${on}${
        this.awardPolicy === 'received-only' ? ' (it awards against money received)' : ''
      }`,
      'amount',
    );
  }

  /** Applies a movement only if every balance it touches stays at zero or above from its day on. */
  private decide(
    event: FundMovementEvent,
    onShortfall?: (constraint: Constraint, headroom: number) => never,
  ): void {
    const added = ledgerLines(event);
    const shortfall = firstShortfall(this.lines, added, event.data.effectiveOn, this.awardPolicy);
    if (shortfall) {
      if (!onShortfall) throw new Error(`${event.type} would take ${JSON.stringify(shortfall)} below zero`);
      onShortfall(shortfall.constraint, shortfall.headroom);
    }
    this.apply(event);
  }

  // ---- state changes -------------------------------------------------------------------------

  override apply<T extends FundEvent = FundEvent>(
    event: T,
    options?: boolean | { fromHistory?: boolean; skipHandler?: boolean },
  ): void {
    super.apply(event, options);
    if (isMovement(event)) this.record(event);
  }

  private record(event: FundMovementEvent): void {
    this.lines.push(...ledgerLines(event));
    this.movements.set(movementIdOf(event), { event, reversed: false });
    const on = event.data.effectiveOn;
    if (
      ['ContributionCommitted', 'AwardMade', 'MatchSetAside', 'FundsTransferredIn'].includes(event.type) &&
      on > this.latestIntakeOn
    )
      this.latestIntakeOn = on;
  }

  private setFact(fact: Fact, on: IsoDate): void {
    this.factChangedOn.set(fact, on);
  }

  protected onFundProposed({ data }: FundProposed): void {
    Object.assign(this, {
      name: data.name,
      purpose: data.purpose,
      kind: data.kind,
      accountableBodyId: data.accountableBodyId,
      partnerIds: data.partnerIds,
      area: data.area,
      period: data.period,
      leadOfficerId: data.leadOfficerId,
      awardPolicy: data.awardPolicy,
      ringfence: data.ringfence,
      matchRule: data.matchRule,
      proposedOn: data.effectiveOn,
    });
  }

  protected onFundOpened({ data }: Extract<FundEvent, { type: 'FundOpened' }>): void {
    this.status = 'open';
    this.openedOn = data.effectiveOn;
    this.decisionReference = data.decisionReference;
    this.setFact('status', data.effectiveOn);
  }

  protected onFundClosed({ data }: Extract<FundEvent, { type: 'FundClosed' }>): void {
    this.status = 'closed';
    this.closedOn = data.effectiveOn;
    this.setFact('status', data.effectiveOn);
  }

  protected onFundRenamed({ data }: Extract<FundEvent, { type: 'FundRenamed' }>): void {
    this.name = data.name;
    this.purpose = data.purpose;
    this.setFact('name', data.effectiveOn);
  }

  protected onFundLeadOfficerChanged({ data }: Extract<FundEvent, { type: 'FundLeadOfficerChanged' }>): void {
    this.leadOfficerId = data.leadOfficerId;
    this.setFact('lead', data.effectiveOn);
  }

  protected onFundPartnersChanged({ data }: Extract<FundEvent, { type: 'FundPartnersChanged' }>): void {
    this.partnerIds = data.partnerIds;
    this.setFact('partners', data.effectiveOn);
  }

  protected onFundAreaChanged({ data }: Extract<FundEvent, { type: 'FundAreaChanged' }>): void {
    this.area = data.area;
    this.setFact('area', data.effectiveOn);
  }

  protected onFundPeriodChanged({ data }: Extract<FundEvent, { type: 'FundPeriodChanged' }>): void {
    this.period = data.period;
    this.setFact('period', data.effectiveOn);
  }

  protected onFundAwardPolicyChanged({ data }: Extract<FundEvent, { type: 'FundAwardPolicyChanged' }>): void {
    this.awardPolicy = data.awardPolicy;
    this.setFact('policy', data.effectiveOn);
  }

  protected onFundRingfenceChanged({ data }: Extract<FundEvent, { type: 'FundRingfenceChanged' }>): void {
    this.ringfence = data.ringfence;
    this.setFact('ringfence', data.effectiveOn);
  }

  protected onFundMatchRuleChanged({ data }: Extract<FundEvent, { type: 'FundMatchRuleChanged' }>): void {
    this.matchRule = data.matchRule;
    this.setFact('match-rule', data.effectiveOn);
  }

  protected onContributionCommitted(): void {}

  protected onContributionReceived(): void {}

  protected onAwardMade({ data }: AwardMade): void {
    this.awards.set(data.awardId, data);
    // A match award settles its campaign, whether or not anything is left to release.
    const setAside = data.campaignId ? this.setAsides.get(data.campaignId) : undefined;
    if (setAside) setAside.settled = true;
  }

  protected onPaymentPlanned({ data }: PaymentPlanned): void {
    this.instalments.set(data.instalmentId, { ...data, paid: false });
  }

  protected onPaymentMade({ data }: Extract<FundEvent, { type: 'PaymentMade' }>): void {
    const plan = data.instalmentId ? this.instalments.get(data.instalmentId) : undefined;
    if (plan) plan.paid = true;
  }

  protected onUnspentMoneyReturned(): void {}

  protected onFundsTransferredOut(): void {}

  protected onFundsTransferredIn(): void {}

  protected onMatchSetAside({ data }: MatchSetAside): void {
    this.setAsides.set(data.campaignId, { data, settled: false });
  }

  protected onMatchReleased({ data }: Extract<FundEvent, { type: 'MatchReleased' }>): void {
    const setAside = this.setAsides.get(data.campaignId);
    if (setAside) setAside.settled = true;
  }

  protected onMovementReversed({ data }: Extract<FundEvent, { type: 'MovementReversed' }>): void {
    const original = this.movements.get(data.movementId);
    if (original) original.reversed = true;
    const { reversed } = data;
    if (reversed.type === 'PaymentMade' && reversed.data.instalmentId) {
      const plan = this.instalments.get(reversed.data.instalmentId);
      if (plan) plan.paid = false;
    }
  }
}

// ---- checks of a fund's terms ----------------------------------------------------------------

function requirePartners(value: unknown): string[] {
  const ids = requireList<unknown>(LIMITS.partners, value ?? [], 'partnerIds').map((id, index) =>
    requireId(id, `partnerIds[${index}]`, 'A partner'),
  );
  refuseRepeats(ids, 'fund.partners', 'partnerIds', 'Partner');
  return ids;
}

function requireArea(value: unknown, field: string): FundArea {
  const area = value as Partial<{ kind: unknown; wardCodes: unknown }> | null;
  if (area?.kind === 'whole-authority') return { kind: 'whole-authority' };
  if (area?.kind !== 'wards')
    refuse('fund.area-invalid', 'A fund’s area is named wards or the whole authority', `${field}.kind`);
  const wardCodes = requireList<unknown>(LIMITS.areaWards, area.wardCodes, `${field}.wardCodes`).map(
    (code, index) => parseWardCode(code, `${field}.wardCodes[${index}]`),
  );
  refuseRepeats(wardCodes, 'fund.area', `${field}.wardCodes`, 'Ward');
  return { kind: 'wards', wardCodes };
}

function requirePeriod(value: unknown, field: string): FinancialYearRange {
  const period = (value ?? {}) as Partial<Record<'from' | 'to', unknown>>;
  const from = parseFinancialYear(period.from, `${field}.from`);
  const to = parseFinancialYear(period.to, `${field}.to`);
  if (startYearOf(to) < startYearOf(from))
    refuse('fund.period-invalid', 'The period must end in or after the year it starts', `${field}.to`);
  if (startYearOf(to) - startYearOf(from) >= LIMITS.periodYears)
    refuse(
      'fund.period-too-long',
      `A fund’s period is at most ${LIMITS.periodYears} financial years`,
      `${field}.to`,
    );
  return { from, to };
}

function requireProgramme(value: unknown, field: string): GrantProgramme {
  const programme = (value ?? {}) as Partial<Record<'code' | 'title', unknown>>;
  return {
    code: requireText(LIMITS.programmeCode, programme.code, `${field}.code`),
    title: requireText(LIMITS.programmeTitle, programme.title, `${field}.title`),
  };
}

function requireRingfence(value: unknown, field: string): Ringfence {
  const fence = value as Partial<Record<keyof Ringfence, unknown>>;
  const purposes = requireList<unknown>(
    LIMITS.ringfencePurposes,
    fence.purposes ?? [],
    `${field}.purposes`,
  ).map((purpose, index) => requireText(LIMITS.purpose, purpose, `${field}.purposes[${index}]`));
  const programmes = requireList<unknown>(
    LIMITS.ringfenceProgrammes,
    fence.programmes ?? [],
    `${field}.programmes`,
  ).map((code, index) => requireText(LIMITS.programmeCode, code, `${field}.programmes[${index}]`));
  const period = fence.period ? requirePeriod(fence.period, `${field}.period`) : null;
  if (purposes.length === 0 && programmes.length === 0 && !period)
    refuse(
      'ringfence.empty',
      'A ringfence names the purposes or programmes the money is for, or its period',
      field,
    );
  return { purposes, programmes, period };
}

function requirePlannedDates(value: unknown, awardedOn: IsoDate): { startOn: IsoDate; endOn: IsoDate } {
  const dates = value as Partial<Record<'startOn' | 'endOn', unknown>>;
  const startOn = plannedDay(
    requireDate(dates.startOn, 'plannedDates.startOn', 'The planned start'),
    awardedOn,
    'plannedDates.startOn',
    'The planned start',
  );
  const endOn = plannedDay(
    requireDate(dates.endOn, 'plannedDates.endOn', 'The planned end'),
    awardedOn,
    'plannedDates.endOn',
    'The planned end',
  );
  if (endOn < startOn)
    refuse(
      'award.planned-end-before-start',
      'The planned end must not be before the start',
      'plannedDates.endOn',
    );
  return { startOn, endOn };
}
