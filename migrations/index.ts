import { EventStore1763769600000 } from './1763769600000-event-store.js';
import { Identity1763769600001 } from './1763769600001-identity.js';
import { StrategyReadModels1763769600002 } from './1763769600002-strategy-read-models.js';
import { WebSessions1763769600003 } from './1763769600003-web-sessions.js';
import { Ledger1763769600004 } from './1763769600004-ledger.js';
import { CommandAnswerId1763769600005 } from './1763769600005-command-answer-id.js';
import { EventStreamType1763769600006 } from './1763769600006-event-stream-type.js';

/** Every migration, oldest first. A new migration is added here as well as to this folder. */
export const migrations = [
  EventStore1763769600000,
  Identity1763769600001,
  StrategyReadModels1763769600002,
  WebSessions1763769600003,
  Ledger1763769600004,
  CommandAnswerId1763769600005,
  EventStreamType1763769600006,
];
