/**
 * A database knows a migration by its class name: moving a migration into its context's folder
 * keeps the name, so a database set up before runs nothing again.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadMigrations } from '../migrations/index.js';
import { ensureDatabase, MIGRATIONS_TABLE, runMigrations } from '../libs/database/index.js';
import { testServer, withDatabase } from '../libs/testing/index.js';

const name = `pledge_test_${randomBytes(6).toString('hex')}`;
const { adminUrl } = testServer();
const url = withDatabase(adminUrl, name);

beforeAll(() => ensureDatabase(adminUrl, name));
afterAll(async () => {
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await admin.end();
});

it('keeps the name of every migration that may have run somewhere, in the order they run', async () => {
  expect((await loadMigrations()).map((migration) => migration.name)).toEqual([
    'EventStore1763769600000',
    'Identity1763769600001',
    'ProjectionCheckpoints1763769600002',
    'StrategyReadModels1763769600002', // src/strategy/migrations
    'WebSessions1763769600003',
    'Ledger1763769600004',
    'CommandAnswerId1763769600005',
    'EventStreamType1763769600006',
  ]);
});

it('runs nothing again on a database set up before, and keeps what the strategy migration once made', async () => {
  const migrations = await loadMigrations();
  expect(await runMigrations(url, migrations)).toHaveLength(migrations.length);
  expect(await runMigrations(url, migrations)).toEqual([]);
  // A database set up before contexts had folders: its projection checkpoints came from the
  // strategy's migration, and the shared one that makes them now never ran there.
  const db = new pg.Client(url);
  await db.connect();
  try {
    await db.query(
      `INSERT INTO projection_checkpoints (projection, events_applied) VALUES ('strategy-tree', 7)`,
    );
    await db.query(`DELETE FROM ${MIGRATIONS_TABLE} WHERE name = 'ProjectionCheckpoints1763769600002'`);
    expect(await runMigrations(url, migrations)).toEqual(['ProjectionCheckpoints1763769600002']);
    const { rows } = await db.query(
      `SELECT projection, events_applied::int AS n FROM projection_checkpoints`,
    );
    expect(rows).toEqual([{ projection: 'strategy-tree', n: 7 }]);
  } finally {
    await db.end();
  }
});
