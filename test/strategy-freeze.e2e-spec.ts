import pg from 'pg';
import { untilWaitingForLocks } from '../libs/testing/index.js';
import { planOneAction, startTestApp, type Reply, type TestApp } from './support/test-app.js';

// A closed strategy freezes its pledges and actions whatever the timing: the check is part of the
// append (a condition on the strategy stream's version), so a change and a close serialise.

let t: TestApp;
let owner: pg.Client;
beforeAll(async () => {
  t = await startTestApp('2024-06-30T12:00:00Z');
  owner = new pg.Client(t.database.url);
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
  await t.close();
});
const holders: pg.Client[] = [];
afterEach(async () => {
  // A test that failed midway must not leave a transaction open for the next one to wait behind.
  for (const holder of holders.splice(0)) await holder.end().catch(() => undefined);
});

const update = {
  narrative: 'Forum met; 42 organisations attended.',
  rag: 'green',
  percentComplete: 30,
  effectiveOn: '2024-06-10',
};
const problem = (reply: Reply) => ({ status: reply.status, code: reply.body?.code });

async function adopt(strategyId: string): Promise<void> {
  const adopted = await t.call('POST', `/api/v1/strategies/${strategyId}/adopt`, {
    as: t.people.admin,
    body: { adoptedOn: '2023-11-14' },
  });
  expect(adopted.status).toBe(200);
}

/**
 * Holds a command in the middle of its append, its events written and its transaction open: the
 * command is sent with Idempotency-Key `key`, and this transaction has claimed that key without
 * committing, so the command's own claim of it waits. Releasing rolls the placeholder back.
 */
async function holdAppendOf(actorId: string, key: string, streamId: string) {
  const holder = new pg.Client(t.database.url);
  await holder.connect();
  holders.push(holder);
  await holder.query('BEGIN');
  await holder.query(
    `INSERT INTO es_commands (actor_id, idempotency_key, request_hash, stream_id, stream_version, global_position)
     VALUES ($1, $2, 'held by the test', $3, 0, 0)`,
    [actorId, key, streamId],
  );
  return {
    async release() {
      await holder.query('ROLLBACK');
    },
  };
}

/** Events in the store's commit order: (transaction id, global position). */
async function eventsInCommitOrder(after = { txid: '0', position: '0' }) {
  const { rows } = await owner.query(
    `SELECT transaction_id::text AS txid, global_position::text AS position, stream_id, event_type
       FROM es_events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
      ORDER BY transaction_id, global_position`,
    [after.txid, after.position],
  );
  return rows as { txid: string; position: string; stream_id: string; event_type: string }[];
}
const transactionOf = (reply: Reply) => (reply.body.position as string).split('.')[0];

describe('a change and a close sent at the same instant', () => {
  it('refuses an update that reaches the append while the close is being committed, recording nothing', async () => {
    const { strategyId, actionId } = await planOneAction(t, { reference: 'A1.1' });
    await adopt(strategyId);
    const held = await holdAppendOf(t.people.admin.id, 'close-held', `strategy-${strategyId}`);
    const closing = t.call('POST', `/api/v1/strategies/${strategyId}/close`, {
      as: t.people.admin,
      body: { reason: 'Superseded' },
      headers: { 'idempotency-key': 'close-held' },
    });
    await untilWaitingForLocks(owner, 1, closing);
    // The strategy's new version is written, not committed: a read before the append would see it open.
    const send = () =>
      t.call('POST', `/api/v1/actions/${actionId}/progress`, {
        as: t.people.lead,
        body: update,
        headers: { 'if-match': '"1"', 'idempotency-key': 'update-at-the-close' },
      });
    const updating = send();
    await untilWaitingForLocks(owner, 2, updating);
    await held.release();

    expect((await closing).status).toBe(200);
    expect(problem(await updating)).toEqual({ status: 422, code: 'strategy.closed' });
    // Nothing was kept for its key either: a retry is decided again, and refused again.
    expect(problem(await send())).toEqual({ status: 422, code: 'strategy.closed' });
    const actionEvents = (await eventsInCommitOrder()).filter((e) => e.stream_id === `action-${actionId}`);
    expect(actionEvents.map((e) => e.event_type)).toEqual(['ActionPlanned']);
  });

  it('lands an update already at its append before a close sent meanwhile', async () => {
    const { strategyId, actionId } = await planOneAction(t, { reference: 'A1.2' });
    await adopt(strategyId);
    const held = await holdAppendOf(t.people.lead.id, 'update-held', `action-${actionId}`);
    const updating = t.call('POST', `/api/v1/actions/${actionId}/progress`, {
      as: t.people.lead,
      body: update,
      headers: { 'idempotency-key': 'update-held' },
    });
    await untilWaitingForLocks(owner, 1, updating);
    const closing = t.call('POST', `/api/v1/strategies/${strategyId}/close`, {
      as: t.people.admin,
      body: { reason: 'Superseded' },
    });
    // The close waits for the update under way rather than committing past it.
    await untilWaitingForLocks(owner, 2, closing);
    await held.release();

    const [updated, closed] = await Promise.all([updating, closing]);
    expect(updated.status).toBe(201);
    expect(closed.status).toBe(200);
    const order = (await eventsInCommitOrder())
      .filter((e) => [`action-${actionId}`, `strategy-${strategyId}`].includes(e.stream_id))
      .map((e) => e.event_type);
    expect(order.slice(-2)).toEqual(['ActionProgressLogged', 'StrategyClosed']);
  });

  it('decides again, rather than answering 409, when the strategy only gained a theme meanwhile', async () => {
    const { strategyId, actionId } = await planOneAction(t, { reference: 'A1.3' });
    const held = await holdAppendOf(t.people.admin.id, 'theme-held', `strategy-${strategyId}`);
    const theme = t.call('POST', `/api/v1/strategies/${strategyId}/themes`, {
      as: t.people.admin,
      body: { title: 'Funding' },
      headers: { 'idempotency-key': 'theme-held' },
    });
    await untilWaitingForLocks(owner, 1, theme);
    const send = () =>
      t.call('POST', `/api/v1/actions/${actionId}/progress`, {
        as: t.people.lead,
        body: update,
        headers: { 'if-match': '"1"', 'idempotency-key': 'update-beside-a-theme' },
      });
    const updating = send();
    await untilWaitingForLocks(owner, 2, updating);
    await held.release();

    expect((await theme).status).toBe(201);
    const updated = await updating;
    expect(updated.status).toBe(201);
    expect(updated.body.version).toBe(2);
    const retried = await send();
    expect(retried.body).toEqual(updated.body);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses an action planned while its pledge is being withdrawn', async () => {
    const { pledgeId } = await planOneAction(t, { reference: 'A1.4' });
    const held = await holdAppendOf(t.people.admin.id, 'withdrawal-held', `pledge-${pledgeId}`);
    const withdrawing = t.call('POST', `/api/v1/pledges/${pledgeId}/withdraw`, {
      as: t.people.admin,
      body: { reason: 'Folded into P2' },
      headers: { 'idempotency-key': 'withdrawal-held' },
    });
    await untilWaitingForLocks(owner, 1, withdrawing);
    const planning = t.call('POST', `/api/v1/pledges/${pledgeId}/actions`, {
      as: t.people.admin,
      body: {
        reference: 'A1.5',
        title: 'One more',
        description: 'Planned in the instant of the withdrawal',
        leadOfficerId: t.people.lead.id,
        startDate: '2024-01-01',
        dueDate: '2024-12-31',
      },
    });
    await untilWaitingForLocks(owner, 2, planning);
    await held.release();

    expect((await withdrawing).status).toBe(200);
    expect(problem(await planning)).toEqual({ status: 422, code: 'pledge.not-active' });
  });
});

describe('many changes fired at one close', () => {
  it('acknowledges no change committed after the close, records every acknowledged one and no refused one, five times', async () => {
    for (let trial = 0; trial < 5; trial++) {
      const { strategyId, themeId, pledgeId } = await planOneAction(t, { reference: 'A1.99' });
      await adopt(strategyId);
      const pledgeBody = (reference: string) => ({
        themeId,
        reference,
        title: `Pledge ${reference}`,
        description: 'For the sector',
        lead: 'Assistant City Mayor',
        effectiveOn: '2023-11-14',
      });
      const actionBody = (reference: string) => ({
        reference,
        title: `Action ${reference}`,
        description: 'Done together',
        leadOfficerId: t.people.lead.id,
        startDate: '2024-01-01',
        dueDate: '2024-12-31',
        effectiveOn: '2023-12-01',
      });
      const otherPledges = await Promise.all(
        ['P2', 'P3', 'P4'].map((reference) =>
          t.call('POST', `/api/v1/strategies/${strategyId}/pledges`, {
            as: t.people.admin,
            body: pledgeBody(reference),
          }),
        ),
      );
      const actions = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          t.call('POST', `/api/v1/pledges/${pledgeId}/actions`, {
            as: t.people.admin,
            body: actionBody(`A1.${i + 1}`),
          }),
        ),
      );
      for (const created of [...otherPledges, ...actions]) expect(created.status).toBe(201);
      const [setUp] = (await eventsInCommitOrder()).slice(-1);

      // 50 updates, 4 actions planned, 3 pledges made and 3 amended, with the close among them.
      const changes = [
        ...actions.map((action) =>
          t.call('POST', `/api/v1/actions/${action.body.id}/progress`, { as: t.people.lead, body: update }),
        ),
        ...['A1.51', 'A1.52', 'A1.53', 'A1.54'].map((reference) =>
          t.call('POST', `/api/v1/pledges/${pledgeId}/actions`, {
            as: t.people.admin,
            body: actionBody(reference),
          }),
        ),
        ...['P5', 'P6', 'P7'].map((reference) =>
          t.call('POST', `/api/v1/strategies/${strategyId}/pledges`, {
            as: t.people.admin,
            body: pledgeBody(reference),
          }),
        ),
        ...otherPledges.map((pledge) =>
          t.call('PATCH', `/api/v1/pledges/${pledge.body.id}`, {
            as: t.people.admin,
            body: { title: `${pledge.body.id} amended` },
          }),
        ),
      ];
      const close = t.call('POST', `/api/v1/strategies/${strategyId}/close`, {
        as: t.people.admin,
        body: { reason: 'Superseded' },
      });
      const replies = await Promise.all([...changes.slice(0, 30), close, ...changes.slice(30)]);
      const [closed] = replies.splice(30, 1);
      expect(closed.status).toBe(200);

      const acknowledged = replies.filter((reply) => reply.status === 200 || reply.status === 201);
      for (const refused of replies.filter((reply) => !acknowledged.includes(reply)))
        expect([`${refused.status} ${refused.body.code}`]).toEqual([
          expect.stringMatching(/^(422 strategy\.closed|409 version\.conflict)$/),
        ]);
      const written = await eventsInCommitOrder(setUp);
      const closeAt = written.findIndex((event) => event.event_type === 'StrategyClosed');
      expect(written[closeAt].txid).toBe(transactionOf(closed));
      // Every event after the close is the close's; every transaction before it answered success.
      expect(written.slice(closeAt + 1)).toEqual([]);
      expect(new Set(written.slice(0, closeAt).map((event) => event.txid))).toEqual(
        new Set(acknowledged.map(transactionOf)),
      );
    }
  });
});
