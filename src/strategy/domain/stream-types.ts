/** The streams the strategy context writes: one per strategy, pledge and action. */
export const STRATEGY_STREAM = 'strategy';
export const PLEDGE_STREAM = 'pledge';
export const ACTION_STREAM = 'action';
export const STRATEGY_STREAM_TYPES = [STRATEGY_STREAM, PLEDGE_STREAM, ACTION_STREAM] as const;
