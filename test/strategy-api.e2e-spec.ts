import pg from 'pg';
import { planOneAction, startTestApp, type Reply, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2024-06-30T12:00:00Z');
});
afterAll(async () => {
  await t.close();
});

const update = {
  narrative: 'Forum met; 42 organisations attended.',
  rag: 'green',
  percentComplete: 30,
  effectiveOn: '2024-06-10',
};
async function waitUntil(condition: () => Promise<boolean>, what = 'the condition'): Promise<void> {
  for (let tries = 0; tries < 500; tries++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Gave up waiting for ${what}`);
}
const fresh = (reply: Reply) => ({ 'x-consistent-after': reply.body.position as string });
const problem = (reply: Reply) => ({
  status: reply.status,
  type: reply.headers.get('content-type'),
  code: reply.body?.code,
});

describe('officers record progress on the actions they lead', () => {
  it('logs an update, answers with the version and position, and shows it on the next read', async () => {
    const { actionId, created } = await planOneAction(t);
    expect(created.headers.get('location')).toBe(`/api/v1/actions/${actionId}`);
    expect(created.headers.get('etag')).toBe('"1"');

    const logged = await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
      as: t.people.lead,
      body: update,
      headers: { 'if-match': '"1"' },
    });
    expect(logged.status).toBe(201);
    expect(logged.body).toEqual({ id: actionId, version: 2, position: expect.stringMatching(/^\d+\.\d+$/) });
    expect(logged.headers.get('etag')).toBe('"2"');

    const action = await t.call('GET', `/api/v1/actions/${actionId}`, {
      as: t.people.scrutiny,
      headers: fresh(logged),
    });
    expect(action.status).toBe(200);
    expect(action.body).toMatchObject({
      status: 'on-track',
      rag: 'green',
      percentComplete: 30,
      latestNarrative: update.narrative,
      version: 2,
      leadOfficerName: 'Olu Officer',
    });
    expect(action.headers.get('etag')).toBe('"2"');

    const timeline = await t.call('GET', `/api/v1/actions/${actionId}/timeline`, {
      as: t.people.auditor,
      headers: fresh(logged),
    });
    expect(timeline.body.map((entry: { eventType: string }) => entry.eventType)).toEqual([
      'ActionPlanned',
      'ActionProgressLogged',
    ]);
    expect(timeline.body[1]).toMatchObject({
      actorId: t.people.lead.id,
      actorName: 'Olu Officer',
      actorRole: 'officer',
      details: { rag: 'green', percentComplete: 30 },
    });
    expect(new Date(timeline.body[1].effectiveAt).toISOString()).toBe('2024-06-09T23:00:00.000Z'); // 10 June, London
  });

  it('records who made every change, with their role and a correlation id', async () => {
    const { actionId } = await planOneAction(t, { reference: 'A1.9' });
    await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
      as: t.people.lead,
      body: update,
      headers: { 'x-correlation-id': 'forum-2024-06' },
    });
    const client = new pg.Client(t.database.url);
    await client.connect();
    const { rows } = await client.query(
      `SELECT event_type, metadata FROM es_events WHERE stream_id = $1 ORDER BY stream_version`,
      [`action-${actionId}`],
    );
    await client.end();
    expect(
      rows.map((row) => [row.event_type, row.metadata.actorId, row.metadata.actorRole, row.metadata.client]),
    ).toEqual([
      ['ActionPlanned', t.people.admin.id, 'admin', 'api'],
      ['ActionProgressLogged', t.people.lead.id, 'officer', 'api'],
    ]);
    expect(rows[1].metadata.correlationId).toBe('forum-2024-06');
  });

  it('revises a due date with a reason, keeps the baseline, and counts the slip and the overdue', async () => {
    const { actionId, strategyId } = await planOneAction(t, { reference: 'A1.2', dueDate: '2024-05-31' });
    const revised = await t.call('POST', `/api/v1/actions/${actionId}/due-date`, {
      as: t.people.lead,
      body: { newDueDate: '2024-06-15', reason: 'Consultation extended' },
    });
    expect(revised.status).toBe(200);
    const action = await t.call('GET', `/api/v1/actions/${actionId}`, {
      as: t.people.lead,
      headers: fresh(revised),
    });
    expect(action.body).toMatchObject({
      baselineDue: '2024-05-31',
      currentDue: '2024-06-15',
      slipped: true,
      overdue: true,
    });
    const overview = await t.call('GET', `/api/v1/strategies/${strategyId}?date=2024-06-01`, {
      as: t.people.scrutiny,
      headers: fresh(revised),
    });
    expect(overview.body.rollUp).toMatchObject({ total: 1, overdue: 0, slipped: 1 });
    expect(overview.body.themes[0].pledges[0].actions[0]).toMatchObject({
      reference: 'A1.2',
      overdue: false,
      slipped: true,
    });
    const mine = await t.call('GET', '/api/v1/me/actions', { as: t.people.lead, headers: fresh(revised) });
    expect(mine.body[0]).toMatchObject({ id: actionId, overdue: true });
  });

  it('takes no progress on a completed action until it is reopened with a reason', async () => {
    const { actionId } = await planOneAction(t, { reference: 'A1.3' });
    expect(
      (
        await t.call('POST', `/api/v1/actions/${actionId}/complete`, {
          as: t.people.lead,
          body: { summary: 'Delivered', completedOn: '2024-06-20' },
        })
      ).status,
    ).toBe(200);
    const refused = await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
      as: t.people.lead,
      body: update,
    });
    expect(problem(refused)).toEqual({
      status: 422,
      type: 'application/problem+json; charset=utf-8',
      code: 'action.closed',
    });
    expect(
      (
        await t.call('POST', `/api/v1/actions/${actionId}/reopen`, {
          as: t.people.lead,
          body: { reason: '  ' },
        })
      ).body.code,
    ).toBe('reason.required');
    expect(
      (
        await t.call('POST', `/api/v1/actions/${actionId}/reopen`, {
          as: t.people.lead,
          body: { reason: 'Audit found gaps' },
        })
      ).status,
    ).toBe(200);
    // Reopened today, it takes progress from today on.
    const afterReopening = { ...update, effectiveOn: '2024-06-30' };
    expect(
      (
        await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
          as: t.people.lead,
          body: afterReopening,
        })
      ).status,
    ).toBe(201);
  });
});

describe('roll-ups and my actions', () => {
  it('rates open actions only: a completed action counts by its status, and a RAG filter finds it no more', async () => {
    const { actionId, strategyId } = await planOneAction(
      t,
      { reference: 'A1.4' },
      { strategy: 'Roll-up strategy' },
    );
    const read = (after: Reply, query = '') =>
      t.call('GET', `/api/v1/strategies/${strategyId}${query}`, {
        as: t.people.scrutiny,
        headers: fresh(after),
      });
    const rated = await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
      as: t.people.lead,
      body: { ...update, rag: 'amber' },
    });
    expect(rated.status).toBe(201);
    expect((await read(rated, '?rag=amber')).body.rollUp).toMatchObject({ total: 1, byRag: { amber: 1 } });

    const completed = await t.call('POST', `/api/v1/actions/${actionId}/complete`, {
      as: t.people.lead,
      body: { summary: 'Delivered', completedOn: '2024-06-20' },
    });
    expect(completed.status).toBe(200);
    const overview = (await read(completed)).body;
    expect(overview.rollUp).toMatchObject({
      total: 1,
      byStatus: { completed: 1 },
      byRag: { red: 0, amber: 0, green: 0, none: 0 },
    });
    // Its last RAG is still recorded on it; it is only no longer counted as a rating.
    expect(overview.themes[0].pledges[0].actions[0]).toMatchObject({ status: 'completed', rag: 'amber' });
    expect((await read(completed, '?rag=amber')).body.rollUp.total).toBe(0);
  });

  it('names the strategy and the pledge of each action an officer leads, so two A1.1s differ', async () => {
    const first = await planOneAction(
      t,
      { reference: 'A1.1' },
      { strategy: 'Housing strategy', pledge: 'Homes first' },
    );
    const second = await planOneAction(
      t,
      { reference: 'A1.1' },
      { strategy: 'Transport strategy', pledge: 'Safer streets' },
    );
    const mine = await t.call('GET', '/api/v1/me/actions', {
      as: t.people.lead,
      headers: fresh(second.created),
    });
    const byId = new Map(mine.body.map((action: { id: string }) => [action.id, action]));
    expect(byId.get(first.actionId)).toMatchObject({
      reference: 'A1.1',
      strategyTitle: 'Housing strategy',
      pledgeReference: 'P1',
      pledgeTitle: 'Homes first',
    });
    expect(byId.get(second.actionId)).toMatchObject({
      reference: 'A1.1',
      strategyTitle: 'Transport strategy',
      pledgeReference: 'P1',
      pledgeTitle: 'Safer streets',
    });
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  let actionId: string;
  let eventsBefore: number;
  const countEvents = async () => {
    const client = new pg.Client(t.database.url);
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM es_events');
    await client.end();
    return rows[0].n as number;
  };
  beforeAll(async () => {
    ({ actionId } = await planOneAction(t, { reference: 'A1.4' }));
    await t.call('POST', `/api/v1/actions/${actionId}/progress`, { as: t.people.lead, body: update });
  });
  beforeEach(async () => {
    eventsBefore = await countEvents();
  });
  afterEach(async () => {
    expect(await countEvents()).toBe(eventsBefore);
  });

  it.each([
    ['an unknown field', { ...update, colour: 'blue' }, 'colour'],
    ['a missing narrative', { rag: 'green', percentComplete: 10 }, 'narrative'],
    ['a RAG that is not red, amber or green', { ...update, rag: 'purple' }, 'rag'],
    ['a percentage over 100', { ...update, percentComplete: 150 }, 'percentComplete'],
    ['a percentage that is text', { ...update, percentComplete: 'half' }, 'percentComplete'],
    ['a date in another format', { ...update, effectiveOn: '10/06/2024' }, 'effectiveOn'],
    ['a date that does not exist', { ...update, effectiveOn: '2024-02-30' }, 'effectiveOn'],
    ['evidence without a link', { ...update, evidence: [{ title: 'Minutes' }] }, 'evidence[0].url'],
  ])('refuses %s with 400 naming the field', async (_, body, field) => {
    const reply = await t.call('POST', `/api/v1/actions/${actionId}/progress`, { as: t.people.lead, body });
    expect(problem(reply)).toMatchObject({ status: 400, code: 'request.invalid' });
    expect(reply.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('refuses JSON that does not parse', async () => {
    const reply = await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
      as: t.people.lead,
      raw: '{"narrative": ',
    });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
  });

  it.each([
    ['a blank narrative', { ...update, narrative: '   ' }, 'narrative.required'],
    ['an effective date in the future', { ...update, effectiveOn: '2024-07-01' }, 'effectiveOn.in-future'],
    ['a RAG change without a justification', { ...update, rag: 'red' }, 'action.rag-justification-required'],
    [
      'an evidence link that is not a web address',
      { ...update, evidence: [{ title: 'x', url: 'javascript:alert(1)' }] },
      'action.evidence-url-invalid',
    ],
  ])('refuses %s with 422 from the domain', async (_, body, code) => {
    const reply = await t.call('POST', `/api/v1/actions/${actionId}/progress`, { as: t.people.lead, body });
    expect(problem(reply)).toMatchObject({ status: 422, code });
    expect(reply.body.errors[0].field).toBeDefined();
  });

  it('refuses an empty reason as malformed (400) and a blank one by the rule (422)', async () => {
    const empty = await t.call('POST', `/api/v1/actions/${actionId}/cancel`, {
      as: t.people.lead,
      body: { reason: '' },
    });
    expect(problem(empty)).toMatchObject({ status: 400, code: 'request.invalid' });
    expect(empty.body.errors).toEqual([{ field: 'reason', message: 'reason must not be empty' }]);
    const blank = await t.call('POST', `/api/v1/actions/${actionId}/cancel`, {
      as: t.people.lead,
      body: { reason: '   ' },
    });
    expect(problem(blank)).toMatchObject({ status: 422, code: 'reason.required' });
  });

  it('refuses a due-date revision without a reason, and one to the same date', async () => {
    expect(
      (
        await t.call('POST', `/api/v1/actions/${actionId}/due-date`, {
          as: t.people.lead,
          body: { newDueDate: '2025-01-31', reason: ' ' },
        })
      ).body.code,
    ).toBe('reason.required');
    expect(
      (
        await t.call('POST', `/api/v1/actions/${actionId}/due-date`, {
          as: t.people.lead,
          body: { newDueDate: '2024-12-31', reason: 'r' },
        })
      ).body.code,
    ).toBe('action.due-date-unchanged');
  });

  it('answers 400 for an id that is not a UUID and 404 for one that names nothing', async () => {
    const notAnId = await t.call('GET', '/api/v1/actions/not-a-uuid', { as: t.people.lead });
    expect(problem(notAnId)).toMatchObject({ status: 400, code: 'request.invalid' });
    expect(notAnId.body.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    const notAMilestone = await t.call('POST', `/api/v1/actions/${actionId}/milestones/42/achieve`, {
      as: t.people.lead,
      body: {},
    });
    expect(notAMilestone.body.errors).toEqual([
      { field: 'milestoneId', message: 'milestoneId must be a UUID' },
    ]);
    const missing = await t.call('POST', '/api/v1/actions/01890a5d-ac96-774b-bcce-b302099a8057/progress', {
      as: t.people.lead,
      body: update,
    });
    expect(problem(missing)).toMatchObject({ status: 404, code: 'action.not-found' });
  });

  it('answers 412 with the current version when If-Match is stale, and 400 when it is malformed', async () => {
    const stale = await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
      as: t.people.lead,
      body: update,
      headers: { 'if-match': '"1"' },
    });
    expect(problem(stale)).toMatchObject({ status: 412, code: 'version.precondition-failed' });
    expect(stale.body.currentVersion).toBe(2);
    expect(
      (
        await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
          as: t.people.lead,
          body: update,
          headers: { 'if-match': 'yesterday' },
        })
      ).status,
    ).toBe(400);
  });

  it('refuses bad query parameters on a read, naming each', async () => {
    const { strategyId } = await planOneAction(t, { reference: 'A1.19' });
    eventsBefore = await countEvents();
    for (const [query, field] of [
      ['date=31-12-2024', 'date'],
      ['rag=purple', 'rag'],
      ['status=done', 'status'],
      ['themeId=nope', 'themeId'],
      ['leadOfficerId=x', 'leadOfficerId'],
      ['colour=blue', 'colour'],
    ]) {
      const reply = await t.call('GET', `/api/v1/strategies/${strategyId}?${query}`, {
        as: t.people.scrutiny,
      });
      expect([query, problem(reply).status, reply.body.code, reply.body.errors?.[0]?.field]).toEqual([
        query,
        400,
        'request.invalid',
        field,
      ]);
    }
    const mine = await t.call('GET', '/api/v1/me/actions?overdueOnly=yes', { as: t.people.lead });
    expect(problem(mine)).toMatchObject({ status: 400, code: 'request.invalid' });
  });

  it('refuses a malformed strategy or one with no real day (400), and a period that ends before it starts (422)', async () => {
    const malformed = await t.call('POST', '/api/v1/strategies', {
      as: t.people.admin,
      body: { title: 'Strategy', periodStart: 'March 2024', periodEnd: 'soon', colour: 'blue' },
    });
    expect(problem(malformed)).toMatchObject({ status: 400, code: 'request.invalid' });
    expect(malformed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'colour',
      'periodEnd',
      'periodStart',
    ]);
    const backwards = await t.call('POST', '/api/v1/strategies', {
      as: t.people.admin,
      body: { title: 'Strategy', periodStart: '2027-03-31', periodEnd: '2023-11-01' },
    });
    expect(problem(backwards)).toMatchObject({ status: 422, code: 'strategy.period-invalid' });
    // Written as a date, but no day of the calendar: malformed, with the field named.
    const noSuchDay = await t.call('POST', '/api/v1/strategies', {
      as: t.people.admin,
      body: { title: 'Strategy', periodStart: '2024-13-01', periodEnd: '2027-03-31' },
    });
    expect(problem(noSuchDay)).toMatchObject({ status: 400, code: 'request.invalid' });
    expect(noSuchDay.body.errors).toEqual([
      { field: 'periodStart', message: 'periodStart must be a real date written YYYY-MM-DD' },
    ]);
  });

  it('refuses a malformed pledge (400) and one the rules refuse (422)', async () => {
    const { strategyId, pledgeId } = await planOneAction(t, { reference: 'A1.20' });
    const tree = await t.call('GET', `/api/v1/strategies/${strategyId}`, { as: t.people.admin });
    const themeId = tree.body.themes[0].id;
    eventsBefore = await countEvents();
    const pledge = {
      themeId,
      reference: 'P2',
      title: 'Fund fairly',
      description: 'Grants',
      lead: 'Director',
    };
    const send = (body: object) =>
      t.call('POST', `/api/v1/strategies/${strategyId}/pledges`, { as: t.people.admin, body });
    const notAUuid = await send({ ...pledge, themeId: 'nope' });
    expect(notAUuid.body.errors[0].field).toBe('themeId');
    expect(problem(notAUuid).status).toBe(400);
    expect(problem(await send({ ...pledge, reference: 'P02' }))).toMatchObject({
      status: 422,
      code: 'pledge.reference-invalid',
    });
    expect(problem(await send({ ...pledge, reference: 'P1' }))).toMatchObject({
      status: 409,
      code: 'pledge.reference-taken',
    });
    expect(problem(await send({ ...pledge, themeId: '01890a5d-ac96-774b-bcce-b302099a8057' }))).toMatchObject(
      { status: 422, code: 'pledge.theme-unknown' },
    );
    const amendNothing = await t.call('PATCH', `/api/v1/pledges/${pledgeId}`, {
      as: t.people.admin,
      body: {},
    });
    expect(problem(amendNothing)).toMatchObject({ status: 422, code: 'pledge.no-change' });
  });

  it('refuses a reference that is already used, with 409', async () => {
    const { pledgeId } = await planOneAction(t, { reference: 'A1.5' });
    const again = await t.call('POST', `/api/v1/pledges/${pledgeId}/actions`, {
      as: t.people.admin,
      body: {
        reference: 'A1.5',
        title: 'Again',
        description: 'd',
        leadOfficerId: t.people.lead.id,
        startDate: '2024-01-01',
        dueDate: '2024-12-31',
      },
    });
    eventsBefore = await countEvents(); // planOneAction above wrote a new strategy on purpose
    expect(problem(again)).toMatchObject({ status: 409, code: 'action.reference-taken' });
  });

  it('refuses a lead who is not an officer', async () => {
    const { pledgeId } = await planOneAction(t, { reference: 'A1.6' });
    eventsBefore = await countEvents();
    const reply = await t.call('POST', `/api/v1/pledges/${pledgeId}/actions`, {
      as: t.people.admin,
      body: {
        reference: 'A1.7',
        title: 'T',
        description: 'd',
        leadOfficerId: t.people.scrutiny.id,
        startDate: '2024-01-01',
        dueDate: '2024-12-31',
      },
    });
    expect(problem(reply)).toMatchObject({ status: 422, code: 'action.lead-not-officer' });
  });
});

describe('each role sees and does what it should', () => {
  let actionId: string;
  let strategyId: string;
  beforeAll(async () => {
    ({ actionId, strategyId } = await planOneAction(t, { reference: 'A1.8' }));
  });

  it('asks for a token, and refuses a wrong one', async () => {
    const none = await t.call('GET', `/api/v1/actions/${actionId}`);
    expect(problem(none)).toMatchObject({ status: 401, code: 'auth.token-missing' });
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    const wrong = await t.call('GET', `/api/v1/actions/${actionId}`, {
      as: { id: 'x', name: 'x', token: 'pt_forged', email: 'x', password: 'x' },
    });
    expect(problem(wrong)).toMatchObject({ status: 401, code: 'auth.token-invalid' });
  });

  it.each(['scrutiny', 'auditor'] as const)('lets %s read everything and change nothing', async (role) => {
    const person = t.people[role];
    expect((await t.call('GET', `/api/v1/strategies/${strategyId}`, { as: person })).status).toBe(200);
    expect((await t.call('GET', `/api/v1/actions/${actionId}/timeline`, { as: person })).status).toBe(200);
    expect(
      problem(await t.call('POST', `/api/v1/actions/${actionId}/progress`, { as: person, body: update })),
    ).toMatchObject({ status: 403, code: 'auth.role-not-allowed' });
    expect(
      (
        await t.call('POST', '/api/v1/strategies', {
          as: person,
          body: { title: 'x', periodStart: '2024-01-01', periodEnd: '2025-01-01' },
        })
      ).status,
    ).toBe(403);
  });

  it('lets an officer change only the actions they lead', async () => {
    const reply = await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
      as: t.people.otherOfficer,
      body: update,
    });
    expect(problem(reply)).toMatchObject({ status: 403, code: 'action.not-your-action' });
    expect(
      (
        await t.call('POST', '/api/v1/strategies', {
          as: t.people.lead,
          body: { title: 'x', periodStart: '2024-01-01', periodEnd: '2025-01-01' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call('PUT', `/api/v1/actions/${actionId}/lead`, {
          as: t.people.lead,
          body: { leadOfficerId: t.people.otherOfficer.id, reason: 'r' },
        })
      ).status,
    ).toBe(403);
  });

  it('lets an admin change any action and hand it to another officer, who can then change it', async () => {
    expect(
      (await t.call('POST', `/api/v1/actions/${actionId}/progress`, { as: t.people.admin, body: update }))
        .status,
    ).toBe(201);
    const moved = await t.call('PUT', `/api/v1/actions/${actionId}/lead`, {
      as: t.people.admin,
      body: { leadOfficerId: t.people.otherOfficer.id, reason: 'Team change' },
    });
    expect(moved.status).toBe(200);
    expect(
      (
        await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
          as: t.people.otherOfficer,
          body: update,
        })
      ).status,
    ).toBe(201);
    expect(
      (await t.call('POST', `/api/v1/actions/${actionId}/progress`, { as: t.people.lead, body: update }))
        .status,
    ).toBe(403);
    const mine = await t.call('GET', '/api/v1/me/actions', {
      as: t.people.otherOfficer,
      headers: fresh(moved),
    });
    expect(mine.body.map((action: { id: string }) => action.id)).toContain(actionId);
  });
});

describe('nothing is lost', () => {
  it('lets one of several simultaneous writers win and answers the others 409', async () => {
    const { actionId } = await planOneAction(t, { reference: 'A1.10' });
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.call('POST', `/api/v1/actions/${actionId}/progress`, {
          as: t.people.lead,
          body: { ...update, narrative: `writer ${i}` },
          headers: { 'if-match': '"1"' },
        }),
      ),
    );
    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(1);
    // A loser that read version 1 before the winner wrote is caught by the append (409); one that
    // read after it is caught by If-Match (412). Either way it is told, and nothing is overwritten.
    for (const loser of replies.filter((reply) => reply.status !== 201)) {
      expect([`${loser.status} ${loser.body.code}`]).toEqual([
        expect.stringMatching(/^(409 version\.conflict|412 version\.precondition-failed)$/),
      ]);
      expect(loser.body.currentVersion).toBe(2);
    }
    const winner = replies.find((reply) => reply.status === 201)!;
    const timeline = await t.call('GET', `/api/v1/actions/${actionId}/timeline`, {
      as: t.people.lead,
      headers: fresh(winner),
    });
    expect(timeline.body).toHaveLength(2);
  });

  it('answers 409 with the current version to a writer whose stream moved while it was writing', async () => {
    const { actionId } = await planOneAction(t, { reference: 'A1.15' });
    const owner = new pg.Client(t.database.url);
    await owner.connect();
    try {
      // Hold the streams table so that both writers read version 1 and reach the append before
      // either lands. A table lock takes no transaction id, so other readers in the cluster, which
      // wait for every older transaction to end, are not held back by it.
      await owner.query('BEGIN');
      await owner.query('LOCK TABLE es_streams IN SHARE ROW EXCLUSIVE MODE');
      const replies = [0, 1].map((i) =>
        t.call('POST', `/api/v1/actions/${actionId}/progress`, {
          as: t.people.lead,
          body: { ...update, narrative: `writer ${i}` },
        }),
      );
      await waitUntil(async () => {
        // Sessions of this test's database that are waiting on another: the two writers.
        const { rows } = await owner.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0`,
        );
        return rows[0].n === 2;
      }, 'both writers to wait at the append');
      await owner.query('COMMIT');
      const [first, second] = await Promise.all(replies);
      const statuses = [first, second].map((reply) => reply.status).sort();
      expect(statuses).toEqual([201, 409]);
      const loser = first.status === 409 ? first : second;
      expect(problem(loser)).toMatchObject({ status: 409, code: 'version.conflict' });
      expect(loser.body.currentVersion).toBe(2);
      const winner = first.status === 201 ? first : second;
      const timeline = await t.call('GET', `/api/v1/actions/${actionId}/timeline`, {
        as: t.people.lead,
        headers: fresh(winner),
      });
      expect(timeline.body).toHaveLength(2); // planned, and the winner's update: nothing overwritten
    } finally {
      await owner.query('ROLLBACK').catch(() => undefined);
      await owner.end();
    }
  });

  it('never lets simultaneous writers without If-Match overwrite each other', async () => {
    const { actionId } = await planOneAction(t, { reference: 'A1.14' });
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.call('POST', `/api/v1/actions/${actionId}/progress`, {
          as: t.people.lead,
          body: { ...update, narrative: `writer ${i}` },
        }),
      ),
    );
    const written = replies.filter((reply) => reply.status === 201);
    expect(
      replies.every(
        (reply) => reply.status === 201 || (reply.status === 409 && reply.body.code === 'version.conflict'),
      ),
    ).toBe(true);
    const last = written.reduce((a, b) => (a.body.version > b.body.version ? a : b));
    const timeline = await t.call('GET', `/api/v1/actions/${actionId}/timeline`, {
      as: t.people.lead,
      headers: fresh(last),
    });
    expect(timeline.body).toHaveLength(1 + written.length);
    expect(new Set(written.map((reply) => reply.body.version)).size).toBe(written.length);
  });

  it('answers a retried command with its first answer and writes it once', async () => {
    const { actionId } = await planOneAction(t, { reference: 'A1.11' });
    const send = (body: object) =>
      t.call('POST', `/api/v1/actions/${actionId}/progress`, {
        as: t.people.lead,
        body,
        headers: { 'idempotency-key': 'update-2024-06-10' },
      });
    const first = await send(update);
    const retry = await send(update);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    // The replay carries the headers the first answer did, so a client's next If-Match still works.
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(first.headers.get('etag')).toBe(`"${first.body.version}"`);
    const reused = await send({ ...update, narrative: 'something else' });
    expect(problem(reused)).toMatchObject({ status: 422, code: 'idempotency-key.reused' });
    const timeline = await t.call('GET', `/api/v1/actions/${actionId}/timeline`, {
      as: t.people.lead,
      headers: fresh(first),
    });
    expect(
      timeline.body.filter((entry: { eventType: string }) => entry.eventType === 'ActionProgressLogged'),
    ).toHaveLength(1);
  });

  it('refuses an Idempotency-Key it could not keep, and records nothing', async () => {
    const { actionId } = await planOneAction(t, { reference: 'A1.18' });
    for (const key of ['', 'x'.repeat(256), 'has spaces in it', 'ünïcode']) {
      const reply = await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
        as: t.people.lead,
        body: update,
        headers: { 'idempotency-key': key },
      });
      expect(problem(reply)).toMatchObject({ status: 400, code: 'request.invalid' });
      expect(reply.body.errors[0].field).toBe('Idempotency-Key');
    }
    const timeline = await t.call('GET', `/api/v1/actions/${actionId}/timeline`, { as: t.people.lead });
    expect(timeline.body).toHaveLength(1);
  });

  it('answers a retried creation with the Location of what the first one created', async () => {
    const send = () =>
      t.call('POST', '/api/v1/strategies', {
        as: t.people.admin,
        body: { title: 'Retried strategy', periodStart: '2024-04-01', periodEnd: '2028-03-31' },
        headers: { 'idempotency-key': 'create-retried-strategy' },
      });
    const first = await send();
    const retry = await send();
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/api/v1/strategies/${first.body.id}`);
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
  });

  it('refuses a malformed consistency position', async () => {
    expect(
      (
        await t.call('GET', '/api/v1/me/actions', {
          as: t.people.lead,
          headers: { 'x-consistent-after': 'soon' },
        })
      ).status,
    ).toBe(400);
  });
});

describe('strategies and pledges', () => {
  it('adopts a strategy, then puts it under review and closes it with reasons', async () => {
    const { strategyId } = await planOneAction(t, { reference: 'A1.12' });
    expect(
      (
        await t.call('POST', `/api/v1/strategies/${strategyId}/adopt`, {
          as: t.people.admin,
          body: { adoptedOn: '2023-11-14' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await t.call('POST', `/api/v1/strategies/${strategyId}/adopt`, {
          as: t.people.admin,
          body: { adoptedOn: '2023-11-14' },
        })
      ).body.code,
    ).toBe('strategy.cannot-adopt');
    expect(
      (
        await t.call('POST', `/api/v1/strategies/${strategyId}/review`, {
          as: t.people.admin,
          body: { reason: 'Annual review' },
        })
      ).status,
    ).toBe(200);
    const closed = await t.call('POST', `/api/v1/strategies/${strategyId}/close`, {
      as: t.people.admin,
      body: { reason: 'Replaced' },
    });
    expect(closed.status).toBe(200);
    const overview = await t.call('GET', `/api/v1/strategies/${strategyId}`, {
      as: t.people.scrutiny,
      headers: fresh(closed),
    });
    expect(overview.body.strategy.status).toBe('closed');
  });

  it('freezes the pledges and actions of a closed strategy, and records nothing when asked', async () => {
    const { strategyId, pledgeId, actionId } = await planOneAction(t, { reference: 'A1.16' });
    const adopted = await t.call('POST', `/api/v1/strategies/${strategyId}/adopt`, {
      as: t.people.admin,
      body: { adoptedOn: '2023-11-14' },
    });
    expect(adopted.status).toBe(200);
    const closed = await t.call('POST', `/api/v1/strategies/${strategyId}/close`, {
      as: t.people.admin,
      body: { reason: 'Superseded by the 2027 strategy' },
    });
    expect(closed.status).toBe(200);
    const attempts = [
      t.call('POST', `/api/v1/actions/${actionId}/progress`, { as: t.people.lead, body: update }),
      t.call('POST', `/api/v1/actions/${actionId}/complete`, {
        as: t.people.admin,
        body: { summary: 'Done after all' },
      }),
      t.call('PATCH', `/api/v1/pledges/${pledgeId}`, { as: t.people.admin, body: { title: 'A new title' } }),
      t.call('POST', `/api/v1/pledges/${pledgeId}/actions`, {
        as: t.people.admin,
        body: {
          reference: 'A1.17',
          title: 'One more',
          description: 'Too late',
          leadOfficerId: t.people.lead.id,
          startDate: '2024-01-01',
          dueDate: '2024-12-31',
        },
      }),
    ];
    for (const reply of await Promise.all(attempts))
      expect(problem(reply)).toMatchObject({ status: 422, code: 'strategy.closed' });
    const timeline = await t.call('GET', `/api/v1/actions/${actionId}/timeline`, {
      as: t.people.scrutiny,
      headers: fresh(closed),
    });
    expect(timeline.body.map((entry: { eventType: string }) => entry.eventType)).toEqual(['ActionPlanned']);
  });

  it('amends, withdraws and reinstates a pledge, refusing a withdrawal without a reason', async () => {
    const { pledgeId } = await planOneAction(t, { reference: 'A1.13' });
    expect(
      (
        await t.call('PATCH', `/api/v1/pledges/${pledgeId}`, {
          as: t.people.admin,
          body: { title: 'Communicate much better' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await t.call('POST', `/api/v1/pledges/${pledgeId}/withdraw`, {
          as: t.people.admin,
          body: { reason: '  ' },
        })
      ).body.code,
    ).toBe('reason.required');
    expect(
      (
        await t.call('POST', `/api/v1/pledges/${pledgeId}/withdraw`, {
          as: t.people.admin,
          body: { reason: 'Funding cut' },
        })
      ).status,
    ).toBe(200);
    const reinstated = await t.call('POST', `/api/v1/pledges/${pledgeId}/reinstate`, {
      as: t.people.admin,
      body: { reason: 'Funding restored' },
    });
    const pledge = await t.call('GET', `/api/v1/pledges/${pledgeId}`, {
      as: t.people.scrutiny,
      headers: fresh(reinstated),
    });
    expect(pledge.body).toMatchObject({
      title: 'Communicate much better',
      status: 'active',
      statusReason: null,
      version: 4,
    });
  });
});

describe('the API describes itself', () => {
  it('serves an OpenAPI 3 document with every route and the bearer scheme', async () => {
    const reply = await t.call('GET', '/api/docs-json');
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toMatch(/^3\./);
    expect(Object.keys(reply.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/actions/{id}/progress',
        '/api/v1/strategies/{id}',
        '/api/v1/me/actions',
      ]),
    );
    expect(reply.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect((await t.call('GET', '/api/docs')).status).toBe(200);
  });
});
