import type { IsoDate } from '../../common/domain/dates.js';
import { longDate } from '../../common/domain/dates.js';
import { DomainError, refuse } from '../../common/domain/domain-error.js';
import { EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import { parseWardCode } from '../../partnerships/index.js';
import {
  addDays,
  effectiveDay,
  optionalText,
  refuseIfBefore,
  requireCount,
  requireDate,
  requireId,
  requireOneOf,
  requirePastDay,
  requirePence,
  requireText,
  type Acting,
} from './checks.js';
import type { CouncilRules } from './council-rules.aggregate.js';
import { decisionEffectOn, type DecisionTimeline } from './decision-effect.js';
import type {
  DecisionAmended,
  DecisionCalledIn,
  DecisionConfirmed,
  DecisionEvent,
  DecisionPublished,
  DecisionReferredBack,
  DecisionRescinded,
} from './decision.events.js';
import { LIMITS } from './limits.js';
import { assertMay } from './policy.js';
import {
  AGREEING_ROLES,
  AUTHORISES,
  INTEREST_KINDS,
  LINK_KINDS,
  MAKER_KINDS,
  NOTICE_KINDS,
  REFERRERS,
  type Agreement,
  type Alternative,
  type CallInTerms,
  type DecisionMaker,
  type DecisionStage,
  type DeclaredInterest,
  type Delegation,
  type EntityLink,
  type FinancialEffect,
  type ForwardPlanNotice,
  type KeyDecision,
  type KeyGround,
  type Resolution,
  type Urgency,
} from './values.js';
import { callInWindow, dayAfterWindow } from './working-days.js';

/** Input straight from a request: shapes are checked here, field by field, as much as rules are. */
export interface ResolutionInput {
  text: string;
  authorises?: { kind: string; id: string; as: string }[];
  delegates?: { to: string; scope: string; inConsultationWith?: string[] } | null;
}

export interface PublishDecisionInput {
  reference?: string | null;
  title: string;
  maker: Record<string, unknown> & { kind: string };
  takenOn: string;
  meeting?: { name: string; item?: string | null } | null;
  resolutions: ResolutionInput[];
  reasons: string;
  alternativesRejected?: { option: string; whyRejected: string }[];
  interests?: {
    member: string;
    interest: string;
    kind: string;
    tookPart?: boolean;
    dispensation?: string | null;
  }[];
  financialEffect?: { kind: string; pence: number } | null;
  wardsSignificantlyAffected?: string[];
  /** Given when it is a key decision: why it is one. */
  keyDecision?: { reason: string } | null;
  notice?: Record<string, unknown> | null;
  urgency?: { reason: string; agreement: { name: string; role: string; agreedOn: string } } | null;
  publishedOn?: string | null;
}

/** What publishing reads besides the decision: the council's rules, and the decision an officer's authority comes from. */
export interface PublicationContext {
  readonly rules: CouncilRules;
  readonly delegating?: Decision;
}

/** Reconsideration comes only after a call-in, and ends it: these are final. */
const FINAL: readonly DecisionStage[] = ['confirmed', 'amended', 'rescinded'];

/**
 * An executive decision in the council's register, from publication: who made it and under what
 * authority, its numbered resolutions and what each authorises, whether it is key and how notice
 * was given, and its call-in. It comes into force the day after its call-in window closes, or on
 * publication when it cannot be called in; a call-in suspends it until it is confirmed or amended
 * on reconsideration (or rescinded, and it never takes effect). Every day it records is today or
 * earlier; `takesEffectOn` is computed, and may be later.
 */
export class Decision extends EventSourcedAggregate<DecisionEvent> {
  readonly streamType = 'decision';
  title = '';
  maker: DecisionMaker | null = null;
  takenOn: IsoDate = '';
  publishedOn: IsoDate = '';
  resolutions: Resolution[] = [];
  keyDecision: KeyDecision | null = null;
  callInTerms: CallInTerms = { window: null, exemption: null };
  takesEffectOn: IsoDate = '';
  stage: DecisionStage = 'published';
  calledInOn: IsoDate | null = null;
  referredBackOn: IsoDate | null = null;
  outcome: { kind: 'confirmed' | 'amended' | 'rescinded'; on: IsoDate } | null = null;
  /** The day of its last change: each change of stage takes effect no earlier. */
  stageSince: IsoDate = '';

  effectiveOnOf(event: DecisionEvent): IsoDate {
    return event.data.effectiveOn;
  }

  get timeline(): DecisionTimeline {
    return {
      decisionId: this.id,
      title: this.title,
      publishedOn: this.publishedOn,
      callInClosesOn: this.callInTerms.window?.closesOn ?? null,
      exemption: this.callInTerms.exemption,
      takesEffectOn: this.takesEffectOn,
      calledInOn: this.calledInOn,
      referredBackOn: this.referredBackOn,
      outcome: this.outcome,
      authorises: this.resolutions.flatMap((resolution) =>
        resolution.authorises.map(({ kind, id }) => ({ kind, id })),
      ),
    };
  }

  /** Enters a decision in the register as published. */
  register(input: PublishDecisionInput, context: PublicationContext, by: Acting): void {
    assertMay(by.actor, 'keep-the-register');
    if (this.exists)
      throw new DomainError('decision.exists', 'This decision is already in the register', 'conflict');
    const publishedOn = effectiveDay(input.publishedOn, by.today, 'publishedOn');
    const takenOn = requirePastDay(input.takenOn, by.today, 'takenOn', 'The date it was taken');
    refuseIfBefore(
      publishedOn,
      takenOn,
      'decision.published-before-taken',
      (taken, on) => `It was taken on ${taken}: it cannot have been published before, on ${on}`,
      'publishedOn',
    );
    const maker = decisionMaker(input.maker);
    if (maker.kind === 'officer') refuseUnlessDelegated(maker, takenOn, context.delegating);
    const resolutions = resolutionList(input.resolutions, 'resolutions');
    const financialEffect = input.financialEffect ? financial(input.financialEffect) : null;
    const wards = wardList(input.wardsSignificantlyAffected);
    const keyDecision = keyDecisionOf(
      input.keyDecision,
      financialEffect,
      wards,
      context.rules.keyDecisionThresholdOn(takenOn),
    );
    const notice = input.notice ? noticeOf(input.notice, takenOn, keyDecision !== null) : null;
    if (keyDecision && !notice)
      refuse(
        'decision.notice-required',
        'A key decision needs notice: 28 clear days on the forward plan, or the general exception, or special urgency with the chair’s agreement',
        'notice',
      );
    const subject =
      maker.kind === 'committee' ? maker.executive : maker.kind === 'officer' ? keyDecision !== null : true;
    const urgency = input.urgency ? urgencyOf(input.urgency, publishedOn) : null;
    if (urgency && !subject)
      refuse(
        'decision.urgency-not-applicable',
        'Only a decision that could be called in is exempted from call-in as urgent',
        'urgency',
      );
    const window =
      subject && !urgency
        ? callInWindow(
            context.rules.calendar,
            publishedOn,
            context.rules.callInWorkingDaysOn(publishedOn),
            'publishedOn',
          )
        : null;
    const callIn: CallInTerms = window
      ? { window, exemption: null }
      : {
          window: null,
          exemption: urgency
            ? 'urgent'
            : maker.kind === 'officer'
              ? 'non-key-officer-decision'
              : 'non-executive',
        };
    this.apply({
      type: 'DecisionPublished',
      data: {
        decisionId: this.id,
        reference: optionalText(LIMITS.decisionReference, input.reference, 'reference'),
        title: requireText(LIMITS.decisionTitle, input.title, 'title'),
        maker,
        takenOn,
        meeting: input.meeting
          ? {
              name: requireText(LIMITS.meetingName, input.meeting.name, 'meeting.name'),
              item: optionalText(LIMITS.meetingItem, input.meeting.item, 'meeting.item'),
            }
          : null,
        resolutions,
        reasons: requireText(LIMITS.reasons, input.reasons, 'reasons'),
        alternativesRejected: alternatives(input.alternativesRejected),
        interests: interests(input.interests),
        financialEffect,
        wardsSignificantlyAffected: wards,
        keyDecision,
        notice,
        urgency,
        callIn,
        takesEffectOn: window ? dayAfterWindow(window) : publishedOn,
        effectiveOn: publishedOn,
      },
    });
  }

  /** Called in by councillors within its window: its effect is suspended until it is reconsidered. */
  callIn(
    input: {
      calledInBy: string[];
      reasons: string;
      commissionId?: string | null;
      calledInOn?: string | null;
    },
    by: Acting,
  ): void {
    assertMay(by.actor, 'call-in');
    this.refuseUnlessAt(['published'], 'called in');
    const { window, exemption } = this.callInTerms;
    if (!window)
      refuse(
        'decision.not-subject-to-call-in',
        exemption === 'urgent'
          ? 'This decision was taken as urgent and is exempt from call-in'
          : exemption === 'non-key-officer-decision'
            ? 'An officer’s decision that is not a key decision cannot be called in'
            : 'A decision of a committee that is not part of the executive cannot be called in',
      );
    const calledInOn = this.changeOn(input.calledInOn, 'calledInOn', by);
    if (calledInOn > window.closesOn) {
      const message = `The call-in period ended on ${longDate(window.closesOn)}: it cannot be called in on ${longDate(calledInOn)}`;
      throw new DomainError(
        'decision.call-in-window-closed',
        message,
        'rule',
        [{ field: 'calledInOn', message }],
        {
          closesOn: window.closesOn,
        },
      );
    }
    const calledInBy = requireCount(LIMITS.callers, input.calledInBy, 'calledInBy').map((name, index) =>
      requireText(LIMITS.callerName, name, `calledInBy[${index}]`),
    );
    this.apply({
      type: 'DecisionCalledIn',
      data: {
        decisionId: this.id,
        calledInBy,
        reasons: requireText(LIMITS.reason, input.reasons, 'reasons'),
        commissionId: input.commissionId
          ? requireId(LIMITS.entityId, input.commissionId, 'commissionId')
          : null,
        effectiveOn: calledInOn,
      },
    });
  }

  referBack(input: { referredBy: string; concerns: string; referredOn?: string | null }, by: Acting): void {
    assertMay(by.actor, 'record-scrutiny-outcome');
    this.refuseUnlessAt(['called-in'], 'referred back');
    const referredBy = requireOneOf(
      REFERRERS,
      input.referredBy,
      'decision.referrer-invalid',
      'Who referred it back',
      'referredBy',
    );
    const concerns = requireText(LIMITS.reason, input.concerns, 'concerns');
    this.apply({
      type: 'DecisionReferredBack',
      data: {
        decisionId: this.id,
        referredBy,
        concerns,
        effectiveOn: this.changeOn(input.referredOn, 'referredOn', by),
      },
    });
  }

  /**
   * Called in, the commission may take no further action (it is confirmed, recorded by scrutiny or
   * an admin); referred back, the decision maker may confirm it (recorded by an admin).
   */
  confirm(input: { reasons: string; confirmedOn?: string | null }, by: Acting): void {
    this.refuseUnlessAt(['called-in', 'referred-back'], 'confirmed');
    const confirmedBy = this.stage === 'called-in' ? 'scrutiny-commission' : 'decision-maker';
    assertMay(
      by.actor,
      confirmedBy === 'scrutiny-commission' ? 'record-scrutiny-outcome' : 'keep-the-register',
    );
    const reasons = requireText(LIMITS.reason, input.reasons, 'reasons');
    this.apply({
      type: 'DecisionConfirmed',
      data: {
        decisionId: this.id,
        confirmedBy,
        reasons,
        effectiveOn: this.changeOn(input.confirmedOn, 'confirmedOn', by),
      },
    });
  }

  /** On reconsideration after a referral the decision maker may amend it: it takes effect as amended. */
  amend(
    input: { resolutions: ResolutionInput[]; reasons: string; amendedOn?: string | null },
    by: Acting,
  ): void {
    assertMay(by.actor, 'keep-the-register');
    this.refuseUnlessAt(['referred-back'], 'amended');
    const resolutions = resolutionList(input.resolutions, 'resolutions');
    if (JSON.stringify(resolutions) === JSON.stringify(this.resolutions))
      refuse(
        'decision.amendment-unchanged',
        'The amended resolutions are the same as the decision’s',
        'resolutions',
      );
    const reasons = requireText(LIMITS.reason, input.reasons, 'reasons');
    this.apply({
      type: 'DecisionAmended',
      data: {
        decisionId: this.id,
        previousResolutions: this.resolutions,
        resolutions,
        reasons,
        effectiveOn: this.changeOn(input.amendedOn, 'amendedOn', by),
      },
    });
  }

  rescind(input: { reasons: string; rescindedOn?: string | null }, by: Acting): void {
    assertMay(by.actor, 'keep-the-register');
    this.refuseUnlessAt(['referred-back'], 'rescinded');
    const reasons = requireText(LIMITS.reason, input.reasons, 'reasons');
    this.apply({
      type: 'DecisionRescinded',
      data: {
        decisionId: this.id,
        reasons,
        effectiveOn: this.changeOn(input.rescindedOn, 'rescindedOn', by),
      },
    });
  }

  resolution(number: string): Resolution | undefined {
    return this.resolutions.find((resolution) => resolution.number === number);
  }

  private refuseUnlessAt(stages: readonly DecisionStage[], becoming: string): void {
    if (!this.exists) refuse('decision.not-published', 'No such decision is in the register');
    if (stages.includes(this.stage)) return;
    if (FINAL.includes(this.stage))
      refuse('decision.final', `This decision was ${this.stage} on reconsideration; that is final`);
    const needs: Record<string, string> = {
      'called in': 'a published decision, before it is called in,',
      'referred back': 'a called-in decision',
      confirmed: 'a called-in or referred-back decision',
      amended: 'a decision referred back to its maker',
      rescinded: 'a decision referred back to its maker',
    };
    refuse(
      `decision.is-${this.stage}`,
      `Only ${needs[becoming]} can be ${becoming}; this one is ${this.stage.replace('-', ' ')}`,
    );
  }

  /** Today or earlier, and no earlier than its last change of stage. */
  private changeOn(value: unknown, field: string, by: Acting): IsoDate {
    const on = effectiveDay(value, by.today, field);
    refuseIfBefore(
      on,
      this.stageSince,
      `decision.before-${this.stage}`,
      (since, day) =>
        `The decision was ${this.stage.replace('-', ' ')} on ${since}: this cannot happen before then, on ${day}`,
      field,
    );
    return on;
  }

  protected onDecisionPublished({ data }: DecisionPublished): void {
    this.title = data.title;
    this.maker = data.maker;
    this.takenOn = data.takenOn;
    this.publishedOn = data.effectiveOn;
    this.resolutions = data.resolutions;
    this.keyDecision = data.keyDecision;
    this.callInTerms = data.callIn;
    this.takesEffectOn = data.takesEffectOn;
    this.stage = 'published';
    this.stageSince = data.effectiveOn;
  }

  protected onDecisionCalledIn({ data }: DecisionCalledIn): void {
    this.stage = 'called-in';
    this.calledInOn = data.effectiveOn;
    this.stageSince = data.effectiveOn;
  }

  protected onDecisionReferredBack({ data }: DecisionReferredBack): void {
    this.stage = 'referred-back';
    this.referredBackOn = data.effectiveOn;
    this.stageSince = data.effectiveOn;
  }

  protected onDecisionConfirmed({ data }: DecisionConfirmed): void {
    this.stage = 'confirmed';
    this.outcome = { kind: 'confirmed', on: data.effectiveOn };
    this.stageSince = data.effectiveOn;
  }

  protected onDecisionAmended({ data }: DecisionAmended): void {
    this.stage = 'amended';
    this.resolutions = data.resolutions;
    this.outcome = { kind: 'amended', on: data.effectiveOn };
    this.stageSince = data.effectiveOn;
  }

  protected onDecisionRescinded({ data }: DecisionRescinded): void {
    this.stage = 'rescinded';
    this.outcome = { kind: 'rescinded', on: data.effectiveOn };
    this.stageSince = data.effectiveOn;
  }
}

/** (i), (ii), (iii), ...: the numbering of resolutions in the minutes. */
export function resolutionNumber(position: number): string {
  const numerals: [number, string][] = [
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let rest = position;
  let roman = '';
  for (const [value, numeral] of numerals)
    while (rest >= value) {
      roman += numeral;
      rest -= value;
    }
  return `(${roman})`;
}

function decisionMaker(raw: PublishDecisionInput['maker']): DecisionMaker {
  const kind = requireOneOf(
    MAKER_KINDS,
    raw?.kind,
    'decision.maker-invalid',
    'The decision maker',
    'maker.kind',
  );
  const name = requireText(LIMITS.makerName, raw.name, 'maker.name');
  switch (kind) {
    case 'cabinet':
    case 'city-mayor':
      return { kind, name };
    case 'executive-member':
      return { kind, name, portfolio: requireText(LIMITS.portfolio, raw.portfolio, 'maker.portfolio') };
    case 'committee':
      if (typeof raw.executive !== 'boolean')
        refuse(
          'decision.committee-executive-required',
          'Say whether the committee is a committee of the executive',
          'maker.executive',
        );
      return { kind, name, executive: raw.executive };
    case 'officer': {
      const post = requireText(LIMITS.makerPost, raw.post, 'maker.post');
      const cited = (raw.delegation ?? {}) as Record<string, unknown>;
      if (typeof raw.delegation !== 'object' || raw.delegation === null)
        refuse(
          'decision.delegation-required',
          'An officer decides under delegated authority: cite the decision and resolution that delegated it',
          'maker.delegation',
        );
      const decisionId = requireId(LIMITS.entityId, cited.decisionId, 'maker.delegation.decisionId');
      const resolution = typeof cited.resolution === 'string' ? cited.resolution.trim().toLowerCase() : '';
      if (!/^\((?:[ivxl]+)\)$/.test(resolution))
        refuse(
          'decision.delegation-resolution-invalid',
          'Cite the resolution by its number, such as (v)',
          'maker.delegation.resolution',
        );
      return { kind, name, post, delegation: { decisionId, resolution } };
    }
  }
}

/**
 * An officer's decision stands on a resolution of another decision that delegated the authority to
 * the officer's post and was in effect on the day the officer decided. That decision is read by the
 * handler, which conditions the append on its stream at the version read: a call-in recorded
 * meanwhile makes the append fail, and the decision is made again.
 */
function refuseUnlessDelegated(
  maker: Extract<DecisionMaker, { kind: 'officer' }>,
  takenOn: IsoDate,
  delegating: Decision | undefined,
): void {
  const field = 'maker.delegation';
  if (!delegating?.exists || delegating.id !== maker.delegation.decisionId)
    refuse(
      'decision.delegation-unknown',
      'The decision cited as delegating the authority is not in the register',
      `${field}.decisionId`,
    );
  const resolution = delegating.resolution(maker.delegation.resolution);
  if (!resolution)
    refuse(
      'decision.delegation-resolution-unknown',
      `Decision “${delegating.title}” has no resolution ${maker.delegation.resolution}`,
      `${field}.resolution`,
    );
  if (!resolution.delegates)
    refuse(
      'decision.resolution-does-not-delegate',
      `Resolution ${resolution.number} of “${delegating.title}” delegates no authority`,
      `${field}.resolution`,
    );
  if (normalPost(resolution.delegates.to) !== normalPost(maker.post))
    refuse(
      'decision.delegated-to-another-post',
      `Resolution ${resolution.number} delegated the authority to the ${resolution.delegates.to}, not the ${maker.post}`,
      'maker.post',
    );
  const effect = decisionEffectOn(delegating.timeline, takenOn);
  if (!effect.inEffect) {
    const message = `${effect.explanation}: it gave no authority on ${longDate(takenOn)}`;
    throw new DomainError(
      'decision.delegation-not-in-effect',
      message,
      'rule',
      [{ field: `${field}.decisionId`, message }],
      {
        delegatingDecisionId: delegating.id,
        reason: effect.reason,
        expectedOn: effect.expectedOn,
      },
    );
  }
}

function normalPost(post: string): string {
  return post.trim().replace(/\s+/g, ' ').toLowerCase().replace(/^the /, '');
}

function resolutionList(raw: ResolutionInput[] | undefined, field: string): Resolution[] {
  return requireCount(LIMITS.resolutions, raw, field).map((resolution, index) => {
    const at = `${field}[${index}]`;
    const seen = new Set<string>();
    const authorises = requireCount(LIMITS.authorises, resolution?.authorises, `${at}.authorises`).map(
      (link, linkIndex) => {
        const linkField = `${at}.authorises[${linkIndex}]`;
        const kind = requireOneOf(
          LINK_KINDS,
          link?.kind,
          'decision.link-kind-invalid',
          'What it authorises',
          `${linkField}.kind`,
        );
        const id = requireId(LIMITS.entityId, link.id, `${linkField}.id`);
        const as = requireOneOf(
          AUTHORISES[kind],
          link.as,
          'decision.link-invalid',
          `How a ${kind} is authorised`,
          `${linkField}.as`,
        );
        if (seen.has(`${kind}/${id}/${as}`))
          refuse('decision.link-repeated', 'Each thing is authorised once by a resolution', linkField);
        seen.add(`${kind}/${id}/${as}`);
        return { kind, id, as } as EntityLink;
      },
    );
    return {
      number: resolutionNumber(index + 1),
      text: requireText(LIMITS.resolutionText, resolution?.text, `${at}.text`),
      authorises,
      delegates: resolution.delegates ? delegation(resolution.delegates, `${at}.delegates`) : null,
    };
  });
}

function delegation(raw: NonNullable<ResolutionInput['delegates']>, field: string): Delegation {
  return {
    to: requireText(LIMITS.delegateTo, raw.to, `${field}.to`),
    scope: requireText(LIMITS.delegationScope, raw.scope, `${field}.scope`),
    inConsultationWith: requireCount(
      LIMITS.consultees,
      raw.inConsultationWith,
      `${field}.inConsultationWith`,
    ).map((name, index) => requireText(LIMITS.consultee, name, `${field}.inConsultationWith[${index}]`)),
  };
}

function financial(raw: NonNullable<PublishDecisionInput['financialEffect']>): FinancialEffect {
  const kind = requireOneOf(
    ['spending', 'saving'] as const,
    raw.kind,
    'decision.financial-effect-invalid',
    'The financial effect',
    'financialEffect.kind',
  );
  const pence = requirePence(
    raw.pence,
    LIMITS.maxPence,
    'decision.financial-effect-invalid',
    'The amount',
    'financialEffect.pence',
  );
  return { kind, pence };
}

function wardList(raw: string[] | undefined): string[] {
  const codes = requireCount(LIMITS.wards, raw, 'wardsSignificantlyAffected').map((code, index) =>
    parseWardCode(code, `wardsSignificantlyAffected[${index}]`),
  );
  codes.forEach((code, index) => {
    if (codes.indexOf(code) !== index)
      refuse('decision.ward-repeated', 'Each ward is listed once', `wardsSignificantlyAffected[${index}]`);
  });
  return codes;
}

/**
 * A decision is key when it spends or saves more than the council's threshold, or is significant
 * for communities in two or more wards (regulation 8 of SI 2012/2089): then it must say so and why;
 * and one that meets neither test is not key.
 */
function keyDecisionOf(
  raw: PublishDecisionInput['keyDecision'],
  effect: FinancialEffect | null,
  wards: readonly string[],
  thresholdPence: number | null,
): KeyDecision | null {
  if (effect && thresholdPence === null)
    refuse(
      'decision.key-threshold-not-set',
      'The council has not set its key decision threshold, so a spending or saving cannot be judged against it: an admin sets it first',
      'financialEffect.pence',
    );
  const grounds: KeyGround[] = [];
  if (effect && thresholdPence !== null && effect.pence > thresholdPence)
    grounds.push(effect.kind === 'spending' ? 'spending-above-threshold' : 'saving-above-threshold');
  if (wards.length >= 2) grounds.push('significant-in-two-or-more-wards');
  if (!raw) {
    if (grounds.length > 0)
      refuse(
        'decision.key-decision-not-declared',
        grounds[0] === 'significant-in-two-or-more-wards'
          ? 'It is significant for communities in two or more wards, so it is a key decision: say why'
          : `It ${effect!.kind === 'spending' ? 'spends' : 'saves'} more than the council’s threshold, so it is a key decision: say why`,
        'keyDecision',
      );
    return null;
  }
  if (grounds.length === 0)
    refuse(
      'decision.key-decision-without-grounds',
      'A key decision spends or saves more than the council’s threshold, or is significant in two or more wards: give the amount or the wards',
      'keyDecision',
    );
  return {
    reason: requireText(LIMITS.keyDecisionReason, raw.reason, 'keyDecision.reason'),
    grounds,
    thresholdPence,
  };
}

/**
 * Notice of a key decision (SI 2012/2089): on the forward plan at least 28 clear days before it is
 * taken (regulation 9); or, where that is impracticable, the general exception: the scrutiny chair
 * informed and notice published at least 5 clear days before (regulation 10); or special urgency,
 * with the chair's agreement that it cannot reasonably be deferred (regulation 11). Clear days leave
 * out both the day of notice and the day of decision. For a decision that is not key a notice is
 * recorded as given, but not measured.
 */
function noticeOf(raw: Record<string, unknown>, takenOn: IsoDate, key: boolean): ForwardPlanNotice {
  const kind = requireOneOf(
    NOTICE_KINDS,
    raw.kind,
    'decision.notice-invalid',
    'The kind of notice',
    'notice.kind',
  );
  const notAfterDecision = (day: IsoDate, field: string) =>
    refuseIfBefore(
      takenOn,
      day,
      'decision.notice-after-decision',
      (notice, taken) => `Notice on ${notice} came after the decision was taken, on ${taken}`,
      field,
    );
  if (kind === 'special-urgency') {
    const agreement = agreementOf(raw.agreement as Record<string, unknown> | undefined, 'notice.agreement');
    notAfterDecision(agreement.agreedOn, 'notice.agreement.agreedOn');
    return { kind, agreement, reason: requireText(LIMITS.urgencyReason, raw.reason, 'notice.reason') };
  }
  const publishedOn = requireDate(raw.publishedOn, 'notice.publishedOn', 'The date notice was published');
  notAfterDecision(publishedOn, 'notice.publishedOn');
  if (kind === 'forward-plan') {
    if (key)
      clearDaysBefore(
        publishedOn,
        takenOn,
        28,
        'decision.notice-too-short',
        'notice.publishedOn',
        'on the forward plan',
      );
    return { kind, publishedOn };
  }
  const chair = requireText(LIMITS.chairName, raw.chair, 'notice.chair');
  const chairInformedOn = requireDate(
    raw.chairInformedOn,
    'notice.chairInformedOn',
    'The date the chair was informed',
  );
  notAfterDecision(chairInformedOn, 'notice.chairInformedOn');
  if (key) {
    const later = chairInformedOn > publishedOn ? chairInformedOn : publishedOn;
    clearDaysBefore(
      later,
      takenOn,
      5,
      'decision.general-exception-too-short',
      later === publishedOn ? 'notice.publishedOn' : 'notice.chairInformedOn',
      'under the general exception',
    );
  }
  return { kind, publishedOn, chair, chairInformedOn };
}

function clearDaysBefore(
  noticeOn: IsoDate,
  takenOn: IsoDate,
  days: number,
  code: string,
  field: string,
  how: string,
): void {
  const earliest = addDays(noticeOn, days + 1);
  if (takenOn >= earliest) return;
  const message = `Notice ${how} needs ${days} clear days: given on ${longDate(noticeOn)}, the decision could be taken from ${longDate(earliest)}, not on ${longDate(takenOn)}`;
  throw new DomainError(code, message, 'rule', [{ field, message }], { earliest, takenOn });
}

function agreementOf(raw: Record<string, unknown> | undefined, field: string): Agreement {
  if (typeof raw !== 'object' || raw === null)
    refuse('decision.agreement-required', 'Say who agreed, in what role and when', field);
  return {
    name: requireText(LIMITS.chairName, raw.name, `${field}.name`),
    role: requireOneOf(
      AGREEING_ROLES,
      raw.role,
      'decision.agreement-role-invalid',
      'The role of who agreed',
      `${field}.role`,
    ),
    agreedOn: requireDate(raw.agreedOn, `${field}.agreedOn`, 'The date of the agreement'),
  };
}

/** Exempt from call-in as urgent, with the chair's agreement given by the day it was published. */
function urgencyOf(raw: NonNullable<PublishDecisionInput['urgency']>, publishedOn: IsoDate): Urgency {
  const agreement = agreementOf(raw.agreement, 'urgency.agreement');
  refuseIfBefore(
    publishedOn,
    agreement.agreedOn,
    'decision.urgency-agreed-after-publication',
    (agreed, published) =>
      `The chair agreed on ${agreed}, after it was published on ${published}: it was not exempt then`,
    'urgency.agreement.agreedOn',
  );
  return { reason: requireText(LIMITS.urgencyReason, raw.reason, 'urgency.reason'), agreement };
}

function alternatives(raw: PublishDecisionInput['alternativesRejected']): Alternative[] {
  return requireCount(LIMITS.alternatives, raw, 'alternativesRejected').map((alternative, index) => ({
    option: requireText(LIMITS.alternative, alternative?.option, `alternativesRejected[${index}].option`),
    whyRejected: requireText(
      LIMITS.whyRejected,
      alternative.whyRejected,
      `alternativesRejected[${index}].whyRejected`,
    ),
  }));
}

/**
 * A member with a disclosable pecuniary interest takes no part unless granted a dispensation
 * (Localism Act 2011, sections 31 and 33): a declaration that says otherwise is refused.
 */
function interests(raw: PublishDecisionInput['interests']): DeclaredInterest[] {
  return requireCount(LIMITS.interests, raw, 'interests').map((declared, index) => {
    const field = `interests[${index}]`;
    const kind = requireOneOf(
      INTEREST_KINDS,
      declared?.kind,
      'decision.interest-kind-invalid',
      'The kind of interest',
      `${field}.kind`,
    );
    const tookPart = declared.tookPart ?? false;
    if (typeof tookPart !== 'boolean')
      refuse(
        'decision.took-part-invalid',
        'Say whether the member took part: true or false',
        `${field}.tookPart`,
      );
    const dispensation = optionalText(LIMITS.dispensation, declared.dispensation, `${field}.dispensation`);
    if (kind === 'disclosable-pecuniary' && tookPart && !dispensation)
      refuse(
        'decision.interest-needs-dispensation',
        'A member with a disclosable pecuniary interest who took part needs a dispensation: name it',
        `${field}.dispensation`,
      );
    return {
      member: requireText(LIMITS.memberName, declared.member, `${field}.member`),
      interest: requireText(LIMITS.interest, declared.interest, `${field}.interest`),
      kind,
      tookPart,
      dispensation,
    };
  });
}
