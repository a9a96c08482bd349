import type pg from 'pg';
import { PostgresEventStore, Upcasters } from '../../../libs/event-store/index.js';
import { EFFECTIVE_ON_SINCE_VERSION_2 } from '../../strategy/domain/effective-dates.js';
import { dateInCouncil } from '../domain/dates.js';

/**
 * The one place an event's schema change is registered: when an event type's data changes shape,
 * register the step from the old version here, e.g.
 * `.register('ActionProgressLogged', 1, (data) => ({ ...data, evidence: [] }))`; new events of the
 * type are then written at the next version. Every reader — the server, the CLI, a projection
 * rebuild — gets its store from openEventStore, so all of them see old events in the current shape.
 */
export function upcasters(): Upcasters {
  const steps = new Upcasters();
  // Version 2 names the day the change took effect; a version-1 event took effect when recorded.
  for (const type of EFFECTIVE_ON_SINCE_VERSION_2)
    steps.register(type, 1, (data, event) => ({
      ...(data as object),
      effectiveOn: dateInCouncil(event.effectiveAt),
    }));
  return steps;
}

export function openEventStore(pool: pg.Pool): PostgresEventStore {
  return new PostgresEventStore(pool, upcasters());
}
