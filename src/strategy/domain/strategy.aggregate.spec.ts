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
