import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { APP_ROLE, createAppPool, createOwnerPool } from '../database/index.js';
import { PostgresEventStore, type AppendOptions, type RecordedEvent } from '../event-store/index.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { ProjectionRunner, rebuildProjection, upsertRows, type Projection } from './index.js';

const options: AppendOptions = {
  streamType: 'tally',
  metadata: {
    actorId: 'u',
    actorRole: 'officer',
    correlationId: 'c',
    causationId: 'c',
    commandId: 'c',
    client: 'test',
  },
};

/** Counts events per stream, and records each event id once: applying one twice breaks the key. */
class TallyProjection implements Projection {
  readonly name = 'tally';
  readonly tables = ['test_tally', 'test_applied'];
  readonly streamTypes = ['tally'];
  failAfter: number | undefined;

  async apply(events: readonly RecordedEvent[], db: pg.ClientBase): Promise<void> {
    let seen = 0;
    for (const event of events) {
      if (this.failAfter !== undefined && seen++ === this.failAfter) throw new Error('killed mid-batch');
      await db.query('INSERT INTO test_applied (event_id) VALUES ($1)', [event.eventId]);
    }
    const counts = new Map<string, number>();
    for (const event of events) counts.set(event.streamId, (counts.get(event.streamId) ?? 0) + 1);
    const { rows } = await db.query('SELECT stream_id, count FROM test_tally WHERE stream_id = ANY($1)', [
      [...counts.keys()],
    ]);
    for (const row of rows) counts.set(row.stream_id, counts.get(row.stream_id)! + row.count);
    await upsertRows(
      db,
      'test_tally',
      ['stream_id'],
      [...counts].map(([stream_id, count]) => ({ stream_id, count })),
    );
  }
}

let database: TestDatabase;
let ownerPool: pg.Pool;
let appPool: pg.Pool;
let store: PostgresEventStore;

beforeAll(async () => {
  database = await createTestDatabase();
  ownerPool = createOwnerPool(database.url, 4);
  await ownerPool.query(`CREATE TABLE test_tally (stream_id text PRIMARY KEY, count int NOT NULL)`);
  await ownerPool.query(`CREATE TABLE test_applied (event_id uuid PRIMARY KEY)`);
  await ownerPool.query(`CREATE INDEX test_tally_count ON test_tally (count)`);
  await ownerPool.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON test_tally, test_applied TO ${APP_ROLE}`);
  appPool = createAppPool(database.url, 12);
  store = new PostgresEventStore(appPool);
});

afterAll(async () => {
  await appPool.end();
  await ownerPool.end();
  await database.drop();
});

async function writeEvents(
  streams: number,
  perStream: number,
  streamType = 'tally',
  prefix = `${streamType}-`,
): Promise<string[]> {
  const ids = Array.from({ length: streams }, () => `${prefix}${uuidv7()}`);
  await Promise.all(
    ids.map(async (id) => {
      for (let version = 0; version < perStream; version++)
        await store.append(id, version, [{ type: 'Counted', data: {} }], { ...options, streamType });
    }),
  );
  return ids;
}

const tally = async () =>
  (await ownerPool.query('SELECT stream_id, count FROM test_tally ORDER BY stream_id')).rows;
const applied = async () => (await ownerPool.query('SELECT count(*)::int AS n FROM test_applied')).rows[0].n;
const total = async () =>
  (await ownerPool.query(`SELECT count(*)::int AS n FROM es_events WHERE stream_type = 'tally'`)).rows[0].n;

it('resumes after a failure mid-batch with no event applied twice or missed', async () => {
  const projection = new TallyProjection();
  const runner = new ProjectionRunner(appPool, store, [projection], { batchSize: 10 });
  await writeEvents(3, 8);

  projection.failAfter = 6;
  await expect(runner.applyNextBatch(projection)).rejects.toThrow('killed mid-batch');
  expect(await applied()).toBe(0); // the half-applied batch left nothing behind
  expect((await runner.checkpoints())[0].eventsApplied).toBe(0);

  projection.failAfter = undefined;
  await runner.catchUp();
  expect(await applied()).toBe(await total());
  expect((await tally()).map((row) => row.count)).toEqual([8, 8, 8]);
});

it('resumes after its database session is killed mid-batch', async () => {
  const projection = new TallyProjection();
  const runner = new ProjectionRunner(appPool, store, [projection], { batchSize: 5 });
  await runner.catchUp();
  const streams = await writeEvents(2, 6);
  const slow: Projection = {
    name: projection.name,
    tables: projection.tables,
    streamTypes: projection.streamTypes,
    async apply(events, db) {
      await projection.apply(events.slice(0, 2), db);
      const { rows } = await db.query('SELECT pg_backend_pid() AS pid');
      await ownerPool.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      await projection.apply(events.slice(2), db);
    },
  };
  await expect(runner.applyNextBatch(slow)).rejects.toThrow();
  await runner.catchUp();
  expect(await applied()).toBe(await total());
  const counts = (await tally()).filter((row) => streams.includes(row.stream_id)).map((row) => row.count);
  expect(counts).toEqual([6, 6]);
});

it('is given only the stream types it declares, however an id begins, and moves past the others', async () => {
  const projection = new TallyProjection();
  const runner = new ProjectionRunner(appPool, store, [projection], { batchSize: 10 });
  await runner.catchUp();
  const before = (await tally()).length;
  // A fund's streams are named `tally-fund-…`: they start like a tally's, and are no tally's.
  const funds = await writeEvents(3, 12, 'fund', 'tally-fund-');
  const [tallied] = await writeEvents(1, 2);
  await runner.catchUp();
  const counted = await tally();
  expect(counted.some((row) => funds.includes(row.stream_id))).toBe(false);
  expect(counted.find((row) => row.stream_id === tallied)?.count).toBe(2);
  expect(counted).toHaveLength(before + 1);
  // A long run of other types afterwards: nothing to apply, and the checkpoint passes it all the same.
  await writeEvents(2, 15, 'fund');
  expect(await runner.catchUp()).toBe(0);
  const head = await store.headPosition();
  expect((await runner.checkpoints())[0].position).toEqual(head);
  expect(await runner.waitFor(head, 0)).toBe(true);
});

it('keeps up on its own, woken by appends, and answers read-your-writes waits', async () => {
  const projection = new TallyProjection();
  const runner = new ProjectionRunner(appPool, store, [projection], {
    pollIntervalMs: 60_000,
    listenUrl: database.url,
  });
  runner.start();
  try {
    await runner.waitFor(await store.headPosition(), 5000);
    const streamId = `tally-${uuidv7()}`;
    const result = await store.append(streamId, 0, [{ type: 'Counted', data: {} }], options);
    expect(await runner.waitFor(result.position, 5000)).toBe(true);
    expect((await tally()).find((row) => row.stream_id === streamId)?.count).toBe(1);
  } finally {
    await runner.stop();
  }
});

it('is woken by a NOTIFY from another process', async () => {
  const projection = new TallyProjection();
  const runner = new ProjectionRunner(appPool, store, [projection], {
    pollIntervalMs: 60_000,
    listenUrl: database.url,
  });
  await runner.catchUp();
  runner.start();
  try {
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the listener connect
    const otherProcess = new PostgresEventStore(ownerPool); // appends the runner's store never hears of
    const streamId = `tally-${uuidv7()}`;
    await otherProcess.append(streamId, 0, [{ type: 'Counted', data: {} }], options);
    for (let tries = 0; tries < 100 && !(await tally()).some((row) => row.stream_id === streamId); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await tally()).find((row) => row.stream_id === streamId)?.count).toBe(1);
  } finally {
    await runner.stop();
  }
});

it('rebuilds into fresh tables that equal the live ones, while writers go on', async () => {
  const projection = new TallyProjection();
  const runner = new ProjectionRunner(appPool, store, [projection]);
  await writeEvents(5, 10);
  await writeEvents(2, 4, 'fund', 'tally-fund-');
  await runner.catchUp();
  const before = await tally();

  const progress: number[] = [];
  const writing = writeEvents(2, 5);
  const result = await rebuildProjection(ownerPool, store, projection, {
    appRole: APP_ROLE,
    batchSize: 17,
    onProgress: ({ applied: done }) => progress.push(done),
  });
  await writing;
  await runner.catchUp();

  expect(result.applied).toBeGreaterThanOrEqual(before.reduce((sum, row) => sum + row.count, 0));
  expect(progress.length).toBeGreaterThan(1);
  expect(await applied()).toBe(await total());
  const after = await tally();
  expect(after.filter((row) => before.some((old) => old.stream_id === row.stream_id))).toEqual(before);
  expect(after.length).toBe(before.length + 2);
  const indexes = (
    await ownerPool.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'test_tally' ORDER BY 1`)
  ).rows;
  expect(indexes.map((row) => row.indexname)).toEqual(['test_tally_count', 'test_tally_pkey']);
  const schemas = (await ownerPool.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild_%'`))
    .rows;
  expect(schemas).toEqual([]);
  // The application role can still write to the swapped-in tables.
  await appPool.query(`UPDATE test_tally SET count = count WHERE false`);
});
