/**
 * A database sealed before events carried their stream type: the migration that gives every stored
 * event its stream's type changes no sealed byte, so the signed tree head kept from before it
 * still verifies, on the spot (verify now) and offline, against the record after it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { loadMigrations } from '../migrations/index.js';
import { createAppPool, createOwnerPool, ensureDatabase, runMigrations } from '../libs/database/index.js';
import { PostgresEventStore, START } from '../libs/event-store/index.js';
import { generateSigningKey } from '../libs/ledger/index.js';
import { testServer, withDatabase } from '../libs/testing/index.js';
import { writeExport } from '../src/audit/exporter.js';
import { verifyExport } from '../src/audit/export-verifier.js';
import { LedgerQueries } from '../src/audit/ledger.queries.js';
import { LedgerSealer } from '../src/audit/sealer.js';
import { TreeHeadSigner } from '../src/audit/signing-key.js';

const STREAM_TYPE_MIGRATION = 'EventStreamType1763769600006';
const name = `pledge_test_${randomBytes(6).toString('hex')}`;
const { adminUrl } = testServer();
const url = withDatabase(adminUrl, name);
let owner: pg.Pool;
let app: pg.Pool;

beforeAll(async () => {
  await ensureDatabase(adminUrl, name);
  const migrations = await loadMigrations();
  const before = migrations.slice(
    0,
    migrations.findIndex((m) => m.name === STREAM_TYPE_MIGRATION),
  );
  expect(before.length).toBeGreaterThan(0);
  await runMigrations(url, before);
  owner = createOwnerPool(url, 2);
  app = createAppPool(url, 4);
});
afterAll(async () => {
  await app?.end();
  await owner?.end();
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await admin.end();
});

/** An append as the store made them before events held their stream's type. */
async function appendTheOldWay(streamType: string, id: string, events: object[]): Promise<void> {
  const client = await app.connect();
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO es_streams (stream_id, stream_type, version) VALUES ($1, $2, $3)`, [
      `${streamType}-${id}`,
      streamType,
      events.length,
    ]);
    for (const [index, data] of events.entries())
      await client.query(
        `INSERT INTO es_events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, effective_at)
         VALUES ($1, $2, $3, 'ThingNoted', 1, $4, '{"actorId":"u-1","actorRole":"officer","client":"test"}',
                 now() - interval '3 days')`,
        [`${streamType}-${id}`, index + 1, uuidv7(), JSON.stringify(data)],
      );
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

it('keeps every sealed byte: the tree head signed before it verifies now and offline after it', async () => {
  const ward = 'E05010458';
  const partnership = uuidv7();
  await appendTheOldWay('ward', ward, [{ n: 1 }, { n: 2 }]);
  await appendTheOldWay('ward-partnership', partnership, [{ n: 3 }]);
  await appendTheOldWay('action', uuidv7(), [{ n: 4 }, { n: 5 }, { n: 6 }]);
  const keys = generateSigningKey();
  const store = new PostgresEventStore(app);
  const sealer = new LedgerSealer(app, store, new TreeHeadSigner(keys), {
    treeHeadEveryEvents: 1,
    treeHeadEverySeconds: 3600,
  });
  const kept = (await sealer.catchUp())!;
  expect(kept.treeSize).toBe(6);
  const dir = mkdtempSync(join(tmpdir(), 'pledge-stream-type-'));
  await writeExport(app, join(dir, 'before.jsonl'));

  const applied = await runMigrations(url, await loadMigrations());
  expect(applied[0]).toBe(STREAM_TYPE_MIGRATION);

  // Each old event now carries its stream's type, hyphens and all.
  const { events } = await store.readAll({ after: START, limit: 100 });
  expect(events.map((event) => [event.streamId, event.streamType])).toEqual([
    [`ward-${ward}`, 'ward'],
    [`ward-${ward}`, 'ward'],
    [`ward-partnership-${partnership}`, 'ward-partnership'],
    ...events.slice(3).map((event) => [event.streamId, 'action']),
  ]);

  const now = await new LedgerQueries(app).verifyNow();
  expect(now).toMatchObject({ ok: true, treeSize: 6, problems: [], findings: [] });

  await writeExport(app, join(dir, 'after.jsonl'));
  const lines = (file: string) => readFileSync(join(dir, file), 'utf8').trim().split('\n');
  // Line for line the same record, but for the moment of the export in its header.
  expect(lines('after.jsonl').slice(1)).toEqual(lines('before.jsonl').slice(1));
  const offline = await verifyExport(
    (async function* () {
      yield* lines('after.jsonl');
    })(),
    { treeHead: kept, publicKeyPem: keys.publicKeyPem },
  );
  expect(offline).toMatchObject({ ok: true, treeSize: 6, problems: [], findings: [] });
});
