import type { IsoDate } from '../../common/domain/dates.js';
import { DomainError, refuse } from '../../common/domain/domain-error.js';
import { EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import { effectiveOnOf } from './effective-dates.js';
import type {
  PledgeAmended,
  PledgeConcluded,
  PledgeDetails,
  PledgeEvent,
  PledgeMade,
  PledgeReinstated,
  PledgeWithdrawn,
} from './pledge.events.js';
import { effectiveDay, refuseIfBefore, requireText } from './rules.js';
import type { Strategy } from './strategy.aggregate.js';
import { PLEDGE_OUTCOMES, type PledgeOutcome, type PledgeStatus } from './values.js';
import { PLEDGE_STREAM } from './stream-types.js';

export const PLEDGE_REFERENCE = /^P[1-9]\d{0,2}$/;

const CHANGE_WORDS: Record<PledgeEvent['type'], string> = {
  PledgeMade: 'made',
  PledgeAmended: 'amended',
  PledgeConcluded: 'concluded',
  PledgeWithdrawn: 'withdrawn',
  PledgeReinstated: 'reinstated',
};

/**
 * A pledge the council makes under one theme of a strategy, e.g. "P3". Its changes take effect in
 * the order they are recorded: each is a decision about the pledge as the last one left it.
 */
export class Pledge extends EventSourcedAggregate<PledgeEvent> {
  readonly streamType = PLEDGE_STREAM;
  strategyId = '';
  themeId = '';
  reference = '';
  status: PledgeStatus = 'active';
  details: PledgeDetails = { title: '', description: '', principles: [], lead: '' };
  /** The day it was made, or last reinstated: no action is planned under it before. */
  activeSince: IsoDate = '';
  /** What its last change was ("made", "amended", ...). */
  lastChange = '';

  make(
    strategy: Strategy,
    input: { themeId: string; reference: string; effectiveOn?: string } & PledgeDetails,
    today: IsoDate,
  ): void {
    if (this.exists)
      throw new DomainError(
        'pledge.reference-taken',
        `Pledge ${input.reference} already exists in this strategy`,
        'conflict',
        [{ field: 'reference', message: 'already used in this strategy' }],
      );
    strategy.refuseIfClosed();
    const theme = strategy.theme(input.themeId);
    if (!theme) refuse('pledge.theme-unknown', "The theme is not one of this strategy's themes", 'themeId');
    if (!PLEDGE_REFERENCE.test(input.reference)) {
      refuse(
        'pledge.reference-invalid',
        'A pledge reference is P followed by its number, such as P3 (no leading zeros)',
        'reference',
      );
    }
    const effectiveOn = effectiveDay(input.effectiveOn, today, 'The date the pledge was made');
    refuseIfBefore(
      effectiveOn,
      strategy.draftedOn,
      'pledge.before-strategy',
      'effectiveOn',
      (drafted, on) => `The strategy was drafted on ${drafted}: a pledge cannot be made in it on ${on}`,
    );
    refuseIfBefore(
      effectiveOn,
      theme.addedOn,
      'pledge.before-theme',
      'effectiveOn',
      (added, on) =>
        `The theme "${theme.title}" was added on ${added}: a pledge cannot be made under it on ${on}`,
    );
    this.apply({
      type: 'PledgeMade',
      data: {
        pledgeId: this.id,
        strategyId: strategy.id,
        themeId: input.themeId,
        reference: input.reference,
        ...validDetails(input),
        effectiveOn,
      },
    });
  }

  amend(input: Partial<PledgeDetails> & { effectiveOn?: string }, today: IsoDate): void {
    this.refuseUnlessActive();
    const { effectiveOn: day, ...amended } = input;
    const proposed = validDetails({ ...this.details, ...amended });
    const changes = Object.fromEntries(
      (Object.keys(proposed) as (keyof PledgeDetails)[])
        .filter((key) => JSON.stringify(proposed[key]) !== JSON.stringify(this.details[key]))
        .map((key) => [key, proposed[key]]),
    ) as Partial<PledgeDetails>;
    if (Object.keys(changes).length === 0) refuse('pledge.no-change', 'Nothing in the pledge would change');
    const effectiveOn = this.changeDay(day, today, 'The date the pledge was amended', 'amended');
    this.apply({ type: 'PledgeAmended', data: { pledgeId: this.id, changes, effectiveOn } });
  }

  conclude(input: { outcome: PledgeOutcome; reason: string; effectiveOn?: string }, today: IsoDate): void {
    this.refuseUnlessActive();
    const { outcome } = input;
    if (!PLEDGE_OUTCOMES.includes(outcome)) {
      refuse('pledge.outcome-invalid', `The outcome must be one of ${PLEDGE_OUTCOMES.join(', ')}`, 'outcome');
    }
    const reason = requireText(input.reason, 'reason', 'Reason');
    const effectiveOn = this.changeDay(
      input.effectiveOn,
      today,
      'The date the pledge was concluded',
      'concluded',
    );
    this.apply({ type: 'PledgeConcluded', data: { pledgeId: this.id, outcome, reason, effectiveOn } });
  }

  withdraw(input: { reason: string; effectiveOn?: string }, today: IsoDate): void {
    this.refuseUnlessActive();
    const reason = requireText(input.reason, 'reason', 'Reason');
    const effectiveOn = this.changeDay(
      input.effectiveOn,
      today,
      'The date the pledge was withdrawn',
      'withdrawn',
    );
    this.apply({ type: 'PledgeWithdrawn', data: { pledgeId: this.id, reason, effectiveOn } });
  }

  reinstate(input: { reason: string; effectiveOn?: string }, today: IsoDate): void {
    if (this.status === 'active') refuse('pledge.already-active', 'This pledge is already active');
    const reason = requireText(input.reason, 'reason', 'Reason');
    const effectiveOn = this.changeDay(
      input.effectiveOn,
      today,
      'The date the pledge was reinstated',
      'reinstated',
    );
    this.apply({ type: 'PledgeReinstated', data: { pledgeId: this.id, reason, effectiveOn } });
  }

  refuseUnlessActive(): void {
    if (this.status !== 'active')
      refuse('pledge.not-active', `This pledge is ${this.status}; reinstate it first`);
  }

  effectiveOnOf(event: PledgeEvent): IsoDate {
    return effectiveOnOf(event);
  }

  /** The day a change takes effect: today or earlier, and not before the pledge's last change. */
  private changeDay(day: string | undefined, today: IsoDate, label: string, becoming: string): IsoDate {
    const effectiveOn = effectiveDay(day, today, label);
    refuseIfBefore(
      effectiveOn,
      this.latestEffectiveOn,
      'pledge.before-last-change',
      'effectiveOn',
      (last, on) =>
        `Pledge ${this.reference} was ${this.lastChange} on ${last}: it cannot be ${becoming} before then, on ${on}`,
    );
    return effectiveOn;
  }

  protected onPledgeMade({ type, data }: PledgeMade): void {
    this.strategyId = data.strategyId;
    this.themeId = data.themeId;
    this.reference = data.reference;
    this.details = {
      title: data.title,
      description: data.description,
      principles: data.principles,
      lead: data.lead,
    };
    this.activeSince = data.effectiveOn;
    this.lastChange = CHANGE_WORDS[type];
  }

  protected onPledgeAmended({ type, data }: PledgeAmended): void {
    this.details = { ...this.details, ...data.changes };
    this.lastChange = CHANGE_WORDS[type];
  }

  protected onPledgeConcluded({ type, data }: PledgeConcluded): void {
    this.status = data.outcome;
    this.lastChange = CHANGE_WORDS[type];
  }

  protected onPledgeWithdrawn({ type }: PledgeWithdrawn): void {
    this.status = 'withdrawn';
    this.lastChange = CHANGE_WORDS[type];
  }

  protected onPledgeReinstated({ type, data }: PledgeReinstated): void {
    this.status = 'active';
    this.activeSince = data.effectiveOn;
    this.lastChange = CHANGE_WORDS[type];
  }
}

function validDetails(input: PledgeDetails): PledgeDetails {
  return {
    title: requireText(input.title, 'title', 'Title', 300),
    description: requireText(input.description, 'description', 'Description', 5000),
    principles: (input.principles ?? []).map((principle, index) =>
      requireText(principle, `principles[${index}]`, 'A principle', 500),
    ),
    lead: requireText(input.lead, 'lead', 'Lead', 200),
  };
}
