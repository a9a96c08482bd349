import type pg from 'pg';
import { PostgresEventStore, Upcasters } from '../../../libs/event-store/index.js';

/**
 * The one place an event's schema change is registered: when an event type's data changes shape,
 * bump the version its producer writes and register the step from the old version here, e.g.
 * `.register('ActionProgressLogged', 1, (data) => ({ ...data, evidence: [] }))`. Every reader — the
 * server, the CLI, a projection rebuild — gets its store from openEventStore, so all of them see
 * old events in the current shape. None yet: every event type is at schema version 1.
 */
export function upcasters(): Upcasters {
  return new Upcasters();
}

export function openEventStore(pool: pg.Pool): PostgresEventStore {
  return new PostgresEventStore(pool, upcasters());
}
