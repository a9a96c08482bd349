/**
 * Projections are given events by the type of their stream, never by how its id begins: a fund's
 * stream named `pledge-fund-…` is no pledge's, and the strategy projections neither apply it nor
 * stop on it.
 */
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { START, type EventStore } from '../libs/event-store/index.js';
import { ProjectionRunner } from '../libs/projections/index.js';
import { EVENT_STORE } from '../src/common/persistence/aggregate-repository.js';
import { planOneAction, startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

it('does not apply a stream whose id starts like another type, and goes on past it', async () => {
  const store = t.app.get<EventStore>(EVENT_STORE);
  const fund = `pledge-fund-${uuidv7()}`;
  await store.append(fund, 0, [{ type: 'FundOpened', data: { pledgeId: uuidv7(), title: 'Ward fund' } }], {
    streamType: 'fund',
    metadata: {
      actorId: t.people.admin.id,
      actorRole: 'admin',
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
      client: 'test',
    },
  });
  // Made through the API after the fund, and read with X-Consistent-After: every projection has
  // gone past the fund's event to reach it.
  const { pledgeId, actionId } = await planOneAction(t);
  const pledge = await t.call('GET', `/api/v1/actions/${actionId}`, { as: t.people.admin });
  expect(pledge.body.pledgeId).toBe(pledgeId);

  const db = new pg.Client(t.database.url);
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM rm_pledges`);
    expect(rows[0].n).toBe(1);
    const timeline = await db.query(
      `SELECT count(*)::int AS n FROM rm_action_timeline WHERE event_type = 'FundOpened'`,
    );
    expect(timeline.rows[0].n).toBe(0);
  } finally {
    await db.end();
  }
  const head = await store.headPosition();
  const { events } = await store.readAll({ after: START, limit: 1000, streamTypes: ['fund'] });
  expect(events.map((event) => event.streamId)).toEqual([fund]);
  for (const checkpoint of await t.app.get(ProjectionRunner).checkpoints())
    expect(checkpoint.position).toEqual(head);
});
