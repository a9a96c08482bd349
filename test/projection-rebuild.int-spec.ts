import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import { createOwnerPool } from '../libs/database/index.js';
import { ProjectionRunner } from '../libs/projections/index.js';
import { createTestDatabase, type TestDatabase } from '../libs/testing/index.js';
import { createApp } from '../src/bootstrap.js';
import type { ContextRegistry } from '../src/common/contexts/context-registry.js';
import { loadContextRegistry } from '../src/common/contexts/discover.js';
import { seedDemo } from '../src/demo/demo-seed.js';
import { rebuildProjections, UnknownProjectionError } from '../src/operations/rebuild-projections.js';

let database: TestDatabase;
let app: INestApplication;
let owner: pg.Pool;
let registry: ContextRegistry;

beforeAll(async () => {
  database = await createTestDatabase();
  registry = await loadContextRegistry();
  app = await createApp({ ownerUrl: database.url, registry, logger: false });
  await app.init();
  await seedDemo(app, registry);
  await app.get(ProjectionRunner).catchUp();
  owner = createOwnerPool(database.url, 2);
});

afterAll(async () => {
  await owner.end();
  await app.close();
  await database.drop();
});

const TABLES = {
  rm_strategies: 'id',
  rm_pledges: 'id',
  rm_actions: 'id',
  rm_action_timeline: 'global_position',
};

async function readModels(): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const [table, key] of Object.entries(TABLES))
    snapshot[table] = (await owner.query(`SELECT * FROM ${table} ORDER BY ${key}`)).rows;
  return snapshot;
}

it('gives the whole demo history the days it happened: nothing in it takes effect the day it was entered', async () => {
  const { rows } = await owner.query(
    `SELECT count(*)::int AS events,
            count(*) FILTER (WHERE (effective_at AT TIME ZONE 'Europe/London')::date
                                >= (recorded_at AT TIME ZONE 'Europe/London')::date)::int AS entered_as_today,
            to_char(min(effective_at) AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS first_day
       FROM es_events`,
  );
  expect(rows[0]).toEqual({ events: expect.any(Number), entered_as_today: 0, first_day: '2023-09-18' });
  expect(rows[0].events).toBeGreaterThan(40);
});

it('rebuilds every projection from the events into tables identical to the live ones', async () => {
  const live = await readModels();
  expect(live.rm_actions).toHaveLength(9);
  expect(live.rm_action_timeline.length).toBeGreaterThan(30);

  const progress: string[] = [];
  const results = await rebuildProjections(database.url, registry, [], ({ projection, applied, total }) =>
    progress.push(`${projection} ${applied}/${total}`),
  );
  const { rows } = await owner.query(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE stream_type = 'action')::int AS actions FROM es_events`,
  );
  // Each is given the events of its own stream types: the timeline only the actions'.
  expect(results).toEqual([
    { projection: 'strategy-tree', applied: rows[0].n },
    { projection: 'action-timeline', applied: rows[0].actions },
  ]);
  expect(progress.at(-1)).toBe(`action-timeline ${rows[0].n}/${rows[0].n}`);
  expect(await readModels()).toEqual(live);
});

it('keeps serving and applying new events while one projection is rebuilt by name', async () => {
  const runner = app.get(ProjectionRunner);
  await rebuildProjections(database.url, registry, ['action-timeline']);
  await runner.catchUp();
  const checkpoints = await runner.checkpoints();
  expect(
    new Set(
      checkpoints.map(
        (checkpoint) => `${checkpoint.position.transactionId}.${checkpoint.position.globalPosition}`,
      ),
    ).size,
  ).toBe(1);
  const { rows } = await owner.query(
    `SELECT grantee, privilege_type FROM information_schema.role_table_grants WHERE table_name = 'rm_action_timeline' AND grantee = 'pledge_app' ORDER BY 2`,
  );
  expect(rows.map((row) => row.privilege_type)).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
});

it('names the projections there are when asked for one that is not', async () => {
  await expect(rebuildProjections(database.url, registry, ['strategy-tre'])).rejects.toThrow(
    UnknownProjectionError,
  );
  await expect(rebuildProjections(database.url, registry, ['strategy-tre'])).rejects.toThrow(
    /there are: strategy-tree, action-timeline/,
  );
});
