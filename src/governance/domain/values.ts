import type { IsoDate } from '../../common/domain/dates.js';

export const MAKER_KINDS = ['cabinet', 'city-mayor', 'executive-member', 'committee', 'officer'] as const;
export type MakerKind = (typeof MAKER_KINDS)[number];

/** The resolution of another decision that delegated the authority an officer's decision relies on. */
export interface DelegationCited {
  readonly decisionId: string;
  /** Its number, as the delegating decision numbers it: "(v)". */
  readonly resolution: string;
}

export type DecisionMaker =
  | { readonly kind: 'cabinet'; readonly name: string }
  | { readonly kind: 'city-mayor'; readonly name: string }
  | { readonly kind: 'executive-member'; readonly name: string; readonly portfolio: string }
  /** `executive`: a committee of the executive, whose decisions can be called in; others' cannot. */
  | { readonly kind: 'committee'; readonly name: string; readonly executive: boolean }
  | {
      readonly kind: 'officer';
      readonly name: string;
      readonly post: string;
      readonly delegation: DelegationCited;
    };

/**
 * What a resolution can authorise in the other contexts, by their kind of entity, and how: the
 * id is theirs and opaque here.
 */
export const AUTHORISES = {
  strategy: ['adopted', 'revised', 'closed'],
  fund: ['set-up', 'ringfenced'],
  award: ['made'],
  partnership: ['established', 'ended'],
  action: ['approved'],
} as const satisfies Record<string, readonly string[]>;
export type LinkKind = keyof typeof AUTHORISES;
export const LINK_KINDS = Object.keys(AUTHORISES) as LinkKind[];

export interface EntityRef {
  readonly kind: LinkKind;
  readonly id: string;
}

export interface EntityLink extends EntityRef {
  readonly as: string;
}

/** Authority handed to a post by a resolution, as the minutes word it. */
export interface Delegation {
  readonly to: string;
  readonly scope: string;
  readonly inConsultationWith: readonly string[];
}

export interface Resolution {
  /** "(i)", "(ii)", ...: given by its place, so the numbers are always a run. */
  readonly number: string;
  readonly text: string;
  readonly authorises: readonly EntityLink[];
  readonly delegates: Delegation | null;
}

export interface Alternative {
  readonly option: string;
  readonly whyRejected: string;
}

export const INTEREST_KINDS = ['disclosable-pecuniary', 'other-registrable', 'non-registrable'] as const;
export type InterestKind = (typeof INTEREST_KINDS)[number];

export interface DeclaredInterest {
  readonly member: string;
  readonly interest: string;
  readonly kind: InterestKind;
  /** Whether the member took part in the discussion or vote. */
  readonly tookPart: boolean;
  readonly dispensation: string | null;
}

export interface FinancialEffect {
  readonly kind: 'spending' | 'saving';
  readonly pence: number;
}

export const KEY_GROUNDS = [
  'spending-above-threshold',
  'saving-above-threshold',
  'significant-in-two-or-more-wards',
] as const;
export type KeyGround = (typeof KEY_GROUNDS)[number];

export interface KeyDecision {
  readonly reason: string;
  readonly grounds: readonly KeyGround[];
  /** The council's threshold on the day it was taken, in pence (null when none was set). */
  readonly thresholdPence: number | null;
}

/** Who agrees to urgency when the scrutiny chair cannot (regulation 11 of SI 2012/2089). */
export const AGREEING_ROLES = ['scrutiny-chair', 'chair-of-council', 'vice-chair-of-council'] as const;
export type AgreeingRole = (typeof AGREEING_ROLES)[number];

export interface Agreement {
  readonly name: string;
  readonly role: AgreeingRole;
  readonly agreedOn: IsoDate;
}

/** How a key decision was made known beforehand (regulations 9, 10 and 11 of SI 2012/2089). */
export type ForwardPlanNotice =
  | { readonly kind: 'forward-plan'; readonly publishedOn: IsoDate }
  | {
      readonly kind: 'general-exception';
      readonly publishedOn: IsoDate;
      readonly chair: string;
      readonly chairInformedOn: IsoDate;
    }
  | { readonly kind: 'special-urgency'; readonly agreement: Agreement; readonly reason: string };

export const NOTICE_KINDS = ['forward-plan', 'general-exception', 'special-urgency'] as const;

/** An urgent decision, exempt from call-in with the agreement of the chair. */
export interface Urgency {
  readonly reason: string;
  readonly agreement: Agreement;
}

export type CallInExemption = 'urgent' | 'non-executive' | 'non-key-officer-decision';

export interface CallInTerms {
  /** Null when it cannot be called in, and `exemption` says why. */
  readonly window: {
    readonly opensOn: IsoDate;
    readonly closesOn: IsoDate;
    readonly workingDays: number;
  } | null;
  readonly exemption: CallInExemption | null;
}

export const DECISION_STAGES = [
  'published',
  'called-in',
  'referred-back',
  'confirmed',
  'amended',
  'rescinded',
] as const;
export type DecisionStage = (typeof DECISION_STAGES)[number];

/** Its status on a given day, from its stage and that day (a window closes with no event). */
export type DecisionStatus =
  'not-published' | 'published' | 'effective' | Exclude<DecisionStage, 'published'>;

export const REFERRERS = ['scrutiny-commission', 'full-council'] as const;
export type Referrer = (typeof REFERRERS)[number];
