import pg from 'pg';
import {
  START,
  type EventPage,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '../event-store/index.js';
import type { Projection } from './projection.js';

export interface RebuildProgress {
  /** Each projection being rebuilt is reported; they advance together, one read serving all. */
  readonly projection: string;
  readonly applied: number;
  /** Events in the store when the rebuild began: the bar's end, not a promise. */
  readonly total: number;
}

export interface RebuildOptions {
  batchSize?: number;
  /** The role that live projections run as; it is granted the same rights on the new tables. */
  appRole: string;
  onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Replays every event into fresh copies of the projections' tables in a schema of their own,
 * reading the events once for all of them, while the live tables keep serving; then swaps them in
 * within one transaction that holds the projections' checkpoints, so the live runner neither
 * applies a batch twice nor misses one. Needs the owner's connection: it creates and drops tables.
 */
export async function rebuildProjections(
  ownerPool: pg.Pool,
  store: EventStore,
  projections: readonly Projection[],
  options: RebuildOptions,
): Promise<{ applied: number; position: Position; appliedBy: Record<string, number> }> {
  const batchSize = options.batchSize ?? 10_000;
  const names = projections.map((projection) => projection.name);
  // One read serves them all: the events of any of their types, each given only its own.
  const streamTypes = [...new Set(projections.flatMap((projection) => projection.streamTypes))];
  const schema = `rebuild_${Date.now()}_${process.pid}`;
  const schemaId = pg.escapeIdentifier(schema);
  const { rows } = await ownerPool.query(
    'SELECT count(*)::int AS total FROM es_events WHERE stream_type = ANY($1)',
    [streamTypes],
  );
  const total: number = rows[0].total;
  let applied = 0;
  const appliedBy: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  let position: Position = START;
  const client = await ownerPool.connect();
  // One session per projection, so that each batch is applied to all of them at once.
  const workers = await Promise.all(projections.map(() => ownerPool.connect()));
  // A session lost mid-rebuild fails the query in flight, which rolls the rebuild back; the
  // error event it also emits must not crash the process.
  let lost: Error | undefined;
  const onLost = (error: Error) => (lost ??= error);
  for (const session of [client, ...workers]) session.on('error', onLost);
  try {
    await client.query(`CREATE SCHEMA ${schemaId}`);
    for (const table of projections.flatMap((projection) => projection.tables)) {
      const id = pg.escapeIdentifier(table);
      await client.query(`CREATE TABLE ${schemaId}.${id} (LIKE public.${id} INCLUDING ALL)`);
    }
    const handled = (events: readonly RecordedEvent[], projection: Projection) =>
      events.filter((event) => projection.streamTypes.includes(event.streamType));
    const applyTo = async (events: readonly RecordedEvent[], db: pg.ClientBase, projection: Projection) => {
      const mine = handled(events, projection);
      if (mine.length === 0) return;
      try {
        await db.query('BEGIN');
        await db.query(`SET LOCAL search_path = ${schemaId}, public`);
        await projection.apply(mine, db);
        await db.query('COMMIT');
      } catch (error) {
        await db.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    };
    const advance = (page: EventPage) => {
      position = page.scannedUpTo;
      applied += page.events.length;
      for (const projection of projections)
        appliedBy[projection.name] += handled(page.events, projection).length;
      for (const projection of names) options.onProgress?.({ projection, applied, total });
    };
    // The bulk of the replay, while the live read models go on serving: the next batch is read
    // while this one is applied to every projection in parallel.
    const read = (after: Position) => {
      const reading = store.readAll({ after, limit: batchSize, streamTypes });
      reading.catch(() => undefined); // awaited below; this only keeps a failure from going unhandled
      return reading;
    };
    for (let page = await read(position); ;) {
      const next = page.events.length === batchSize ? read(page.scannedUpTo) : undefined;
      await Promise.all(
        projections.map((projection, index) => applyTo(page.events, workers[index], projection)),
      );
      advance(page);
      if (!next) break;
      page = await next;
    }
    /** Applies what arrived since; answers whether a full page came, so that more may follow. */
    const replayBatch = async (): Promise<boolean> => {
      const page = await store.readAll({ after: position, limit: batchSize, streamTypes });
      for (const projection of projections) {
        const mine = handled(page.events, projection);
        if (mine.length > 0) await projection.apply(mine, client);
      }
      advance(page);
      return page.events.length === batchSize;
    };
    // The swap: hold the live checkpoints, apply what arrived meanwhile, then trade the tables.
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO projection_checkpoints (projection) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`,
      [names],
    );
    await client.query(
      `SELECT 1 FROM projection_checkpoints WHERE projection = ANY($1) ORDER BY projection FOR UPDATE`,
      [names],
    );
    await client.query(`SET LOCAL search_path = ${schemaId}, public`);
    while (await replayBatch());
    await client.query(`SET LOCAL search_path = public`);
    for (const table of projections.flatMap((projection) => projection.tables))
      await swapTable(client, schema, table, options.appRole);
    await client.query(
      `UPDATE projection_checkpoints AS c
          SET transaction_id = $2::xid8, global_position = $3, events_applied = a.applied, updated_at = now()
         FROM unnest($1::text[], $4::bigint[]) AS a(projection, applied)
        WHERE c.projection = a.projection`,
      [
        names,
        position.transactionId.toString(),
        position.globalPosition.toString(),
        names.map((name) => appliedBy[name]),
      ],
    );
    await client.query(`DROP SCHEMA ${schemaId}`);
    await client.query('COMMIT');
    return { applied, position, appliedBy };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.query(`DROP SCHEMA IF EXISTS ${schemaId} CASCADE`).catch(() => undefined);
    throw error;
  } finally {
    for (const session of [client, ...workers]) {
      session.off('error', onLost);
      session.release(lost);
    }
  }
}

/** One projection: see rebuildProjections. */
export function rebuildProjection(
  ownerPool: pg.Pool,
  store: EventStore,
  projection: Projection,
  options: RebuildOptions,
) {
  return rebuildProjections(ownerPool, store, [projection], options);
}

/** Replaces public.<table> with <schema>.<table>, keeping the live table's index names and grants. */
async function swapTable(
  client: pg.ClientBase,
  schema: string,
  table: string,
  appRole: string,
): Promise<void> {
  const indexes = async (schemaName: string) =>
    (
      await client.query(
        `SELECT indexname, regexp_replace(indexdef, '^.* ON \\S+ ', '') AS shape FROM pg_indexes
          WHERE schemaname = $1 AND tablename = $2`,
        [schemaName, table],
      )
    ).rows as { indexname: string; shape: string }[];
  const live = await indexes('public');
  const fresh = await indexes(schema);
  const id = pg.escapeIdentifier(table);
  await client.query(`DROP TABLE public.${id}`);
  await client.query(`ALTER TABLE ${pg.escapeIdentifier(schema)}.${id} SET SCHEMA public`);
  for (const index of fresh) {
    const original = live.find((candidate) => candidate.shape === index.shape);
    if (original && original.indexname !== index.indexname) {
      await client.query(
        `ALTER INDEX public.${pg.escapeIdentifier(index.indexname)} RENAME TO ${pg.escapeIdentifier(original.indexname)}`,
      );
    }
  }
  await client.query(
    `GRANT SELECT, INSERT, UPDATE, DELETE ON public.${id} TO ${pg.escapeIdentifier(appRole)}`,
  );
}
