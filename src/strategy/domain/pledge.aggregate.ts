import { DomainError, refuse } from '../../common/domain/domain-error.js';
import { EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import type {
  PledgeAmended,
  PledgeConcluded,
  PledgeDetails,
  PledgeEvent,
  PledgeMade,
  PledgeReinstated,
  PledgeWithdrawn,
} from './pledge.events.js';
import { requireText } from './rules.js';
import type { Strategy } from './strategy.aggregate.js';
import { PLEDGE_OUTCOMES, type PledgeOutcome, type PledgeStatus } from './values.js';

export const PLEDGE_REFERENCE = /^P[1-9]\d{0,2}$/;

/** A pledge the council makes under one theme of a strategy, e.g. "P3". */
export class Pledge extends EventSourcedAggregate<PledgeEvent> {
  readonly streamType = 'pledge';
  strategyId = '';
  themeId = '';
  reference = '';
  status: PledgeStatus = 'active';
  details: PledgeDetails = { title: '', description: '', principles: [], lead: '' };

  make(strategy: Strategy, input: { themeId: string; reference: string } & PledgeDetails): void {
    if (this.exists)
      throw new DomainError(
        'pledge.reference-taken',
        `Pledge ${input.reference} already exists in this strategy`,
        'conflict',
        [{ field: 'reference', message: 'already used in this strategy' }],
      );
    strategy.refuseIfClosed();
    if (!strategy.theme(input.themeId))
      refuse('pledge.theme-unknown', "The theme is not one of this strategy's themes", 'themeId');
    if (!PLEDGE_REFERENCE.test(input.reference)) {
      refuse(
        'pledge.reference-invalid',
        'A pledge reference is P followed by its number, such as P3 (no leading zeros)',
        'reference',
      );
    }
    this.apply({
      type: 'PledgeMade',
      data: {
        pledgeId: this.id,
        strategyId: strategy.id,
        themeId: input.themeId,
        reference: input.reference,
        ...validDetails(input),
      },
    });
  }

  amend(input: Partial<PledgeDetails>): void {
    this.refuseUnlessActive();
    const proposed = validDetails({ ...this.details, ...input });
    const changes = Object.fromEntries(
      (Object.keys(proposed) as (keyof PledgeDetails)[])
        .filter((key) => JSON.stringify(proposed[key]) !== JSON.stringify(this.details[key]))
        .map((key) => [key, proposed[key]]),
    ) as Partial<PledgeDetails>;
    if (Object.keys(changes).length === 0) refuse('pledge.no-change', 'Nothing in the pledge would change');
    this.apply({ type: 'PledgeAmended', data: { pledgeId: this.id, changes } });
  }

  conclude(outcome: PledgeOutcome, reason: string): void {
    this.refuseUnlessActive();
    if (!PLEDGE_OUTCOMES.includes(outcome)) {
      refuse('pledge.outcome-invalid', `The outcome must be one of ${PLEDGE_OUTCOMES.join(', ')}`, 'outcome');
    }
    this.apply({
      type: 'PledgeConcluded',
      data: { pledgeId: this.id, outcome, reason: requireText(reason, 'reason', 'Reason') },
    });
  }

  withdraw(reason: string): void {
    this.refuseUnlessActive();
    this.apply({
      type: 'PledgeWithdrawn',
      data: { pledgeId: this.id, reason: requireText(reason, 'reason', 'Reason') },
    });
  }

  reinstate(reason: string): void {
    if (this.status === 'active') refuse('pledge.already-active', 'This pledge is already active');
    this.apply({
      type: 'PledgeReinstated',
      data: { pledgeId: this.id, reason: requireText(reason, 'reason', 'Reason') },
    });
  }

  refuseUnlessActive(): void {
    if (this.status !== 'active')
      refuse('pledge.not-active', `This pledge is ${this.status}; reinstate it first`);
  }

  protected onPledgeMade({ data }: PledgeMade): void {
    this.strategyId = data.strategyId;
    this.themeId = data.themeId;
    this.reference = data.reference;
    this.details = {
      title: data.title,
      description: data.description,
      principles: data.principles,
      lead: data.lead,
    };
  }

  protected onPledgeAmended({ data }: PledgeAmended): void {
    this.details = { ...this.details, ...data.changes };
  }

  protected onPledgeConcluded({ data }: PledgeConcluded): void {
    this.status = data.outcome;
  }

  protected onPledgeWithdrawn(_: PledgeWithdrawn): void {
    this.status = 'withdrawn';
  }

  protected onPledgeReinstated(_: PledgeReinstated): void {
    this.status = 'active';
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
