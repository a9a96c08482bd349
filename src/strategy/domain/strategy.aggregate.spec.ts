import { given } from '../../../libs/testing/given-when-then.js';
import { Pledge } from './pledge.aggregate.js';
import { Strategy } from './strategy.aggregate.js';
import type { StrategyEvent } from './strategy.events.js';

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
const adopted: StrategyEvent = {
  type: 'StrategyAdopted',
  data: { strategyId: 's1', adoptedOn: '2023-11-14', decisionReference: null },
};
const closed: StrategyEvent = {
  type: 'StrategyClosed',
  data: { strategyId: 's1', reason: 'Replaced', effectiveOn: today },
};

describe('a strategy', () => {
  it('is drafted for a period that ends after it starts', () => {
    given(new Strategy('s1'))
      .when((strategy) =>
        strategy.draft(
          {
            title: 'VCSE engagement strategy',
            description: '',
            periodStart: '2023-11-01',
            periodEnd: '2027-03-31',
            effectiveOn: '2023-09-18',
          },
          today,
        ),
      )
      .then(drafted);
    given(new Strategy('s1'))
      .when((strategy) =>
        strategy.draft(
          { title: 'T', description: '', periodStart: '2024-01-01', periodEnd: '2024-01-01' },
          today,
        ),
      )
      .thenRefuses('strategy.period-invalid', 'periodEnd');
  });

  it('needs a theme before adoption, and is adopted only once', () => {
    given(new Strategy('s1'), drafted)
      .when((strategy) => strategy.adopt({ adoptedOn: '2023-11-14' }, today))
      .thenRefuses('strategy.no-themes');
    given(new Strategy('s1'), drafted, theme)
      .when((strategy) => strategy.adopt({ adoptedOn: '2023-11-14' }, today))
      .then(adopted);
    given(new Strategy('s1'), drafted, theme, adopted)
      .when((strategy) => strategy.adopt({ adoptedOn: '2023-11-15' }, today))
      .thenRefuses('strategy.cannot-adopt');
  });

  it('refuses two themes with the same title', () => {
    given(new Strategy('s1'), drafted, theme)
      .when((strategy) =>
        strategy.addTheme({ themeId: 't2', title: 'communication', description: '' }, today),
      )
      .thenRefuses('theme.duplicate-title', 'title');
  });

  it('reorders its themes only as a permutation of them', () => {
    const second: StrategyEvent = {
      type: 'ThemeAdded',
      data: { strategyId: 's1', themeId: 't2', title: 'Funding', description: '', effectiveOn: '2023-10-02' },
    };
    given(new Strategy('s1'), drafted, theme, second)
      .when((strategy) => strategy.reorderThemes({ themeIds: ['t2', 't1'] }, today))
      .then({
        type: 'ThemesReordered',
        data: { strategyId: 's1', themeIds: ['t2', 't1'], effectiveOn: today },
      });
    given(new Strategy('s1'), drafted, theme, second)
      .when((strategy) => strategy.reorderThemes({ themeIds: ['t2', 't2'] }, today))
      .thenRefuses('theme.order-invalid');
  });

  it('goes under review with a reason, and once closed takes no change', () => {
    given(new Strategy('s1'), drafted, theme, adopted)
      .when((strategy) => strategy.putUnderReview({ reason: '' }, today))
      .thenRefuses('reason.required');
    given(new Strategy('s1'), drafted, theme)
      .when((strategy) => strategy.putUnderReview({ reason: 'r' }, today))
      .thenRefuses('strategy.not-adopted');
    given(new Strategy('s1'), drafted, theme)
      .when((strategy) => strategy.close({ reason: 'r' }, today))
      .thenRefuses('strategy.draft');
    given(new Strategy('s1'), drafted, theme, adopted, closed)
      .when((strategy) => strategy.addTheme({ themeId: 't3', title: 'New', description: '' }, today))
      .thenRefuses('strategy.closed');
  });
});

describe('a pledge', () => {
  const strategy = () => new Strategy('s1').rehydrate([drafted, theme]);
  const details = {
    themeId: 't1',
    reference: 'P3',
    title: 'Communicate better',
    description: 'More effective communication with the sector',
    principles: ['Listen first'],
    lead: 'Director of Neighbourhood Services',
  };

  it('is made under a theme of its strategy with a P-number reference', () => {
    given(new Pledge('p3'))
      .when((pledge) => pledge.make(strategy(), details, today))
      .then({
        type: 'PledgeMade',
        data: { pledgeId: 'p3', strategyId: 's1', ...details, effectiveOn: today },
      });
    given(new Pledge('p3'))
      .when((pledge) => pledge.make(strategy(), { ...details, themeId: 'nope' }, today))
      .thenRefuses('pledge.theme-unknown', 'themeId');
    given(new Pledge('p3'))
      .when((pledge) => pledge.make(strategy(), { ...details, reference: '3' }, today))
      .thenRefuses('pledge.reference-invalid', 'reference');
    given(new Pledge('p3'))
      .when((pledge) => pledge.make(strategy(), { ...details, lead: '' }, today))
      .thenRefuses('lead.required', 'lead');
  });

  it('is not made in a closed strategy', () => {
    const closedStrategy = new Strategy('s1').rehydrate([drafted, theme, adopted, closed]);
    given(new Pledge('p3'))
      .when((pledge) => pledge.make(closedStrategy, details, today))
      .thenRefuses('strategy.closed');
  });

  const made = () => {
    const pledge = new Pledge('p3');
    pledge.make(strategy(), { ...details, effectiveOn: '2023-10-16' }, today);
    return pledge.getUncommittedEvents()[0];
  };

  it('records only the fields an amendment changes, and refuses an empty one', () => {
    given(new Pledge('p3'), made())
      .when((pledge) =>
        pledge.amend({ title: 'Communicate much better', lead: 'Director of Neighbourhood Services' }, today),
      )
      .then({
        type: 'PledgeAmended',
        data: { pledgeId: 'p3', changes: { title: 'Communicate much better' }, effectiveOn: today },
      });
    given(new Pledge('p3'), made())
      .when((pledge) => pledge.amend({ title: 'Communicate better' }, today))
      .thenRefuses('pledge.no-change');
  });

  it('ends with an outcome and a reason, and can be reinstated', () => {
    given(new Pledge('p3'), made())
      .when((pledge) => pledge.conclude({ outcome: 'achieved', reason: '' }, today))
      .thenRefuses('reason.required');
    given(new Pledge('p3'), made())
      .when((pledge) => pledge.conclude({ outcome: 'abandoned' as never, reason: 'r' }, today))
      .thenRefuses('pledge.outcome-invalid');
    const withdrawn = {
      type: 'PledgeWithdrawn' as const,
      data: { pledgeId: 'p3', reason: 'No funding', effectiveOn: '2024-01-10' },
    };
    given(new Pledge('p3'), made(), withdrawn)
      .when((pledge) => pledge.withdraw({ reason: 'again' }, today))
      .thenRefuses('pledge.not-active');
    given(new Pledge('p3'), made(), withdrawn)
      .when((pledge) => pledge.reinstate({ reason: 'Funding found' }, today))
      .then({
        type: 'PledgeReinstated',
        data: { pledgeId: 'p3', reason: 'Funding found', effectiveOn: today },
      });
  });
});

describe('the rules a strategy keeps', () => {
  const underReview: StrategyEvent = {
    type: 'StrategyPutUnderReview',
    data: { strategyId: 's1', reason: 'Mid-term review', effectiveOn: '2024-04-01' },
  };
  const second: StrategyEvent = {
    type: 'ThemeAdded',
    data: { strategyId: 's1', themeId: 't2', title: 'Funding', description: '', effectiveOn: '2023-10-02' },
  };
  const draft = {
    title: 'VCSE engagement strategy',
    description: '',
    periodStart: '2023-11-01',
    periodEnd: '2027-03-31',
  };

  it('refuses to be drafted again once it exists', () => {
    const strategy = new Strategy('s1');
    given(strategy, drafted)
      .when((s) => s.draft({ ...draft, title: 'Another strategy' }, today))
      .thenRefuses('strategy.exists');
    expect(strategy.title).toBe('VCSE engagement strategy');
  });

  it('refuses to be drafted twice before the first draft is saved', () => {
    const strategy = new Strategy('s1');
    strategy.draft(draft, today);
    expect(() => strategy.draft(draft, today)).toThrow(expect.objectContaining({ code: 'strategy.exists' }));
    expect(strategy.getUncommittedEvents()).toHaveLength(1);
  });

  it('refuses to be drafted again even once closed', () => {
    given(new Strategy('s1'), drafted, theme, adopted, closed)
      .when((s) => s.draft(draft, today))
      .thenRefuses('strategy.exists');
  });

  it.each([
    [{ periodStart: '2023-02-29' }, 'periodStart.invalid', 'periodStart'],
    [{ periodEnd: '31/03/2027' }, 'periodEnd.invalid', 'periodEnd'],
    [{ periodEnd: '2023-10-31' }, 'strategy.period-invalid', 'periodEnd'],
    [{ title: '  ' }, 'title.required', 'title'],
    [{ title: 'x'.repeat(201) }, 'title.too-long', 'title'],
    [{ description: 'x'.repeat(5001) }, 'description.too-long', 'description'],
  ])('refuses a draft with %j', (change, code, field) => {
    given(new Strategy('s1'))
      .when((s) => s.draft({ ...draft, ...change }, today))
      .thenRefuses(code, field);
  });

  it('allows a draft whose period is one day long, with title and description at their longest', () => {
    given(new Strategy('s1'))
      .when((s) =>
        s.draft(
          {
            title: 'x'.repeat(200),
            description: 'x'.repeat(5000),
            periodStart: '2024-01-01',
            periodEnd: '2024-01-02',
          },
          today,
        ),
      )
      .then({
        type: 'StrategyDrafted',
        data: {
          strategyId: 's1',
          title: 'x'.repeat(200),
          description: 'x'.repeat(5000),
          periodStart: '2024-01-01',
          periodEnd: '2024-01-02',
          effectiveOn: today,
        },
      });
  });

  it.each([
    [{ title: '' }, 'title.required', 'title'],
    [{ title: 'x'.repeat(201) }, 'title.too-long', 'title'],
    [{ description: 'x'.repeat(5001) }, 'description.too-long', 'description'],
  ])('refuses a theme with %j', (change, code, field) => {
    const strategy = new Strategy('s1');
    given(strategy, drafted, theme)
      .when((s) => s.addTheme({ themeId: 't2', title: 'Funding', description: '', ...change }, today))
      .thenRefuses(code, field);
    expect(strategy.themes.map((t) => t.id)).toEqual(['t1']);
  });

  it('allows a theme whose title contains, but differs from, another', () => {
    given(new Strategy('s1'), drafted, theme)
      .when((s) => s.addTheme({ themeId: 't2', title: 'Communication and funding', description: '' }, today))
      .then({
        type: 'ThemeAdded',
        data: {
          strategyId: 's1',
          themeId: 't2',
          title: 'Communication and funding',
          description: '',
          effectiveOn: today,
        },
      });
  });

  it.each([[['t1']], [['t2', 't1', 't3']], [['t2', 't3']], [[]]])(
    'refuses to reorder its themes as %j',
    (themeIds) => {
      const strategy = new Strategy('s1');
      given(strategy, drafted, theme, second)
        .when((s) => s.reorderThemes({ themeIds }, today))
        .thenRefuses('theme.order-invalid', 'themeIds');
      expect(strategy.themes.map((t) => t.id)).toEqual(['t1', 't2']);
    },
  );

  it('refuses to reorder its themes once closed', () => {
    given(new Strategy('s1'), drafted, theme, second, adopted, closed)
      .when((s) => s.reorderThemes({ themeIds: ['t2', 't1'] }, today))
      .thenRefuses('strategy.closed');
  });

  it('allows its themes to be reordered while under review', () => {
    given(new Strategy('s1'), drafted, theme, second, adopted, underReview)
      .when((s) => s.reorderThemes({ themeIds: ['t2', 't1'] }, today))
      .then({
        type: 'ThemesReordered',
        data: { strategyId: 's1', themeIds: ['t2', 't1'], effectiveOn: today },
      });
  });

  it('refuses to be adopted once closed', () => {
    const strategy = new Strategy('s1');
    given(strategy, drafted, theme, adopted, closed)
      .when((s) => s.adopt({ adoptedOn: '2024-01-01' }, today))
      .thenRefuses('strategy.cannot-adopt');
    expect(strategy.status).toBe('closed');
  });

  it('allows re-adoption after a review, with a decision reference at its longest', () => {
    const strategy = new Strategy('s1');
    given(strategy, drafted, theme, adopted, underReview)
      .when((s) => s.adopt({ adoptedOn: '2024-05-01', decisionReference: 'x'.repeat(100) }, today))
      .then({
        type: 'StrategyAdopted',
        data: { strategyId: 's1', adoptedOn: '2024-05-01', decisionReference: 'x'.repeat(100) },
      });
    expect(strategy.status).toBe('adopted');
  });

  it.each([
    [{ adoptedOn: '2023-13-01' }, 'adoptedOn.invalid', 'adoptedOn'],
    [{ decisionReference: 'x'.repeat(101) }, 'decisionReference.too-long', 'decisionReference'],
  ])('refuses an adoption with %j', (change, code, field) => {
    const strategy = new Strategy('s1');
    given(strategy, drafted, theme)
      .when((s) => s.adopt({ adoptedOn: '2023-11-14', ...change }, today))
      .thenRefuses(code, field);
    expect(strategy.status).toBe('draft');
  });

  it.each([
    ['under review', [underReview]],
    ['closed', [closed]],
  ])('refuses to go under review when it is %s', (_, after) => {
    given(new Strategy('s1'), drafted, theme, adopted, ...after)
      .when((s) => s.putUnderReview({ reason: 'Another review' }, today))
      .thenRefuses('strategy.not-adopted');
  });

  it('allows an adopted strategy under review with a reason at its longest, and no longer', () => {
    given(new Strategy('s1'), drafted, theme, adopted)
      .when((s) => s.putUnderReview({ reason: 'x'.repeat(2000) }, today))
      .then({
        type: 'StrategyPutUnderReview',
        data: { strategyId: 's1', reason: 'x'.repeat(2000), effectiveOn: today },
      });
    given(new Strategy('s1'), drafted, theme, adopted)
      .when((s) => s.putUnderReview({ reason: 'x'.repeat(2001) }, today))
      .thenRefuses('reason.too-long', 'reason');
  });

  it('refuses to be closed again', () => {
    const strategy = new Strategy('s1');
    given(strategy, drafted, theme, adopted, closed)
      .when((s) => s.close({ reason: 'Replaced again' }, today))
      .thenRefuses('strategy.closed');
    expect(strategy.status).toBe('closed');
  });

  it('refuses to be closed without a reason', () => {
    const strategy = new Strategy('s1');
    given(strategy, drafted, theme, adopted)
      .when((s) => s.close({ reason: ' ' }, today))
      .thenRefuses('reason.required', 'reason');
    expect(strategy.status).toBe('adopted');
  });

  it.each([
    ['adopted', []],
    ['under review', [underReview]],
  ])('allows closing when it is %s', (_, after) => {
    const strategy = new Strategy('s1');
    given(strategy, drafted, theme, adopted, ...after)
      .when((s) => s.close({ reason: 'Replaced' }, today))
      .then(closed);
    expect(strategy.status).toBe('closed');
  });
});

describe('when the changes to a strategy take effect', () => {
  const draft = {
    title: 'VCSE engagement strategy',
    description: '',
    periodStart: '2019-04-01',
    periodEnd: '2023-03-31',
  };
  const funding: StrategyEvent = {
    type: 'ThemeAdded',
    data: { strategyId: 's1', themeId: 't2', title: 'Funding', description: '', effectiveOn: '2023-10-02' },
  };

  it('is drafted on the day given, today when none is, and never in the future', () => {
    given(new Strategy('s1'))
      .when((s) => s.draft({ ...draft, effectiveOn: '2019-01-21' }, today))
      .then({ type: 'StrategyDrafted', data: { strategyId: 's1', ...draft, effectiveOn: '2019-01-21' } });
    given(new Strategy('s1'))
      .when((s) => s.draft(draft, today))
      .then({ type: 'StrategyDrafted', data: { strategyId: 's1', ...draft, effectiveOn: today } });
    given(new Strategy('s1'))
      .when((s) => s.draft({ ...draft, effectiveOn: '2024-07-01' }, today))
      .thenRefuses('effectiveOn.in-future', 'effectiveOn');
    given(new Strategy('s1'))
      .when((s) => s.draft({ ...draft, effectiveOn: '2019-02-30' }, today))
      .thenRefuses('effectiveOn.invalid', 'effectiveOn');
  });

  it('refuses a theme added before the strategy was drafted, naming both days', () => {
    const strategy = new Strategy('s1').rehydrate([drafted]);
    expect(() =>
      strategy.addTheme(
        { themeId: 't2', title: 'Funding', description: '', effectiveOn: '2023-09-01' },
        today,
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'theme.before-strategy',
        message:
          'The strategy was drafted on 18 September 2023: a theme cannot be added to it on 1 September 2023',
        fields: [expect.objectContaining({ field: 'effectiveOn' })],
        extra: { effectiveOn: '2023-09-01', notBefore: '2023-09-18' },
      }),
    );
    expect(strategy.getUncommittedEvents()).toEqual([]);
    given(new Strategy('s1'), drafted)
      .when((s) =>
        s.addTheme({ themeId: 't2', title: 'Funding', description: '', effectiveOn: '2023-09-18' }, today),
      )
      .then({
        type: 'ThemeAdded',
        data: {
          strategyId: 's1',
          themeId: 't2',
          title: 'Funding',
          description: '',
          effectiveOn: '2023-09-18',
        },
      });
  });

  it('is adopted not before it was drafted, nor before it had a theme, nor in the future', () => {
    given(new Strategy('s1'), drafted, theme)
      .when((s) => s.adopt({ adoptedOn: '2023-09-17' }, today))
      .thenRefuses('strategy.before-draft', 'adoptedOn');
    given(new Strategy('s1'), drafted, funding)
      .when((s) => s.adopt({ adoptedOn: '2023-09-25' }, today))
      .thenRefuses('strategy.no-themes', 'adoptedOn');
    given(new Strategy('s1'), drafted, funding)
      .when((s) => s.adopt({ adoptedOn: '2023-10-02' }, today))
      .then({
        type: 'StrategyAdopted',
        data: { strategyId: 's1', adoptedOn: '2023-10-02', decisionReference: null },
      });
    given(new Strategy('s1'), drafted, theme)
      .when((s) => s.adopt({ adoptedOn: '2024-07-01' }, today))
      .thenRefuses('adoptedOn.in-future', 'adoptedOn');
  });

  it('changes status in the order the changes are recorded', () => {
    given(new Strategy('s1'), drafted, theme, adopted)
      .when((s) => s.putUnderReview({ reason: 'Mid-term', effectiveOn: '2023-11-13' }, today))
      .thenRefuses('strategy.before-adopted', 'effectiveOn');
    const review: StrategyEvent = {
      type: 'StrategyPutUnderReview',
      data: { strategyId: 's1', reason: 'Mid-term', effectiveOn: '2024-04-01' },
    };
    given(new Strategy('s1'), drafted, theme, adopted, review)
      .when((s) => s.adopt({ adoptedOn: '2024-03-31' }, today))
      .thenRefuses('strategy.before-under-review', 'adoptedOn');
  });

  it('is not closed before its last change took effect', () => {
    const later: StrategyEvent = {
      type: 'ThemeAdded',
      data: { strategyId: 's1', themeId: 't2', title: 'Funding', description: '', effectiveOn: '2024-05-01' },
    };
    given(new Strategy('s1'), drafted, theme, adopted, later)
      .when((s) => s.close({ reason: 'Replaced', effectiveOn: '2024-04-30' }, today))
      .thenRefuses('strategy.closed-before-last-change', 'effectiveOn');
    given(new Strategy('s1'), drafted, theme, adopted, later)
      .when((s) => s.close({ reason: 'Replaced', effectiveOn: '2024-05-01' }, today))
      .then({
        type: 'StrategyClosed',
        data: { strategyId: 's1', reason: 'Replaced', effectiveOn: '2024-05-01' },
      });
  });

  it('does not reorder its themes to a day before the last of them was added', () => {
    given(new Strategy('s1'), drafted, theme, funding)
      .when((s) => s.reorderThemes({ themeIds: ['t2', 't1'], effectiveOn: '2023-10-01' }, today))
      .thenRefuses('theme.order-before-last-change', 'effectiveOn');
  });
});

describe('when a pledge takes effect', () => {
  const later: StrategyEvent = {
    type: 'ThemeAdded',
    data: { strategyId: 's1', themeId: 't2', title: 'Funding', description: '', effectiveOn: '2023-10-02' },
  };
  const details = { themeId: 't1', reference: 'P3', title: 'T', description: 'D', principles: [], lead: 'L' };
  const strategy = () => new Strategy('s1').rehydrate([drafted, theme, later]);

  it('is not made before its strategy was drafted, nor before its theme was added', () => {
    given(new Pledge('p3'))
      .when((pledge) => pledge.make(strategy(), { ...details, effectiveOn: '2023-09-17' }, today))
      .thenRefuses('pledge.before-strategy', 'effectiveOn');
    given(new Pledge('p3'))
      .when((pledge) =>
        pledge.make(strategy(), { ...details, themeId: 't2', effectiveOn: '2023-09-30' }, today),
      )
      .thenRefuses('pledge.before-theme', 'effectiveOn');
    given(new Pledge('p3'))
      .when((pledge) =>
        pledge.make(strategy(), { ...details, themeId: 't2', effectiveOn: '2023-10-02' }, today),
      )
      .then({
        type: 'PledgeMade',
        data: { pledgeId: 'p3', strategyId: 's1', ...details, themeId: 't2', effectiveOn: '2023-10-02' },
      });
  });

  it('takes each change no earlier than the one before it', () => {
    const made = {
      type: 'PledgeMade' as const,
      data: { pledgeId: 'p3', strategyId: 's1', ...details, effectiveOn: '2023-10-16' },
    };
    const withdrawn = {
      type: 'PledgeWithdrawn' as const,
      data: { pledgeId: 'p3', reason: 'No funding', effectiveOn: '2024-01-10' },
    };
    given(new Pledge('p3'), made)
      .when((pledge) => pledge.amend({ title: 'T2', effectiveOn: '2023-10-15' }, today))
      .thenRefuses('pledge.before-last-change', 'effectiveOn');
    given(new Pledge('p3'), made)
      .when((pledge) => pledge.withdraw({ reason: 'r', effectiveOn: '2023-10-01' }, today))
      .thenRefuses('pledge.before-last-change', 'effectiveOn');
    given(new Pledge('p3'), made, withdrawn)
      .when((pledge) => pledge.reinstate({ reason: 'Funding found', effectiveOn: '2024-01-09' }, today))
      .thenRefuses('pledge.before-last-change', 'effectiveOn');
    const pledge = new Pledge('p3').rehydrate([made, withdrawn]);
    expect(() => pledge.reinstate({ reason: 'Funding found', effectiveOn: '2024-01-09' }, today)).toThrow(
      'Pledge P3 was withdrawn on 10 January 2024: it cannot be reinstated before then, on 9 January 2024',
    );
  });
});
