import pg from 'pg';
import {
  comparePositions,
  isWithinCut,
  START,
  type EventStore,
  type Position,
  type TimeCut,
} from '../event-store/index.js';
import type { Projection } from './projection.js';

const REPLAY_BATCH = 5000;

/**
 * Read models as they stood at a cut in time, "as known at" and/or "as effective at": inside one
 * transaction on `client`, each projection's tables are shadowed by TEMP tables of the same shape
 * (PostgreSQL looks in pg_temp before public), the events within the cut are replayed into them,
 * then `read` runs — the very queries that serve the live read models, on the same session — and
 * everything is rolled back. One code path for now and for then, and no second model to keep.
 * It costs a replay of the events up to the cut of the projections' stream types.
 */
export async function replayAt<T>(
  client: pg.ClientBase,
  store: EventStore,
  projections: readonly Projection[],
  cut: TimeCut,
  read: () => Promise<T>,
): Promise<{ result: T; eventsReplayed: number }> {
  const streamTypes = [...new Set(projections.flatMap((projection) => projection.streamTypes))];
  await client.query('BEGIN');
  try {
    for (const table of projections.flatMap((projection) => projection.tables)) {
      const id = pg.escapeIdentifier(table);
      await client.query(`CREATE TEMP TABLE ${id} (LIKE public.${id} INCLUDING ALL) ON COMMIT DROP`);
    }
    let replayed = 0;
    let after: Position = START;
    for (;;) {
      const { events, scannedUpTo } = await store.readAll({
        after,
        limit: REPLAY_BATCH,
        recordedUpTo: cut.knownAt,
        streamTypes,
      });
      after = scannedUpTo;
      const included = events.filter((event) => isWithinCut(event, cut));
      for (const projection of projections) {
        const mine = included.filter((event) => projection.streamTypes.includes(event.streamType));
        if (mine.length > 0) await projection.apply(mine, client);
      }
      replayed += included.length;
      const pastThePosition =
        cut.knownAtPosition !== undefined && comparePositions(after, cut.knownAtPosition) >= 0;
      if (events.length < REPLAY_BATCH || pastThePosition) break;
    }
    return { result: await read(), eventsReplayed: replayed };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
}
