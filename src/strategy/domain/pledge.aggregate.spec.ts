import { given } from '../../../libs/testing/given-when-then.js';
import { Pledge } from './pledge.aggregate.js';
import type { PledgeEvent, PledgeMade } from './pledge.events.js';
import { Strategy } from './strategy.aggregate.js';
import type { StrategyEvent } from './strategy.events.js';
import type { PledgeOutcome } from './values.js';

const today = '2024-06-30';
const drafted: StrategyEvent = {
  type: 'StrategyDrafted',
  data: {
    strategyId: 's1',
    title: 'VCSE engagement strategy',
    description: '',
    periodStart: '2023-11-01',
    periodEnd: '2027-03-31',
    effectiveOn: '2023-09-18',
  },
};
const theme: StrategyEvent = {
  type: 'ThemeAdded',
  data: {
    strategyId: 's1',
    themeId: 't1',
    title: 'Communication',
    description: '',
    effectiveOn: '2023-09-18',
  },
};
const strategy = () => new Strategy('s1').rehydrate([drafted, theme]);

const details = {
  themeId: 't1',
  reference: 'P3',
  title: 'Communicate better',
  description: 'More effective communication with the sector',
  principles: ['Listen first'],
  lead: 'Director of Neighbourhood Services',
};
const made: PledgeMade = {
  type: 'PledgeMade',
  data: { pledgeId: 'p3', strategyId: 's1', ...details, effectiveOn: '2023-10-16' },
};
const withdrawn: PledgeEvent = {
  type: 'PledgeWithdrawn',
  data: { pledgeId: 'p3', reason: 'No funding', effectiveOn: today },
};
const reinstated: PledgeEvent = {
  type: 'PledgeReinstated',
  data: { pledgeId: 'p3', reason: 'Funding found', effectiveOn: today },
};
const concluded = (outcome: PledgeOutcome): PledgeEvent => ({
  type: 'PledgeConcluded',
  data: { pledgeId: 'p3', outcome, reason: 'End of the period', effectiveOn: today },
});

/** Every way a pledge stops being active, with the status it is left in. */
const ended: [string, PledgeEvent][] = [
  ['withdrawn', withdrawn],
  ['achieved', concluded('achieved')],
  ['partly-achieved', concluded('partly-achieved')],
  ['not-achieved', concluded('not-achieved')],
];

describe('making a pledge', () => {
  it('refuses a reference already taken in this strategy, as a conflict on the reference', () => {
    const pledge = new Pledge('p3');
    given(pledge, made)
      .when((p) => p.make(strategy(), { ...details, title: 'Another pledge' }, today))
      .thenRefuses('pledge.reference-taken', 'reference');
    expect(() => pledge.make(strategy(), details, today)).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
    expect(pledge.details.title).toBe('Communicate better');
  });

  it('refuses a second make of the same pledge before the first is saved', () => {
    const pledge = new Pledge('p3');
    pledge.make(strategy(), details, today);
    expect(() => pledge.make(strategy(), details, today)).toThrow(
      expect.objectContaining({ code: 'pledge.reference-taken' }),
    );
    expect(pledge.getUncommittedEvents()).toHaveLength(1);
  });

  it('checks the reference is free before anything else about the pledge', () => {
    given(new Pledge('p3'), made)
      .when((p) => p.make(strategy(), { ...details, themeId: 'nope', reference: 'x', title: '' }, today))
      .thenRefuses('pledge.reference-taken');
  });

  it.each(['P1', 'P99', 'P999'])('accepts the reference %s', (reference) => {
    given(new Pledge('p'))
      .when((p) => p.make(strategy(), { ...details, reference }, today))
      .then({
        type: 'PledgeMade',
        data: { pledgeId: 'p', strategyId: 's1', ...details, reference, effectiveOn: today },
      });
  });

  it.each(['P1000', 'p3', 'P', 'P3a', 'P 3', 'A3.1', 'P03', 'P0'])(
    'refuses the reference %j',
    (reference) => {
      given(new Pledge('p'))
        .when((p) => p.make(strategy(), { ...details, reference }, today))
        .thenRefuses('pledge.reference-invalid', 'reference');
    },
  );

  it.each([
    [{ title: ' ' }, 'title.required', 'title'],
    [{ title: 'x'.repeat(301) }, 'title.too-long', 'title'],
    [{ description: '' }, 'description.required', 'description'],
    [{ description: 'x'.repeat(5001) }, 'description.too-long', 'description'],
    [{ principles: ['Listen first', ' '] }, 'principles[1].required', 'principles[1]'],
    [{ principles: ['x'.repeat(501)] }, 'principles[0].too-long', 'principles[0]'],
    [{ lead: 'x'.repeat(201) }, 'lead.too-long', 'lead'],
  ])('refuses %j', (change, code, field) => {
    given(new Pledge('p3'))
      .when((p) => p.make(strategy(), { ...details, ...change }, today))
      .thenRefuses(code, field);
  });

  it('accepts details at their longest', () => {
    const longest = {
      title: 'x'.repeat(300),
      description: 'x'.repeat(5000),
      principles: ['x'.repeat(500)],
      lead: 'x'.repeat(200),
    };
    given(new Pledge('p3'))
      .when((p) => p.make(strategy(), { ...details, ...longest }, today))
      .then({
        type: 'PledgeMade',
        data: { pledgeId: 'p3', strategyId: 's1', ...details, ...longest, effectiveOn: today },
      });
  });
});

describe('amending a pledge', () => {
  it.each(ended)('refuses to amend a pledge that is %s', (status, ending) => {
    const pledge = new Pledge('p3');
    given(pledge, made, ending)
      .when((p) => p.amend({ title: 'Communicate much better' }, today))
      .thenRefuses('pledge.not-active');
    expect(pledge.status).toBe(status);
    expect(pledge.details.title).toBe('Communicate better');
  });

  it('amends a pledge once it is reinstated', () => {
    given(new Pledge('p3'), made, withdrawn, reinstated)
      .when((p) => p.amend({ title: 'Communicate much better' }, today))
      .then({
        type: 'PledgeAmended',
        data: { pledgeId: 'p3', changes: { title: 'Communicate much better' }, effectiveOn: today },
      });
  });

  it.each([
    [{ title: '' }, 'title.required', 'title'],
    [{ title: 'x'.repeat(301) }, 'title.too-long', 'title'],
    [{ description: ' ' }, 'description.required', 'description'],
    [{ description: 'x'.repeat(5001) }, 'description.too-long', 'description'],
    [{ principles: [''] }, 'principles[0].required', 'principles[0]'],
    [{ principles: ['ok', 'x'.repeat(501)] }, 'principles[1].too-long', 'principles[1]'],
    [{ lead: '' }, 'lead.required', 'lead'],
    [{ lead: 'x'.repeat(201) }, 'lead.too-long', 'lead'],
  ])('refuses %j', (change, code, field) => {
    const pledge = new Pledge('p3');
    given(pledge, made)
      .when((p) => p.amend(change, today))
      .thenRefuses(code, field);
    expect(pledge.details).toEqual({
      title: details.title,
      description: details.description,
      principles: details.principles,
      lead: details.lead,
    });
  });

  it('treats text that differs only in surrounding spaces as no change', () => {
    given(new Pledge('p3'), made)
      .when((p) => p.amend({ title: '  Communicate better  ' }, today))
      .thenRefuses('pledge.no-change');
  });

  it('records a change to the principles alone', () => {
    given(new Pledge('p3'), made)
      .when((p) => p.amend({ principles: [] }, today))
      .then({
        type: 'PledgeAmended',
        data: { pledgeId: 'p3', changes: { principles: [] }, effectiveOn: today },
      });
  });
});

describe('concluding a pledge', () => {
  it.each(ended)('refuses to conclude a pledge that is %s', (status, ending) => {
    const pledge = new Pledge('p3');
    given(pledge, made, ending)
      .when((p) => p.conclude({ outcome: 'achieved', reason: 'Delivered' }, today))
      .thenRefuses('pledge.not-active');
    expect(pledge.status).toBe(status);
  });

  it.each(['achieved', 'partly-achieved', 'not-achieved'] as const)(
    'concludes an active pledge as %s',
    (outcome) => {
      const pledge = new Pledge('p3');
      given(pledge, made)
        .when((p) => p.conclude({ outcome, reason: 'End of the period' }, today))
        .then(concluded(outcome));
    },
  );

  it.each(['withdrawn', 'active'])('refuses %j as an outcome: it is a status, not an outcome', (outcome) => {
    given(new Pledge('p3'), made)
      .when((p) => p.conclude({ outcome: outcome as PledgeOutcome, reason: 'r' }, today))
      .thenRefuses('pledge.outcome-invalid', 'outcome');
  });

  it('refuses a reason that is too long', () => {
    given(new Pledge('p3'), made)
      .when((p) => p.conclude({ outcome: 'achieved', reason: 'x'.repeat(2001) }, today))
      .thenRefuses('reason.too-long', 'reason');
  });
});

describe('withdrawing a pledge', () => {
  it('needs a reason', () => {
    const pledge = new Pledge('p3');
    given(pledge, made)
      .when((p) => p.withdraw({ reason: '  ' }, today))
      .thenRefuses('reason.required', 'reason');
    expect(pledge.status).toBe('active');
  });

  it.each(ended)('refuses to withdraw a pledge that is %s', (status, ending) => {
    const pledge = new Pledge('p3');
    given(pledge, made, ending)
      .when((p) => p.withdraw({ reason: 'No funding' }, today))
      .thenRefuses('pledge.not-active');
    expect(pledge.status).toBe(status);
  });

  it('withdraws an active pledge with its reason', () => {
    given(new Pledge('p3'), made)
      .when((p) => p.withdraw({ reason: 'No funding' }, today))
      .then(withdrawn);
  });
});

describe('reinstating a pledge', () => {
  it('refuses to reinstate a pledge that is active', () => {
    const pledge = new Pledge('p3');
    given(pledge, made)
      .when((p) => p.reinstate({ reason: 'Funding found' }, today))
      .thenRefuses('pledge.already-active');
    expect(pledge.status).toBe('active');
  });

  it('refuses to reinstate a pledge a second time', () => {
    given(new Pledge('p3'), made, withdrawn, reinstated)
      .when((p) => p.reinstate({ reason: 'Funding found again' }, today))
      .thenRefuses('pledge.already-active');
  });

  it.each(ended)('reinstates a pledge that is %s', (_, ending) => {
    const pledge = new Pledge('p3');
    given(pledge, made, ending)
      .when((p) => p.reinstate({ reason: 'Funding found' }, today))
      .then(reinstated);
    expect(pledge.status).toBe('active');
  });

  it('needs a reason', () => {
    const pledge = new Pledge('p3');
    given(pledge, made, withdrawn)
      .when((p) => p.reinstate({ reason: '' }, today))
      .thenRefuses('reason.required', 'reason');
    expect(pledge.status).toBe('withdrawn');
  });
});
