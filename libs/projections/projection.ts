import type pg from 'pg';
import type { RecordedEvent } from '../event-store/index.js';

/**
 * A read model filled from the event store. `apply` runs inside the transaction that also moves
 * the projection's checkpoint, so each batch takes effect entirely or not at all.
 * It must derive every value from the events alone (never the clock), so a rebuild is identical.
 */
export interface Projection {
  readonly name: string;
  /** Tables this projection owns, in the public schema; a rebuild replaces them together. */
  readonly tables: readonly string[];
  /**
   * The stream types whose events it is given, by the store's filter: it never sees another's,
   * however a stream's id begins, and its checkpoint moves past them all the same.
   */
  readonly streamTypes: readonly string[];
  apply(events: readonly RecordedEvent[], db: pg.ClientBase): Promise<void>;
}
