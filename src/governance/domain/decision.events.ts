import type { IsoDate } from '../../common/domain/dates.js';
import type { DomainEvent } from '../../common/domain/event-sourced-aggregate.js';
import type {
  Alternative,
  CallInTerms,
  DecisionMaker,
  DeclaredInterest,
  FinancialEffect,
  ForwardPlanNotice,
  KeyDecision,
  Referrer,
  Resolution,
  Urgency,
} from './values.js';

/**
 * Every event names the day it took effect, `effectiveOn`: publication, call-in, referral,
 * confirmation, amendment, rescission. `takesEffectOn` is the one day that may be later than the
 * day it was recorded: the day the decision comes into force if it is not called in.
 */
export type DecisionPublished = DomainEvent<
  'DecisionPublished',
  {
    decisionId: string;
    reference: string | null;
    title: string;
    maker: DecisionMaker;
    takenOn: IsoDate;
    meeting: { name: string; item: string | null } | null;
    resolutions: Resolution[];
    reasons: string;
    alternativesRejected: Alternative[];
    interests: DeclaredInterest[];
    financialEffect: FinancialEffect | null;
    wardsSignificantlyAffected: string[];
    keyDecision: KeyDecision | null;
    notice: ForwardPlanNotice | null;
    urgency: Urgency | null;
    callIn: CallInTerms;
    takesEffectOn: IsoDate;
    /** The day it was published. */
    effectiveOn: IsoDate;
  }
>;
export type DecisionCalledIn = DomainEvent<
  'DecisionCalledIn',
  {
    decisionId: string;
    calledInBy: string[];
    reasons: string;
    commissionId: string | null;
    effectiveOn: IsoDate;
  }
>;
export type DecisionReferredBack = DomainEvent<
  'DecisionReferredBack',
  { decisionId: string; referredBy: Referrer; concerns: string; effectiveOn: IsoDate }
>;
/** Confirmed by the commission (no further action) or, after a referral, by the decision maker. */
export type DecisionConfirmed = DomainEvent<
  'DecisionConfirmed',
  {
    decisionId: string;
    confirmedBy: 'scrutiny-commission' | 'decision-maker';
    reasons: string;
    effectiveOn: IsoDate;
  }
>;
export type DecisionAmended = DomainEvent<
  'DecisionAmended',
  {
    decisionId: string;
    previousResolutions: Resolution[];
    resolutions: Resolution[];
    reasons: string;
    effectiveOn: IsoDate;
  }
>;
export type DecisionRescinded = DomainEvent<
  'DecisionRescinded',
  { decisionId: string; reasons: string; effectiveOn: IsoDate }
>;

export type DecisionEvent =
  | DecisionPublished
  | DecisionCalledIn
  | DecisionReferredBack
  | DecisionConfirmed
  | DecisionAmended
  | DecisionRescinded;
