import { v5 as uuidv5 } from 'uuid';

const PLEDGE_NAMESPACE = '5b0f4a43-0d5e-4f43-9a57-2a3f4c7f9d10';
const ACTION_NAMESPACE = 'c1a3e6f2-8a8e-4c3b-bf1e-7e0d9b6a2c44';

/**
 * Pledges and actions take their identity from their reference within the strategy, so a second
 * "P3" is the same stream and is refused by the event store's expected version, with no race.
 */
export function pledgeIdFor(strategyId: string, reference: string): string {
  return uuidv5(`${strategyId}/${reference}`, PLEDGE_NAMESPACE);
}

export function actionIdFor(strategyId: string, reference: string): string {
  return uuidv5(`${strategyId}/${reference}`, ACTION_NAMESPACE);
}
