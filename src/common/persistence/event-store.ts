import type pg from 'pg';
import { PostgresEventStore } from '../../../libs/event-store/index.js';
import type { ContextRegistry } from '../contexts/context-registry.js';

/**
 * The store every reader uses — the server, the CLI, a projection rebuild — so all of them see old
 * events in their current shape. When an event type's data changes shape, its context registers
 * the step from the old version in its registration's `upcasters`, e.g.
 * `steps.register('ActionProgressLogged', 1, (data) => ({ ...data, evidence: [] }))`; new events
 * of the type are then written at the next version.
 */
export function openEventStore(pool: pg.Pool, registry: ContextRegistry): PostgresEventStore {
  return new PostgresEventStore(pool, registry.upcasters());
}
