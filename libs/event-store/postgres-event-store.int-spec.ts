import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { createAppPool, createOwnerPool } from '../database/index.js';
import { untilWaitingForLocks } from '../testing/lock-waits.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import {
  IdempotencyKeyReusedError,
  InvalidEventError,
  PostgresEventStore,
  START,
  StreamConditionFailedError,
  Upcasters,
  WrongExpectedVersionError,
  comparePositions,
  type AppendOptions,
  type EventMetadata,
  type RecordedEvent,
} from './index.js';

const metadata: EventMetadata = {
  actorId: 'user-1',
  actorRole: 'officer',
  correlationId: 'c-1',
  causationId: 'c-1',
  commandId: 'c-1',
  client: 'test',
};
const options: AppendOptions = { streamType: 'thing', metadata };
const noted = (n: number) => ({ type: 'ThingNoted', data: { n } });

let database: TestDatabase;
let ownerPool: pg.Pool;
let appPool: pg.Pool;
let store: PostgresEventStore;

beforeAll(async () => {
  database = await createTestDatabase();
  ownerPool = createOwnerPool(database.url, 4);
  appPool = createAppPool(database.url, 24);
  store = new PostgresEventStore(appPool);
});

afterAll(async () => {
  await appPool.end();
  await ownerPool.end();
  await database.drop();
});

async function readEverything(): Promise<RecordedEvent[]> {
  return (await store.readAll({ after: START, limit: 100_000 })).events;
}

describe('append', () => {
  it('writes events with gapless versions, the database clock and the command metadata', async () => {
    const streamId = `thing-${uuidv7()}`;
    const first = await store.append(streamId, 0, [noted(1), noted(2)], options);
    const second = await store.append(streamId, first.version, [noted(3)], {
      ...options,
      metadata: { ...metadata, reason: 'why' },
    });
    expect(first.version).toBe(2);
    expect(second.version).toBe(3);

    const events = await store.readStream(streamId);
    expect(events.map((event) => [event.streamVersion, event.data])).toEqual([
      [1, { n: 1 }],
      [2, { n: 2 }],
      [3, { n: 3 }],
    ]);
    expect(events[2].metadata).toEqual({ ...metadata, reason: 'why' });
    expect(events[0].eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(events[0].schemaVersion).toBe(1);
    expect(Math.abs(events[0].effectiveAt.getTime() - events[0].recordedAt.getTime())).toBeLessThan(1000);
    expect(second.position.globalPosition).toBe(events[2].globalPosition);
  });

  it("gives every event its stream's type, and refuses to append to a stream as another type", async () => {
    const id = uuidv7();
    // Types may hold hyphens, so `ward-<id>` of type `ward` and `<id>` of type `ward-partnership`
    // could name one stream: the store keeps them apart by the type each append names.
    const streamId = `ward-partnership-${id}`;
    await store.append(streamId, 0, [noted(1)], { ...options, streamType: 'ward-partnership' });
    const asWard = { ...options, streamType: 'ward' };
    for (const expected of [0, 1])
      await expect(store.append(streamId, expected, [noted(2)], asWard)).rejects.toThrow(
        new InvalidEventError(
          `Stream ${streamId} is a stream of type ward-partnership, not ward: nothing was appended`,
        ),
      );
    const events = await store.readStream(streamId);
    expect(events.map((event) => [event.streamType, event.data])).toEqual([['ward-partnership', { n: 1 }]]);
    // The database holds it too: an event whose type is not its stream's is refused by the foreign key.
    await expect(
      ownerPool.query(
        `INSERT INTO es_events (stream_id, stream_type, stream_version, event_id, event_type, schema_version, data, metadata, effective_at)
         VALUES ($1, 'ward', 2, $2, 'ThingNoted', 1, '{}', '{}', now())`,
        [streamId, uuidv7()],
      ),
    ).rejects.toThrow(/es_events_stream/);
  });

  it('keeps a past effective time beside the recorded time', async () => {
    const streamId = `thing-${uuidv7()}`;
    const effectiveAt = new Date('2024-03-03T00:00:00Z');
    await store.append(streamId, 0, [noted(1)], { ...options, effectiveAt });
    const [event] = await store.readStream(streamId);
    expect(event.effectiveAt.toISOString()).toBe('2024-03-03T00:00:00.000Z');
    expect(event.recordedAt.getTime()).toBeGreaterThan(effectiveAt.getTime());
  });

  it('refuses an effective time in the future and writes nothing', async () => {
    const streamId = `thing-${uuidv7()}`;
    const effectiveAt = new Date(Date.now() + 3_600_000);
    await expect(store.append(streamId, 0, [noted(1)], { ...options, effectiveAt })).rejects.toThrow(
      /effective_not_future/,
    );
    expect(await store.readStream(streamId)).toEqual([]);
  });

  it('raises a typed conflict carrying the current version when the expected version is stale', async () => {
    const streamId = `thing-${uuidv7()}`;
    await store.append(streamId, 0, [noted(1), noted(2)], options);
    const conflict = await store.append(streamId, 1, [noted(3)], options).catch((error) => error);
    expect(conflict).toBeInstanceOf(WrongExpectedVersionError);
    expect(conflict).toMatchObject({ streamId, expectedVersion: 1, actualVersion: 2 });
    const creating = await store.append(streamId, 0, [noted(3)], options).catch((error) => error);
    expect(creating).toMatchObject({ expectedVersion: 0, actualVersion: 2 });
    const missing = await store.append(`thing-${uuidv7()}`, 4, [noted(1)], options).catch((error) => error);
    expect(missing).toMatchObject({ expectedVersion: 4, actualVersion: 0 });
    expect((await store.readStream(streamId)).length).toBe(2);
  });

  it('lets exactly one of 20 concurrent writers win each version, losing and doubling nothing', async () => {
    const streamId = `thing-${uuidv7()}`;
    const writers = Array.from({ length: 20 }, (_, writer) => writer);

    const firstRound = await Promise.allSettled(
      writers.map((writer) => store.append(streamId, 0, [noted(writer)], options)),
    );
    expect(firstRound.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const losers = firstRound.filter((result) => result.status === 'rejected');
    expect(losers).toHaveLength(19);
    for (const loser of losers)
      expect((loser as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);

    // Then every writer reads, decides and retries on conflict until its event is in.
    let conflicts = 0;
    await Promise.all(
      writers.map(async (writer) => {
        for (;;) {
          const version = (await store.readStream(streamId)).length;
          try {
            return await store.append(streamId, version, [noted(100 + writer)], options);
          } catch (error) {
            if (!(error instanceof WrongExpectedVersionError)) throw error;
            conflicts += 1;
          }
        }
      }),
    );
    const events = await store.readStream(streamId);
    expect(events.map((event) => event.streamVersion)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    const written = events.slice(1).map((event) => (event.data as { n: number }).n);
    expect(written.sort((a, b) => a - b)).toEqual(writers.map((writer) => 100 + writer));
    expect(new Set(events.map((event) => event.eventId)).size).toBe(21);
    expect(conflicts).toBeGreaterThan(0);
  });
});

describe('reading in commit order', () => {
  it('never passes over a slow transaction that committed after a faster, later one', async () => {
    const before = await store.headPosition();
    const slow = await appPool.connect();
    const slowStream = `thing-${uuidv7()}`;
    const fastStream = `thing-${uuidv7()}`;
    try {
      // The slow writer takes the lower global position, then stays open.
      await slow.query('BEGIN');
      await slow.query(`INSERT INTO es_streams (stream_id, stream_type, version) VALUES ($1, 'thing', 1)`, [
        slowStream,
      ]);
      await slow.query(
        `INSERT INTO es_events (stream_id, stream_type, stream_version, event_id, event_type, schema_version, data, metadata, effective_at)
         VALUES ($1, 'thing', 1, $2, 'ThingNoted', 1, '{"n":"slow"}', '{}', now())`,
        [slowStream, uuidv7()],
      );
      await store.append(fastStream, 0, [{ type: 'ThingNoted', data: { n: 'fast' } }], options);

      // A reader ordered by global position alone sees the fast event and moves its checkpoint past the slow one.
      const naive = await ownerPool.query(
        `SELECT global_position, stream_id FROM es_events WHERE global_position > $1 ORDER BY global_position`,
        [before.globalPosition.toString()],
      );
      expect(naive.rows.map((row) => row.stream_id)).toEqual([fastStream]);
      const naiveCheckpoint = naive.rows[0].global_position;

      // The store's reader holds back until the slow transaction has finished.
      expect((await store.readAll({ after: before, limit: 100 })).events).toEqual([]);

      await slow.query('COMMIT');
      const naiveAfter = await ownerPool.query(`SELECT stream_id FROM es_events WHERE global_position > $1`, [
        naiveCheckpoint,
      ]);
      expect(naiveAfter.rows).toEqual([]); // the naive reader has lost the slow event for good

      const { events: seen } = await store.readAll({ after: before, limit: 100 });
      expect(seen.map((event) => event.streamId)).toEqual([slowStream, fastStream]);
    } finally {
      await slow.query('ROLLBACK').catch(() => undefined);
      slow.release();
    }
  });

  it('pages through every event exactly once under concurrent writers', async () => {
    const from = await store.headPosition();
    const streams = Array.from({ length: 8 }, () => `thing-${uuidv7()}`);
    await Promise.all(
      streams.map(async (streamId) => {
        let version = 0;
        for (let i = 0; i < 25; i++)
          version = (await store.append(streamId, version, [noted(i), noted(i)], options)).version;
      }),
    );
    const seen: RecordedEvent[] = [];
    for (let after = from; ;) {
      const { events: page } = await store.readAll({ after, limit: 7 });
      if (page.length === 0) break;
      seen.push(...page);
      after = page[page.length - 1];
    }
    const mine = seen.filter((event) => streams.includes(event.streamId));
    expect(mine).toHaveLength(8 * 50);
    expect(new Set(mine.map((event) => event.eventId)).size).toBe(400);
    for (const streamId of streams) {
      const versions = mine
        .filter((event) => event.streamId === streamId)
        .map((event) => event.streamVersion);
      expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    }
  });

  it('reads only the stream types asked for, and says how far it looked', async () => {
    const from = await store.headPosition();
    const fund = `thing-fund-${uuidv7()}`; // starts like a thing's stream, and is a fund's
    const thing = `thing-${uuidv7()}`;
    await store.append(thing, 0, [noted(1)], options);
    await store.append(fund, 0, [noted(2), noted(3), noted(4)], { ...options, streamType: 'fund' });
    const head = await store.headPosition();

    const things = await store.readAll({ after: from, limit: 2, streamTypes: ['thing'] });
    expect(things.events.map((event) => [event.streamId, event.streamType])).toEqual([[thing, 'thing']]);
    // Not a full page: it looked at everything there was, the fund's events too.
    expect(things.scannedUpTo).toEqual(head);
    // A full page has looked as far as its last event.
    const funds = await store.readAll({ after: from, limit: 2, streamTypes: ['fund'] });
    expect(funds.events.map((event) => event.data)).toEqual([{ n: 2 }, { n: 3 }]);
    expect(funds.scannedUpTo).toEqual(funds.events[1]);
    const none = await store.readAll({ after: head, limit: 2, streamTypes: ['thing'] });
    expect(none).toEqual({ events: [], scannedUpTo: head });
  });

  it('answers "as known at" a moment with only what had been recorded by then', async () => {
    const streamId = `thing-${uuidv7()}`;
    await store.append(streamId, 0, [noted(1)], options);
    // The moment comes back as a JavaScript Date, to the millisecond, while recorded_at keeps
    // microseconds: step past a millisecond on each side so that the two events fall either side.
    const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 2));
    await nextMillisecond();
    const [{ now }] = (await ownerPool.query('SELECT clock_timestamp() AS now')).rows;
    await nextMillisecond();
    await store.append(streamId, 1, [noted(2)], options);
    expect((await store.readStream(streamId, { recordedUpTo: now })).map((event) => event.data)).toEqual([
      { n: 1 },
    ]);
    const all = await readEverything();
    const { events: known } = await store.readAll({ after: START, limit: 100_000, recordedUpTo: now });
    expect(known.length).toBe(all.length - 1);
  });

  it('knows a position an append answered, and none that no event holds', async () => {
    const { position } = await store.append(`thing-${uuidv7()}`, 0, [noted(1)], options);
    expect(await store.hasEventAt(position)).toBe(true);
    expect(await store.hasEventAt({ ...position, globalPosition: position.globalPosition + 1000n })).toBe(
      false,
    );
    expect(await store.hasEventAt({ transactionId: 999_999_999n, globalPosition: 1n })).toBe(false);
  });
});

describe('the record cannot be changed', () => {
  it.each([
    ['UPDATE es_events SET data = \'{"n":666}\''],
    ['DELETE FROM es_events'],
    ['TRUNCATE es_events CASCADE'],
    ['DELETE FROM es_streams'],
    ['UPDATE es_streams SET version = 1'],
    ["UPDATE es_commands SET request_hash = 'x'"],
  ])('refuses the application role: %s', async (statement) => {
    await store.append(`thing-${uuidv7()}`, 0, [noted(1), noted(2)], options);
    await expect(appPool.query(statement)).rejects.toThrow(/permission denied|append-only|only the version/);
  });

  it.each([
    ['UPDATE es_events SET data = \'{"n":666}\'', /append-only: UPDATE refused/],
    ['DELETE FROM es_events', /append-only: DELETE refused/],
    ['TRUNCATE es_events CASCADE', /append-only: TRUNCATE refused/],
    ['UPDATE es_streams SET version = 1', /only the version may change, and only upwards/],
  ])('refuses even the owner, by trigger: %s', async (statement, refusal) => {
    await store.append(`thing-${uuidv7()}`, 0, [noted(1), noted(2)], options);
    const before = (
      await ownerPool.query("SELECT count(*)::int AS n, md5(string_agg(data::text, '')) AS h FROM es_events")
    ).rows[0];
    await expect(ownerPool.query(statement)).rejects.toThrow(refusal);
    const after = (
      await ownerPool.query("SELECT count(*)::int AS n, md5(string_agg(data::text, '')) AS h FROM es_events")
    ).rows[0];
    expect(after).toEqual(before);
  });
});

describe('idempotent commands', () => {
  const claim = (key: string, requestHash = 'hash-a') => ({ actorId: 'user-1', key, requestHash });

  it('writes the events once and answers a retry with the first result', async () => {
    const streamId = `thing-${uuidv7()}`;
    const key = uuidv7();
    const first = await store.append(streamId, 0, [noted(1)], { ...options, idempotency: claim(key) });
    const retry = await store.append(streamId, 0, [noted(1)], { ...options, idempotency: claim(key) });
    expect(first.replayed).toBe(false);
    expect(retry).toEqual({ ...first, replayed: true });
    expect(await store.readStream(streamId)).toHaveLength(1);
    expect(await store.findIdempotentResult('user-1', key)).toMatchObject({
      version: 1,
      position: first.position,
    });
    expect(await store.findIdempotentResult('user-2', key)).toBeUndefined();
  });

  it('writes once when the same command arrives five times at once', async () => {
    const streamId = `thing-${uuidv7()}`;
    await store.append(streamId, 0, [noted(0)], options);
    const key = uuidv7();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        store.append(streamId, 1, [noted(1)], { ...options, idempotency: claim(key) }),
      ),
    );
    const answers = results.map((result) =>
      result.status === 'fulfilled' ? result.value.version : 'conflict',
    );
    expect(answers).toEqual([2, 2, 2, 2, 2]);
    expect(await store.readStream(streamId)).toHaveLength(2);
  });

  it('answers every retry with the answer id the first command kept, even when they race', async () => {
    const streamId = `thing-${uuidv7()}`;
    await store.append(streamId, 0, [noted(0)], options);
    const key = uuidv7();
    // Each copy makes its own id for what it adds, as a handler does; only the first one's is kept.
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        store.append(streamId, 1, [noted(1)], {
          ...options,
          idempotency: { ...claim(key), answerId: `made-by-copy-${i}` },
        }),
      ),
    );
    const written = results.filter((result) => !result.replayed);
    expect(written).toHaveLength(1);
    const kept = (await store.findIdempotentResult('user-1', key))!.answerId;
    expect(kept).toMatch(/^made-by-copy-\d$/);
    expect(results.filter((result) => result.replayed).map((result) => result.answerId)).toEqual(
      Array(4).fill(kept),
    );
  });

  it('refuses a key reused for a different request', async () => {
    const key = uuidv7();
    await store.append(`thing-${uuidv7()}`, 0, [noted(1)], { ...options, idempotency: claim(key) });
    await expect(
      store.append(`thing-${uuidv7()}`, 0, [noted(2)], { ...options, idempotency: claim(key, 'hash-b') }),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });
});

describe('appends conditioned on other streams', () => {
  const thing = () => `thing-${uuidv7()}`;
  const at = (streamId: string, expectedVersion: number): AppendOptions => ({
    ...options,
    streamConditions: [{ streamId, expectedVersion }],
  });
  const held: pg.PoolClient[] = [];
  afterEach(async () => {
    // A test that failed midway must not leave a transaction open for the next one to wait behind.
    for (const client of held.splice(0)) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  });
  /** A store whose appends run in a transaction the test commits: the append is done, its commit held. */
  async function heldOpen(): Promise<{ store: PostgresEventStore; commit(): Promise<void> }> {
    const client = await appPool.connect();
    held.push(client);
    await client.query('BEGIN');
    return {
      store: new PostgresEventStore(client as unknown as pg.Pool, undefined, 0),
      commit: async () => void (await client.query('COMMIT')),
    };
  }
  const positionOf = async (streamId: string, version: number) =>
    (await store.readStream(streamId)).find((event) => event.streamVersion === version)!;

  it('appends only while each condition is at the version read, else writes nothing and names what moved', async () => {
    const strategy = thing();
    const action = thing();
    await store.append(strategy, 0, [noted(1)], options);
    expect((await store.append(action, 0, [noted(1)], at(strategy, 1))).version).toBe(1);
    expect((await store.append(action, 1, [noted(2)], at(strategy, 1))).version).toBe(2);

    await store.append(strategy, 1, [noted(2)], options);
    const refused = await store.append(action, 2, [noted(3)], at(strategy, 1)).catch((error) => error);
    expect(refused).toBeInstanceOf(StreamConditionFailedError);
    expect(refused).toMatchObject({
      streamId: action,
      failed: [{ streamId: strategy, expectedVersion: 1, actualVersion: 2 }],
    });
    const unborn = thing();
    await expect(store.append(unborn, 0, [noted(1)], at(strategy, 1))).rejects.toBeInstanceOf(
      StreamConditionFailedError,
    );
    expect(await store.readStream(action)).toHaveLength(2);
    expect(await store.readStream(unborn)).toEqual([]);

    // The refused appends left the streams' versions alone: the next append at the version read goes in.
    expect((await store.append(action, 2, [noted(3)], at(strategy, 2))).version).toBe(3);
    expect((await store.append(unborn, 0, [noted(1)], at(strategy, 2))).version).toBe(1);

    // The appended stream's own version is checked first; then every condition that moved is named.
    const stale = await store.append(action, 1, [noted(4)], at(strategy, 1)).catch((error) => error);
    expect(stale).toBeInstanceOf(WrongExpectedVersionError);
    expect(stale).toMatchObject({ expectedVersion: 1, actualVersion: 3 });
    const pledge = thing();
    await store.append(pledge, 0, [noted(1)], options);
    const two = await store
      .append(action, 3, [noted(4)], {
        ...options,
        streamConditions: [
          { streamId: strategy, expectedVersion: 1 },
          { streamId: pledge, expectedVersion: 1 },
        ],
      })
      .catch((error) => error);
    expect(two.failed).toEqual([{ streamId: strategy, expectedVersion: 1, actualVersion: 2 }]);
  });

  it.each([
    ['a version of 0 (a stream that must not exist has no row to hold)', 0],
    ['a version that is not a whole number', 1.5],
    ['a negative version', -1],
  ])('refuses a condition with %s, writing nothing', async (_, expectedVersion) => {
    const strategy = thing();
    await store.append(strategy, 0, [noted(1)], options);
    const action = thing();
    await expect(store.append(action, 0, [noted(1)], at(strategy, expectedVersion))).rejects.toBeInstanceOf(
      InvalidEventError,
    );
    expect(await store.readStream(action)).toEqual([]);
  });

  it('refuses a condition on the stream appended to, or on one stream twice', async () => {
    const strategy = thing();
    await store.append(strategy, 0, [noted(1)], options);
    await expect(store.append(strategy, 1, [noted(2)], at(strategy, 1))).rejects.toThrow(
      /repeats a stream the append names already/,
    );
    await expect(
      store.append(thing(), 0, [noted(1)], {
        ...options,
        streamConditions: [
          { streamId: strategy, expectedVersion: 1 },
          { streamId: strategy, expectedVersion: 1 },
        ],
      }),
    ).rejects.toBeInstanceOf(InvalidEventError);
    expect(await store.readStream(strategy)).toHaveLength(1);
  });

  it('keeps no idempotency key for a refused conditional append, and replays a kept one after the condition moved', async () => {
    const strategy = thing();
    await store.append(strategy, 0, [noted(1)], options);
    const action = thing();
    const key = uuidv7();
    const claim = { actorId: 'user-1', key, requestHash: 'hash-a' };
    const first = await store.append(action, 0, [noted(1)], { ...at(strategy, 1), idempotency: claim });
    await store.append(strategy, 1, [noted(2)], options);
    expect(await store.append(action, 0, [noted(1)], { ...at(strategy, 1), idempotency: claim })).toEqual({
      ...first,
      replayed: true,
    });

    const refusedKey = uuidv7();
    await expect(
      store.append(action, 1, [noted(2)], {
        ...at(strategy, 1),
        idempotency: { ...claim, key: refusedKey },
      }),
    ).rejects.toBeInstanceOf(StreamConditionFailedError);
    expect(await store.findIdempotentResult('user-1', refusedKey)).toBeUndefined();
  });

  it('refuses a conditional append when its condition stream is appended to and commits during the check', async () => {
    const strategy = thing();
    const action = thing();
    await store.append(strategy, 0, [noted(1)], options);
    await store.append(action, 0, [noted(1)], options);
    const closing = await heldOpen();
    await closing.store.append(strategy, 1, [{ type: 'ThingClosed', data: {} }], options);
    // A plain read now would see version 1 and let the append through; the condition waits instead.
    const pending = store.append(action, 1, [noted(2)], at(strategy, 1)).catch((error) => error);
    await untilWaitingForLocks(ownerPool, 1, pending);
    await closing.commit();
    const refused = await pending;
    expect(refused).toBeInstanceOf(StreamConditionFailedError);
    expect(refused.failed).toEqual([{ streamId: strategy, expectedVersion: 1, actualVersion: 2 }]);
    expect(await store.readStream(action)).toHaveLength(1);
  });

  it('makes an append to a condition stream wait for a conditional append under way, and orders it after', async () => {
    const strategy = thing();
    const action = thing();
    await store.append(strategy, 0, [noted(1)], options);
    await store.append(action, 0, [noted(1)], options);
    const updating = await heldOpen();
    await updating.store.append(action, 1, [noted(2)], at(strategy, 1));
    const closing = store.append(strategy, 1, [{ type: 'ThingClosed', data: {} }], options);
    await untilWaitingForLocks(ownerPool, 1, closing);
    await updating.commit();
    expect((await closing).version).toBe(2);
    expect(comparePositions(await positionOf(action, 2), await positionOf(strategy, 2))).toBe(-1);
  });

  it('orders a conditional append that went in while an append to its condition waited before that append', async () => {
    const strategy = thing();
    const [first, second] = [thing(), thing()];
    await store.append(strategy, 0, [noted(1)], options);
    const updating = await heldOpen();
    await updating.store.append(first, 0, [noted(1)], at(strategy, 1));
    const closing = store.append(strategy, 1, [{ type: 'ThingClosed', data: {} }], options);
    await untilWaitingForLocks(ownerPool, 1, closing);
    // Shared locks do not queue behind the waiting writer: this one goes in and commits first...
    await store.append(second, 0, [noted(1)], at(strategy, 1));
    await updating.commit();
    await closing;
    // ...so commit order must put it before the append to the strategy, as it happened.
    const closed = await positionOf(strategy, 2);
    for (const streamId of [first, second])
      expect(comparePositions(await positionOf(streamId, 1), closed)).toBe(-1);
    const order = (await readEverything()).filter((event) =>
      [strategy, first, second].includes(event.streamId),
    );
    expect(order.map((event) => event.streamId)).toEqual([strategy, first, second, strategy]);
  });

  it('orders every accepted one of 40 concurrent conditional appends before an append to their condition, five times', async () => {
    for (let round = 0; round < 5; round++) {
      const strategy = thing();
      await store.append(strategy, 0, [noted(1)], options);
      const actions = Array.from({ length: 40 }, thing);
      const outcomes = await Promise.all([
        ...actions
          .slice(0, 20)
          .map((streamId) => store.append(streamId, 0, [noted(1)], at(strategy, 1)).catch((e) => e)),
        store.append(strategy, 1, [{ type: 'ThingClosed', data: {} }], options),
        ...actions
          .slice(20)
          .map((streamId) => store.append(streamId, 0, [noted(1)], at(strategy, 1)).catch((e) => e)),
      ]);
      const closed = await positionOf(strategy, 2);
      for (const [i, streamId] of actions.entries()) {
        const outcome = outcomes[i < 20 ? i : i + 1];
        const written = await store.readStream(streamId);
        if (outcome instanceof Error) {
          expect(outcome).toBeInstanceOf(StreamConditionFailedError);
          expect(written).toEqual([]);
        } else {
          expect(written).toHaveLength(1);
          expect(comparePositions(written[0], closed)).toBe(-1);
        }
      }
    }
  });
});

describe('schema versions', () => {
  it('upcasts old events as they are read, leaving the stored bytes alone', async () => {
    const upcasters = new Upcasters()
      .register('NameGiven', 1, (data) => ({ fullName: (data as { name: string }).name }))
      .register('NameGiven', 2, (data) => ({ ...(data as object), title: null }));
    const upcasting = new PostgresEventStore(appPool, upcasters);
    const streamId = `thing-${uuidv7()}`;
    // Written as a producer of the first version wrote it.
    await upcasting.append(
      streamId,
      0,
      [{ type: 'NameGiven', schemaVersion: 1, data: { name: 'Ada' } }],
      options,
    );
    const [event] = await upcasting.readStream(streamId);
    expect(event).toMatchObject({ schemaVersion: 3, data: { fullName: 'Ada', title: null } });
    const [stored] = await store.readStream(streamId);
    expect(stored).toMatchObject({ schemaVersion: 1, data: { name: 'Ada' } });
  });

  it('writes new events at their current version, and gives a step the stored times', async () => {
    const upcasters = new Upcasters().register('DayNoted', 1, (data, event) => ({
      ...(data as object),
      on: event.effectiveAt.toISOString().slice(0, 10),
    }));
    const upcasting = new PostgresEventStore(appPool, upcasters);
    const streamId = `thing-${uuidv7()}`;
    const effectiveAt = new Date('2019-02-18T00:00:00Z');
    await upcasting.append(streamId, 0, [{ type: 'DayNoted', schemaVersion: 1, data: {} }], {
      ...options,
      effectiveAt,
    });
    await upcasting.append(streamId, 1, [{ type: 'DayNoted', data: { on: '2019-03-01' } }], options);
    const [old, current] = await upcasting.readStream(streamId);
    expect(old).toMatchObject({ schemaVersion: 2, data: { on: '2019-02-18' } });
    expect(current).toMatchObject({ schemaVersion: 2, data: { on: '2019-03-01' } });
    const stored = await store.readStream(streamId);
    expect(stored.map((event) => event.schemaVersion)).toEqual([1, 2]);
  });
});
