import { given } from '../../../libs/testing/given-when-then.js';
import { Pledge } from './pledge.aggregate.js';
import { Strategy } from './strategy.aggregate.js';
import type { StrategyEvent } from './strategy.events.js';

const drafted: StrategyEvent = {
  type: 'StrategyDrafted',
  data: {
    strategyId: 's1',
    title: 'VCSE engagement strategy',
    description: '',
    periodStart: '2023-11-01',
    periodEnd: '2027-03-31',
  },
};
const theme: StrategyEvent = {
  type: 'ThemeAdded',
  data: { strategyId: 's1', themeId: 't1', title: 'Communication', description: '' },
};
const adopted: StrategyEvent = {
  type: 'StrategyAdopted',
  data: { strategyId: 's1', adoptedOn: '2023-11-14', decisionReference: null },
};
const closed: StrategyEvent = { type: 'StrategyClosed', data: { strategyId: 's1', reason: 'Replaced' } };

describe('a strategy', () => {
  it('is drafted for a period that ends after it starts', () => {
    given(new Strategy('s1'))
      .when((strategy) =>
        strategy.draft({
          title: 'VCSE engagement strategy',
          description: '',
          periodStart: '2023-11-01',
          periodEnd: '2027-03-31',
        }),
      )
      .then(drafted);
    given(new Strategy('s1'))
      .when((strategy) =>
        strategy.draft({ title: 'T', description: '', periodStart: '2024-01-01', periodEnd: '2024-01-01' }),
      )
      .thenRefuses('strategy.period-invalid', 'periodEnd');
  });

  it('needs a theme before adoption, and is adopted only once', () => {
    given(new Strategy('s1'), drafted)
      .when((strategy) => strategy.adopt({ adoptedOn: '2023-11-14' }))
      .thenRefuses('strategy.no-themes');
    given(new Strategy('s1'), drafted, theme)
      .when((strategy) => strategy.adopt({ adoptedOn: '2023-11-14' }))
      .then(adopted);
    given(new Strategy('s1'), drafted, theme, adopted)
      .when((strategy) => strategy.adopt({ adoptedOn: '2023-11-15' }))
      .thenRefuses('strategy.cannot-adopt');
  });

  it('refuses two themes with the same title', () => {
    given(new Strategy('s1'), drafted, theme)
      .when((strategy) => strategy.addTheme({ themeId: 't2', title: 'communication', description: '' }))
      .thenRefuses('theme.duplicate-title', 'title');
  });

  it('reorders its themes only as a permutation of them', () => {
    const second: StrategyEvent = {
      type: 'ThemeAdded',
      data: { strategyId: 's1', themeId: 't2', title: 'Funding', description: '' },
    };
    given(new Strategy('s1'), drafted, theme, second)
      .when((strategy) => strategy.reorderThemes(['t2', 't1']))
      .then({ type: 'ThemesReordered', data: { strategyId: 's1', themeIds: ['t2', 't1'] } });
    given(new Strategy('s1'), drafted, theme, second)
      .when((strategy) => strategy.reorderThemes(['t2', 't2']))
      .thenRefuses('theme.order-invalid');
  });

  it('goes under review with a reason, and once closed takes no change', () => {
    given(new Strategy('s1'), drafted, theme, adopted)
      .when((strategy) => strategy.putUnderReview(''))
      .thenRefuses('reason.required');
    given(new Strategy('s1'), drafted, theme)
      .when((strategy) => strategy.putUnderReview('r'))
      .thenRefuses('strategy.not-adopted');
    given(new Strategy('s1'), drafted, theme)
      .when((strategy) => strategy.close('r'))
      .thenRefuses('strategy.draft');
    given(new Strategy('s1'), drafted, theme, adopted, closed)
      .when((strategy) => strategy.addTheme({ themeId: 't3', title: 'New', description: '' }))
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
      .when((pledge) => pledge.make(strategy(), details))
      .then({ type: 'PledgeMade', data: { pledgeId: 'p3', strategyId: 's1', ...details } });
    given(new Pledge('p3'))
      .when((pledge) => pledge.make(strategy(), { ...details, themeId: 'nope' }))
      .thenRefuses('pledge.theme-unknown', 'themeId');
    given(new Pledge('p3'))
      .when((pledge) => pledge.make(strategy(), { ...details, reference: '3' }))
      .thenRefuses('pledge.reference-invalid', 'reference');
    given(new Pledge('p3'))
      .when((pledge) => pledge.make(strategy(), { ...details, lead: '' }))
      .thenRefuses('lead.required', 'lead');
  });

  it('is not made in a closed strategy', () => {
    const closedStrategy = new Strategy('s1').rehydrate([drafted, theme, adopted, closed]);
    given(new Pledge('p3'))
      .when((pledge) => pledge.make(closedStrategy, details))
      .thenRefuses('strategy.closed');
  });

  const made = () => {
    const pledge = new Pledge('p3');
    pledge.make(strategy(), details);
    return pledge.getUncommittedEvents()[0];
  };

  it('records only the fields an amendment changes, and refuses an empty one', () => {
    given(new Pledge('p3'), made())
      .when((pledge) =>
        pledge.amend({ title: 'Communicate much better', lead: 'Director of Neighbourhood Services' }),
      )
      .then({
        type: 'PledgeAmended',
        data: { pledgeId: 'p3', changes: { title: 'Communicate much better' } },
      });
    given(new Pledge('p3'), made())
      .when((pledge) => pledge.amend({ title: 'Communicate better' }))
      .thenRefuses('pledge.no-change');
  });

  it('ends with an outcome and a reason, and can be reinstated', () => {
    given(new Pledge('p3'), made())
      .when((pledge) => pledge.conclude('achieved', ''))
      .thenRefuses('reason.required');
    given(new Pledge('p3'), made())
      .when((pledge) => pledge.conclude('abandoned' as never, 'r'))
      .thenRefuses('pledge.outcome-invalid');
    const withdrawn = { type: 'PledgeWithdrawn' as const, data: { pledgeId: 'p3', reason: 'No funding' } };
    given(new Pledge('p3'), made(), withdrawn)
      .when((pledge) => pledge.withdraw('again'))
      .thenRefuses('pledge.not-active');
    given(new Pledge('p3'), made(), withdrawn)
      .when((pledge) => pledge.reinstate('Funding found'))
      .then({ type: 'PledgeReinstated', data: { pledgeId: 'p3', reason: 'Funding found' } });
  });
});

describe('the rules a strategy keeps', () => {
  const underReview: StrategyEvent = {
    type: 'StrategyPutUnderReview',
    data: { strategyId: 's1', reason: 'Mid-term review' },
  };
  const second: StrategyEvent = {
    type: 'ThemeAdded',
    data: { strategyId: 's1', themeId: 't2', title: 'Funding', description: '' },
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
      .when((s) => s.draft({ ...draft, title: 'Another strategy' }))
      .thenRefuses('strategy.exists');
    expect(strategy.title).toBe('VCSE engagement strategy');
  });

  it('refuses to be drafted twice before the first draft is saved', () => {
    const strategy = new Strategy('s1');
    strategy.draft(draft);
    expect(() => strategy.draft(draft)).toThrow(expect.objectContaining({ code: 'strategy.exists' }));
    expect(strategy.getUncommittedEvents()).toHaveLength(1);
  });

  it('refuses to be drafted again even once closed', () => {
    given(new Strategy('s1'), drafted, theme, adopted, closed)
      .when((s) => s.draft(draft))
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
      .when((s) => s.draft({ ...draft, ...change }))
      .thenRefuses(code, field);
  });

  it('allows a draft whose period is one day long, with title and description at their longest', () => {
    given(new Strategy('s1'))
      .when((s) =>
        s.draft({
          title: 'x'.repeat(200),
          description: 'x'.repeat(5000),
          periodStart: '2024-01-01',
          periodEnd: '2024-01-02',
        }),
      )
      .then({
        type: 'StrategyDrafted',
        data: {
          strategyId: 's1',
          title: 'x'.repeat(200),
          description: 'x'.repeat(5000),
          periodStart: '2024-01-01',
          periodEnd: '2024-01-02',
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
      .when((s) => s.addTheme({ themeId: 't2', title: 'Funding', description: '', ...change }))
      .thenRefuses(code, field);
    expect(strategy.themes.map((t) => t.id)).toEqual(['t1']);
  });

  it('allows a theme whose title contains, but differs from, another', () => {
    given(new Strategy('s1'), drafted, theme)
      .when((s) => s.addTheme({ themeId: 't2', title: 'Communication and funding', description: '' }))
      .then({
        type: 'ThemeAdded',
        data: { strategyId: 's1', themeId: 't2', title: 'Communication and funding', description: '' },
      });
  });

  it.each([[['t1']], [['t2', 't1', 't3']], [['t2', 't3']], [[]]])(
    'refuses to reorder its themes as %j',
    (themeIds) => {
      const strategy = new Strategy('s1');
      given(strategy, drafted, theme, second)
        .when((s) => s.reorderThemes(themeIds))
        .thenRefuses('theme.order-invalid', 'themeIds');
      expect(strategy.themes.map((t) => t.id)).toEqual(['t1', 't2']);
    },
  );

  it('refuses to reorder its themes once closed', () => {
    given(new Strategy('s1'), drafted, theme, second, adopted, closed)
      .when((s) => s.reorderThemes(['t2', 't1']))
      .thenRefuses('strategy.closed');
  });

  it('allows its themes to be reordered while under review', () => {
    given(new Strategy('s1'), drafted, theme, second, adopted, underReview)
      .when((s) => s.reorderThemes(['t2', 't1']))
      .then({ type: 'ThemesReordered', data: { strategyId: 's1', themeIds: ['t2', 't1'] } });
  });

  it('refuses to be adopted once closed', () => {
    const strategy = new Strategy('s1');
    given(strategy, drafted, theme, adopted, closed)
      .when((s) => s.adopt({ adoptedOn: '2024-01-01' }))
      .thenRefuses('strategy.cannot-adopt');
    expect(strategy.status).toBe('closed');
  });

  it('allows re-adoption after a review, with a decision reference at its longest', () => {
    const strategy = new Strategy('s1');
    given(strategy, drafted, theme, adopted, underReview)
      .when((s) => s.adopt({ adoptedOn: '2025-04-01', decisionReference: 'x'.repeat(100) }))
      .then({
        type: 'StrategyAdopted',
        data: { strategyId: 's1', adoptedOn: '2025-04-01', decisionReference: 'x'.repeat(100) },
      });
    expect(strategy.status).toBe('adopted');
  });

  it.each([
    [{ adoptedOn: '2023-13-01' }, 'adoptedOn.invalid', 'adoptedOn'],
    [{ decisionReference: 'x'.repeat(101) }, 'decisionReference.too-long', 'decisionReference'],
  ])('refuses an adoption with %j', (change, code, field) => {
    const strategy = new Strategy('s1');
    given(strategy, drafted, theme)
      .when((s) => s.adopt({ adoptedOn: '2023-11-14', ...change }))
      .thenRefuses(code, field);
    expect(strategy.status).toBe('draft');
  });

  it.each([
    ['under review', [underReview]],
    ['closed', [closed]],
  ])('refuses to go under review when it is %s', (_, after) => {
    given(new Strategy('s1'), drafted, theme, adopted, ...after)
      .when((s) => s.putUnderReview('Another review'))
      .thenRefuses('strategy.not-adopted');
  });

  it('allows an adopted strategy under review with a reason at its longest, and no longer', () => {
    given(new Strategy('s1'), drafted, theme, adopted)
      .when((s) => s.putUnderReview('x'.repeat(2000)))
      .then({ type: 'StrategyPutUnderReview', data: { strategyId: 's1', reason: 'x'.repeat(2000) } });
    given(new Strategy('s1'), drafted, theme, adopted)
      .when((s) => s.putUnderReview('x'.repeat(2001)))
      .thenRefuses('reason.too-long', 'reason');
  });

  it('refuses to be closed again', () => {
    const strategy = new Strategy('s1');
    given(strategy, drafted, theme, adopted, closed)
      .when((s) => s.close('Replaced again'))
      .thenRefuses('strategy.closed');
    expect(strategy.status).toBe('closed');
  });

  it('refuses to be closed without a reason', () => {
    const strategy = new Strategy('s1');
    given(strategy, drafted, theme, adopted)
      .when((s) => s.close(' '))
      .thenRefuses('reason.required', 'reason');
    expect(strategy.status).toBe('adopted');
  });

  it.each([
    ['adopted', []],
    ['under review', [underReview]],
  ])('allows closing when it is %s', (_, after) => {
    const strategy = new Strategy('s1');
    given(strategy, drafted, theme, adopted, ...after)
      .when((s) => s.close('Replaced'))
      .then(closed);
    expect(strategy.status).toBe('closed');
  });
});
