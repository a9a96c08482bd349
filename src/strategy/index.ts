/**
 * What other contexts may use of the strategy context: its stream types and events (to subscribe
 * to them), and its queries over the read models. Anything else in this folder is its own.
 */
export {
  ACTION_STREAM,
  PLEDGE_STREAM,
  STRATEGY_STREAM,
  STRATEGY_STREAM_TYPES,
} from './domain/stream-types.js';
export type { ActionEvent } from './domain/action.events.js';
export type { PledgeEvent } from './domain/pledge.events.js';
export type { StrategyEvent } from './domain/strategy.events.js';
export { StrategyQueries } from './queries/strategy.queries.js';
