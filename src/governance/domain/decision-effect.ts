import { longDate, type IsoDate } from '../../common/domain/dates.js';
import { DomainError } from '../../common/domain/domain-error.js';
import type { CallInExemption, DecisionStatus, EntityRef } from './values.js';

/**
 * What "is this decision in effect on a day" needs of a decision: the aggregate offers it as
 * `timeline`, and a read-model row gives it through `decisionTimelineOf`. Other contexts call
 * `decisionEffectOn` with it (an action or award that implements a decision is not done before the
 * decision is in effect), and condition their append on the decision's stream at the version read.
 */
export interface DecisionTimeline {
  readonly decisionId: string;
  readonly title: string;
  readonly publishedOn: IsoDate;
  readonly callInClosesOn: IsoDate | null;
  readonly exemption: CallInExemption | null;
  /** The day it comes into force if it is not called in, computed when it was published. */
  readonly takesEffectOn: IsoDate;
  readonly calledInOn: IsoDate | null;
  readonly referredBackOn: IsoDate | null;
  readonly outcome: { readonly kind: 'confirmed' | 'amended' | 'rescinded'; readonly on: IsoDate } | null;
  /** What its resolutions, as they now stand, authorise. */
  readonly authorises: readonly EntityRef[];
}

export type EffectBasis =
  'call-in-window-closed' | 'exempt-from-call-in' | 'confirmed-after-call-in' | 'amended-after-call-in';

export type NotInEffectReason =
  'not-published' | 'in-call-in-window' | 'called-in' | 'referred-back' | 'rescinded' | 'does-not-authorise';

export type DecisionEffect =
  | { readonly inEffect: true; readonly since: IsoDate; readonly basis: EffectBasis }
  | {
      readonly inEffect: false;
      readonly reason: NotInEffectReason;
      readonly explanation: string;
      /** The day it will come into force if nothing changes; null while that depends on a reconsideration. */
      readonly expectedOn: IsoDate | null;
    };

/** The day it came or comes into force, as the decision now stands; null while suspended or if rescinded. */
export function inEffectFrom(decision: DecisionTimeline): IsoDate | null {
  if (decision.outcome) return decision.outcome.kind === 'rescinded' ? null : decision.outcome.on;
  return decision.calledInOn ? null : decision.takesEffectOn;
}

/**
 * Whether a decision is in effect on `day`, and if not why: as its record stands (fold it to a
 * moment first for "as known at"). With `implementing`, also whether its resolutions, as they now
 * stand (amended, perhaps), still authorise that entity.
 */
export function decisionEffectOn(
  decision: DecisionTimeline,
  day: IsoDate,
  implementing?: EntityRef,
): DecisionEffect {
  const title = `“${decision.title}”`;
  const notYet = (reason: NotInEffectReason, explanation: string, expectedOn: IsoDate | null = null) => ({
    inEffect: false as const,
    reason,
    explanation,
    expectedOn,
  });
  const { outcome, calledInOn, referredBackOn } = decision;
  if (day < decision.publishedOn)
    return notYet(
      'not-published',
      `Decision ${title} was published on ${longDate(decision.publishedOn)}, after ${longDate(day)}`,
      inEffectFrom(decision),
    );
  if (outcome && outcome.on <= day) {
    if (outcome.kind === 'rescinded')
      return notYet(
        'rescinded',
        `Decision ${title} was rescinded on ${longDate(outcome.on)} and never took effect`,
      );
  } else if (calledInOn && calledInOn <= day) {
    if (referredBackOn && referredBackOn <= day)
      return notYet(
        'referred-back',
        `Decision ${title} was referred back to the decision maker on ${longDate(referredBackOn)}: its effect is suspended until it is reconsidered`,
      );
    return notYet(
      'called-in',
      `Decision ${title} was called in on ${longDate(calledInOn)}: its effect is suspended until it is confirmed`,
    );
  } else if (day < decision.takesEffectOn) {
    return notYet(
      'in-call-in-window',
      `Decision ${title} is in its call-in period until the end of ${longDate(decision.callInClosesOn ?? day)}: it takes effect on ${longDate(decision.takesEffectOn)} unless it is called in`,
      decision.takesEffectOn,
    );
  }
  if (
    implementing &&
    !decision.authorises.some((ref) => ref.kind === implementing.kind && ref.id === implementing.id)
  )
    return notYet(
      'does-not-authorise',
      `Decision ${title} does not authorise this ${implementing.kind} (${implementing.id})`,
    );
  if (outcome && outcome.on <= day)
    return {
      inEffect: true,
      since: outcome.on,
      basis: outcome.kind === 'amended' ? 'amended-after-call-in' : 'confirmed-after-call-in',
    };
  return {
    inEffect: true,
    since: decision.takesEffectOn,
    basis: decision.exemption ? 'exempt-from-call-in' : 'call-in-window-closed',
  };
}

/** Its status on a day: the stage its events reached by then, and "effective" once its window has closed. */
export function decisionStatusOn(decision: DecisionTimeline, day: IsoDate): DecisionStatus {
  const effect = decisionEffectOn(decision, day);
  if (effect.inEffect)
    return effect.basis === 'amended-after-call-in'
      ? 'amended'
      : effect.basis === 'confirmed-after-call-in'
        ? 'confirmed'
        : 'effective';
  switch (effect.reason) {
    case 'not-published':
      return 'not-published';
    case 'in-call-in-window':
      return 'published';
    default:
      return effect.reason as 'called-in' | 'referred-back' | 'rescinded';
  }
}

/**
 * For the deciders of other contexts: refuses (422, `decision.not-in-effect`) to record as done, on
 * `day`, something that implements a decision not in effect then. The problem carries the decision,
 * the reason and the day it is expected to take effect.
 */
export function refuseUnlessDecisionInEffect(
  decision: DecisionTimeline,
  day: IsoDate,
  implementing: EntityRef | undefined,
  field: string,
): void {
  const effect = decisionEffectOn(decision, day, implementing);
  if (effect.inEffect) return;
  const message = `${effect.explanation}, so nothing that implements it can be done on ${longDate(day)}`;
  throw new DomainError('decision.not-in-effect', message, 'rule', [{ field, message }], {
    decisionId: decision.decisionId,
    reason: effect.reason,
    expectedOn: effect.expectedOn,
  });
}
