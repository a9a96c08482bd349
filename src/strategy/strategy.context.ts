import type { BoundedContext } from '../common/contexts/bounded-context.js';
import { sourceFolder } from '../common/contexts/discover.js';
import { strategyDemo } from './demo/demo.js';
import { liftToEffectiveOn } from './domain/effective-dates.js';
import {
  ACTION_STREAM,
  PLEDGE_STREAM,
  STRATEGY_STREAM,
  STRATEGY_STREAM_TYPES,
} from './domain/stream-types.js';
import { ActionTimelineProjection } from './projections/action-timeline.projection.js';
import { STRATEGY_READ_MODELS } from './projections/read-models.entity.js';
import { ENTITY_STATE_FOLDS, StrategyTreeProjection } from './projections/strategy-tree.projection.js';
import { StrategyModule } from './strategy.module.js';
import { STRATEGY_VIEW_FILTERS, STRATEGY_VIEW_GLOBALS } from './web/view-filters.js';

/** Themes, pledges and actions: the council's strategy and the progress logged against it. */
export const context: BoundedContext = {
  name: 'strategy',
  title: 'Strategy, pledges and actions',
  module: StrategyModule,
  streamTypes: STRATEGY_STREAM_TYPES,
  entities: [
    { kind: 'strategy', streamType: STRATEGY_STREAM, fold: ENTITY_STATE_FOLDS.strategy },
    { kind: 'pledge', streamType: PLEDGE_STREAM, fold: ENTITY_STATE_FOLDS.pledge },
    {
      kind: 'action',
      streamType: ACTION_STREAM,
      fold: ENTITY_STATE_FOLDS.action,
      href: (id) => `/actions/${id}`,
    },
  ],
  projections: () => [new StrategyTreeProjection(), new ActionTimelineProjection()],
  readModels: STRATEGY_READ_MODELS,
  upcasters: liftToEffectiveOn,
  navigation: [
    {
      href: '/strategies',
      text: 'Strategies',
      roles: ['admin', 'officer', 'scrutiny', 'auditor'],
      order: 10,
    },
    { href: '/my-actions', text: 'My actions', roles: ['admin', 'officer'], order: 20 },
    { href: '/admin', text: 'Manage', roles: ['admin'], order: 30 },
  ],
  views: {
    folder: sourceFolder(import.meta.url, 'web/views'),
    filters: STRATEGY_VIEW_FILTERS,
    globals: STRATEGY_VIEW_GLOBALS,
  },
  demo: strategyDemo,
};
