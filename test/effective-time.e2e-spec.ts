import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { EventStore } from '../libs/event-store/index.js';
import { EVENT_STORE } from '../src/common/persistence/aggregate-repository.js';
import { startTestApp, type Reply, type TestApp } from './support/test-app.js';

/**
 * A strategy Cabinet adopted on 18 February 2019, with its themes, pledges, actions and updates
 * through 2019, all entered today — some of it after later things had been entered. As effective
 * at any day of 2019 it reads exactly as it stood then; before it was drafted it did not exist.
 */

const TODAY = '2025-01-15';
let t: TestApp;
let last: Reply;
const ids: Record<'strategy' | 'working' | 'funding' | 'p1' | 'p2' | 'a11' | 'a21', string> = {
  strategy: '',
  working: '',
  funding: '',
  p1: '',
  p2: '',
  a11: '',
  a21: '',
};

/** Sends one change of the story as the admin, which must be accepted. */
async function ok(method: string, path: string, body: object): Promise<Reply> {
  const reply = await t.call(method, path, { as: t.people.admin, body });
  if (reply.status >= 300)
    throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  last = reply;
  return reply;
}

async function eventCount(): Promise<number> {
  const client = new pg.Client(t.database.url);
  await client.connect();
  try {
    return (await client.query('SELECT count(*)::int AS n FROM es_events')).rows[0].n;
  } finally {
    await client.end();
  }
}

const stateAt = async (kind: string, id: string, day: string) => {
  const reply = await t.call('GET', `/api/v1/history/${kind}/${id}/state?effectiveAt=${day}`, {
    as: t.people.auditor,
  });
  expect(reply.status).toBe(200);
  return reply.body;
};
const overviewAt = (day: string) =>
  t.call('GET', `/api/v1/strategies/${ids.strategy}/overview-at?effectiveAt=${day}`, {
    as: t.people.scrutiny,
  });
const actionsOf = (overview: { themes: { pledges: { actions: object[] }[] }[] }) =>
  overview.themes.flatMap((theme) => theme.pledges.flatMap((pledge) => pledge.actions));

beforeAll(async () => {
  t = await startTestApp(`${TODAY}T10:00:00Z`);
  const update = (id: string, body: object) => ok('POST', `/api/v1/actions/${id}/progress`, body);

  ids.strategy = (
    await ok('POST', '/api/v1/strategies', {
      title: 'Voluntary sector strategy 2019–2023',
      periodStart: '2019-04-01',
      periodEnd: '2023-03-31',
      effectiveOn: '2019-01-21',
    })
  ).body.id;
  await ok('POST', `/api/v1/strategies/${ids.strategy}/themes`, {
    title: 'Working together',
    effectiveOn: '2019-01-21',
  });
  await ok('POST', `/api/v1/strategies/${ids.strategy}/themes`, {
    title: 'Funding',
    effectiveOn: '2019-02-04',
  });
  await ok('POST', `/api/v1/strategies/${ids.strategy}/adopt`, {
    adoptedOn: '2019-02-18',
    decisionReference: 'CAB/2019/014',
  });
  // The theme ids, from the read side once it has them.
  const tree = await t.call('GET', `/api/v1/strategies/${ids.strategy}`, {
    as: t.people.admin,
    headers: { 'x-consistent-after': last.body.position },
  });
  [ids.working, ids.funding] = tree.body.themes.map((theme: { id: string }) => theme.id);
  const pledge = { description: 'With the whole sector', lead: 'Cabinet Lead for Communities' };
  ids.p1 = (
    await ok('POST', `/api/v1/strategies/${ids.strategy}/pledges`, {
      ...pledge,
      themeId: ids.working,
      reference: 'P1',
      title: 'Work with the sector as partners',
      effectiveOn: '2019-02-18',
    })
  ).body.id;
  ids.p2 = (
    await ok('POST', `/api/v1/strategies/${ids.strategy}/pledges`, {
      ...pledge,
      themeId: ids.funding,
      reference: 'P2',
      title: 'Pool funding for the sector',
      effectiveOn: '2019-06-10',
    })
  ).body.id;
  ids.a11 = (
    await ok('POST', `/api/v1/pledges/${ids.p1}/actions`, {
      reference: 'A1.1',
      title: 'A VCSE forum',
      description: 'Quarterly, with the sector',
      leadOfficerId: t.people.lead.id,
      startDate: '2019-03-01',
      dueDate: '2019-09-30',
      effectiveOn: '2019-02-25',
    })
  ).body.id;
  ids.a21 = (
    await ok('POST', `/api/v1/pledges/${ids.p2}/actions`, {
      reference: 'A2.1',
      title: 'A pooled fund',
      description: 'With health partners',
      leadOfficerId: t.people.lead.id,
      startDate: '2019-07-01',
      dueDate: '2020-03-31',
      effectiveOn: '2019-06-17',
    })
  ).body.id;
  await update(ids.a11, {
    narrative: 'Forum terms drafted with the sector.',
    rag: 'green',
    percentComplete: 20,
    effectiveOn: '2019-04-15',
  });
  await update(ids.a11, {
    narrative: 'Venue lost; second forum postponed.',
    rag: 'amber',
    ragJustification: 'The venue was withdrawn',
    percentComplete: 45,
    effectiveOn: '2019-07-10',
  });
  // Found in a folder later: the May report, entered after July's.
  await update(ids.a11, {
    narrative: 'First forum held: 38 organisations.',
    rag: 'green',
    percentComplete: 30,
    effectiveOn: '2019-05-20',
  });
  await ok('POST', `/api/v1/actions/${ids.a11}/due-date`, {
    newDueDate: '2019-11-30',
    reason: 'A new venue from October',
    effectiveOn: '2019-07-12',
  });
  await ok('POST', `/api/v1/actions/${ids.a11}/complete`, {
    summary: 'Forum meets quarterly.',
    completedOn: '2019-11-20',
  });
  await update(ids.a21, {
    narrative: 'Match funding withdrawn by a partner.',
    rag: 'red',
    percentComplete: 40,
    effectiveOn: '2019-10-01',
  });
  // And August's, entered after October's.
  await update(ids.a21, {
    narrative: 'Fund design agreed; partners slow to commit.',
    rag: 'amber',
    percentComplete: 25,
    effectiveOn: '2019-08-20',
  });
  await ok('POST', `/api/v1/strategies/${ids.strategy}/review`, {
    reason: 'Annual review by the scrutiny commission',
    effectiveOn: '2019-12-09',
  });
  // Every read model has the story before the tests read it.
  const settled = await t.call('GET', `/api/v1/actions/${ids.a21}`, {
    as: t.people.admin,
    headers: { 'x-consistent-after': last.body.position },
  });
  expect(settled.status).toBe(200);
});

afterAll(async () => {
  await t.close();
});

describe('a strategy adopted on 18 February 2019 and entered today', () => {
  it('did not exist yet as effective at 1 January 2019, and says so', async () => {
    const strategy = await stateAt('strategy', ids.strategy, '2019-01-01');
    expect(strategy).toMatchObject({
      existed: false,
      state: null,
      inEffectFrom: '2019-01-21',
      explanation: 'This strategy did not exist yet on 1 January 2019: it took effect on 21 January 2019.',
      eventsIncluded: 0,
    });
    const overview = await overviewAt('2019-01-01');
    expect(overview.status).toBe(404);
    expect(overview.headers.get('content-type')).toContain('application/problem+json');
    expect(overview.body).toMatchObject({
      code: 'strategy.not-yet-in-effect',
      detail: 'This strategy did not exist yet on 1 January 2019: it took effect on 21 January 2019.',
      inEffectFrom: '2019-01-21',
    });
  });

  it('as effective at 1 March 2019: adopted, two themes, one pledge, its action planned and not started', async () => {
    expect((await stateAt('strategy', ids.strategy, '2019-03-01')).state).toMatchObject({
      status: 'adopted',
      themes: [
        { id: ids.working, title: 'Working together' },
        { id: ids.funding, title: 'Funding' },
      ],
    });
    expect(await stateAt('pledge', ids.p2, '2019-03-01')).toMatchObject({
      existed: false,
      inEffectFrom: '2019-06-10',
    });
    expect((await stateAt('action', ids.a11, '2019-03-01')).state).toMatchObject({
      status: 'not-started',
      rag: null,
      percentComplete: 0,
      currentDue: '2019-09-30',
      updatesLogged: 0,
    });
    const overview = await overviewAt('2019-03-01');
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({ asOf: '2019-03-01', strategy: { status: 'adopted' } });
    expect(
      overview.body.themes.map((theme: { title: string; pledges: { reference: string }[] }) => [
        theme.title,
        theme.pledges.map((pledge) => pledge.reference),
      ]),
    ).toEqual([
      ['Working together', ['P1']],
      ['Funding', []],
    ]);
    expect(actionsOf(overview.body)).toEqual([
      expect.objectContaining({
        reference: 'A1.1',
        status: 'not-started',
        rag: null,
        overdue: false,
        slipped: false,
      }),
    ]);
    expect(overview.body.rollUp).toMatchObject({
      total: 1,
      byStatus: expect.objectContaining({ 'not-started': 1 }),
      overdue: 0,
      slipped: 0,
    });
  });

  it('as effective at 1 August 2019: July’s report is the current one, though May’s was entered after it', async () => {
    expect((await stateAt('action', ids.a11, '2019-08-01')).state).toMatchObject({
      status: 'at-risk',
      rag: 'amber',
      percentComplete: 45,
      latestNarrative: 'Venue lost; second forum postponed.',
      lastProgressOn: '2019-07-10',
      updatesLogged: 3,
      baselineDue: '2019-09-30',
      currentDue: '2019-11-30',
    });
    const overview = await overviewAt('2019-08-01');
    expect(overview.body.asOf).toBe('2019-08-01');
    expect(overview.body.strategy.status).toBe('adopted');
    expect(actionsOf(overview.body)).toEqual([
      expect.objectContaining({
        reference: 'A1.1',
        status: 'at-risk',
        rag: 'amber',
        slipped: true,
        overdue: false,
      }),
      expect.objectContaining({ reference: 'A2.1', status: 'not-started', rag: null, updatesLogged: 0 }),
    ]);
    expect(overview.body.rollUp).toMatchObject({
      total: 2,
      byStatus: expect.objectContaining({ 'at-risk': 1, 'not-started': 1 }),
      overdue: 0,
      slipped: 1,
    });
    // What held on 1 June: May's report, entered last.
    expect((await stateAt('action', ids.a11, '2019-06-01')).state).toMatchObject({
      rag: 'green',
      percentComplete: 30,
      latestNarrative: 'First forum held: 38 organisations.',
    });
  });

  it('as effective at 31 December 2019: under review, one action completed, the other off track', async () => {
    expect((await stateAt('strategy', ids.strategy, '2019-12-31')).state).toMatchObject({
      status: 'under-review',
    });
    expect((await stateAt('action', ids.a11, '2019-12-31')).state).toMatchObject({
      status: 'completed',
      percentComplete: 100,
      closedOn: '2019-11-20',
    });
    expect((await stateAt('action', ids.a21, '2019-12-31')).state).toMatchObject({
      status: 'off-track',
      rag: 'red',
      percentComplete: 40,
      latestNarrative: 'Match funding withdrawn by a partner.',
      lastProgressOn: '2019-10-01',
      updatesLogged: 2,
    });
    const overview = await overviewAt('2019-12-31');
    expect(overview.body.strategy.status).toBe('under-review');
    expect(actionsOf(overview.body)).toEqual([
      expect.objectContaining({ reference: 'A1.1', status: 'completed', overdue: false }),
      expect.objectContaining({ reference: 'A2.1', status: 'off-track', rag: 'red', overdue: false }),
    ]);
    expect(overview.body.rollUp).toMatchObject({
      total: 2,
      byStatus: expect.objectContaining({ completed: 1, 'off-track': 1 }),
      overdue: 0,
      slipped: 1,
    });
  });

  it('reads the same live as replayed to today: the latest effective report is the current one', async () => {
    const live = await t.call('GET', `/api/v1/strategies/${ids.strategy}?date=${TODAY}`, {
      as: t.people.scrutiny,
    });
    const replayed = await t.call(
      'GET',
      `/api/v1/strategies/${ids.strategy}/overview-at?effectiveAt=${TODAY}&date=${TODAY}`,
      { as: t.people.scrutiny },
    );
    const { cut: _, eventsReplayed, ...sameShape } = replayed.body;
    expect(eventsReplayed).toBe(await eventCount());
    expect(sameShape).toEqual(live.body);
    expect(actionsOf(live.body)).toEqual([
      expect.objectContaining({
        reference: 'A1.1',
        rag: 'amber',
        latestNarrative: 'Venue lost; second forum postponed.',
      }),
      expect.objectContaining({ reference: 'A2.1', rag: 'red', percentComplete: 40 }),
    ]);
  });

  it('shows each event with the day it took effect, and what a late report changed on its own day', async () => {
    const history = await t.call('GET', `/api/v1/history/action/${ids.a11}`, { as: t.people.auditor });
    const days = history.body.events.map((event: { type: string; effectiveAt: string }) => [
      event.type,
      event.effectiveAt,
    ]);
    // The start of each day in London: GMT in winter, BST in summer.
    expect(days).toEqual([
      ['ActionPlanned', '2019-02-25T00:00:00.000Z'],
      ['ActionProgressLogged', '2019-04-14T23:00:00.000Z'],
      ['ActionProgressLogged', '2019-07-09T23:00:00.000Z'],
      ['ActionProgressLogged', '2019-05-19T23:00:00.000Z'],
      ['DueDateRevised', '2019-07-11T23:00:00.000Z'],
      ['ActionCompleted', '2019-11-20T00:00:00.000Z'],
    ]);
    const lateReport = history.body.events[3];
    expect(lateReport.changes).toEqual(
      expect.arrayContaining([
        { field: 'percentComplete', before: 20, after: 30 },
        { field: 'lastProgressOn', before: '2019-04-15', after: '2019-05-20' },
      ]),
    );
    expect(lateReport.changes.map((change: { field: string }) => change.field)).not.toContain('rag');
  });
});

describe('nothing takes effect before what it belongs to', () => {
  it.each([
    [
      'a theme before its strategy was drafted',
      () => `/api/v1/strategies/${ids.strategy}/themes`,
      { title: 'Volunteering', effectiveOn: '2019-01-20' },
      'theme.before-strategy',
      'The strategy was drafted on 21 January 2019: a theme cannot be added to it on 20 January 2019',
    ],
    [
      'a pledge before its theme was added',
      () => `/api/v1/strategies/${ids.strategy}/pledges`,
      {
        themeId: '',
        reference: 'P3',
        title: 'Grow volunteering',
        description: 'In every ward',
        lead: 'Cabinet Lead',
        effectiveOn: '2019-02-01',
      },
      'pledge.before-theme',
      'The theme "Funding" was added on 4 February 2019: a pledge cannot be made under it on 1 February 2019',
    ],
    [
      'an action planned before its pledge was made',
      () => `/api/v1/pledges/${ids.p2}/actions`,
      {
        reference: 'A2.2',
        title: 'Crowdfunding match',
        description: 'Matched pound for pound',
        leadOfficerId: '',
        startDate: '2019-06-01',
        dueDate: '2020-03-31',
        effectiveOn: '2019-06-01',
      },
      'action.before-pledge',
      'Pledge P2 was made on 10 June 2019: an action under it cannot be planned on 1 June 2019',
    ],
    [
      'an update before its action was planned',
      () => `/api/v1/actions/${ids.a21}/progress`,
      { narrative: 'Early talks', rag: 'green', percentComplete: 5, effectiveOn: '2019-06-16' },
      'action.before-planned',
      'The action was planned on 17 June 2019: an update cannot take effect on 16 June 2019',
    ],
  ])('refuses %s with 422 naming both days, and records nothing', async (_, path, body, code, detail) => {
    const filled = {
      ...body,
      ...('themeId' in body ? { themeId: ids.funding } : {}),
      ...('leadOfficerId' in body ? { leadOfficerId: t.people.lead.id } : {}),
    };
    const before = await eventCount();
    const reply = await t.call('POST', path(), { as: t.people.admin, body: filled });
    expect(reply.status).toBe(422);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body).toMatchObject({
      code,
      detail,
      errors: [{ field: 'effectiveOn', message: detail }],
      effectiveOn: body.effectiveOn,
    });
    expect(await eventCount()).toBe(before);
  });

  it('refuses a day in the future, and a date that is not one', async () => {
    const before = await eventCount();
    const future = await t.call('POST', `/api/v1/strategies/${ids.strategy}/themes`, {
      as: t.people.admin,
      body: { title: 'Volunteering', effectiveOn: '2025-01-16' },
    });
    expect(future.status).toBe(422);
    expect(future.body).toMatchObject({ code: 'effectiveOn.in-future', errors: [{ field: 'effectiveOn' }] });
    const notADate = await t.call('POST', `/api/v1/strategies/${ids.strategy}/themes`, {
      as: t.people.admin,
      body: { title: 'Volunteering', effectiveOn: '15/01/2025' },
    });
    expect(notADate.status).toBe(400);
    expect(notADate.body.errors).toEqual([expect.objectContaining({ field: 'effectiveOn' })]);
    expect(await eventCount()).toBe(before);
  });

  it('documents the effective date of every change in the OpenAPI document', async () => {
    const { body } = await t.call('GET', '/api/docs-json');
    const schemas = body.components.schemas;
    const withEffectiveOn = Object.keys(schemas).filter(
      (name) => name.endsWith('Request') && schemas[name].properties?.effectiveOn,
    );
    expect(withEffectiveOn.sort()).toEqual(
      [
        'AddMilestoneRequest',
        'AddThemeRequest',
        'AmendPledgeRequest',
        'ConcludePledgeRequest',
        'DeferActionRequest',
        'DraftStrategyRequest',
        'LogActionProgressRequest',
        'MakePledgeRequest',
        'PlanActionRequest',
        'PledgeReasonRequest',
        'ReasonRequest',
        'ReassignActionLeadRequest',
        'ReorderThemesRequest',
        'ReviseDueDateRequest',
        'StrategyReasonRequest',
      ].sort(),
    );
    expect(schemas.PlanActionRequest.properties.effectiveOn).toMatchObject({
      type: 'string',
      format: 'date',
    });
    expect(schemas.PlanActionRequest.required ?? []).not.toContain('effectiveOn');
  });
});

describe('events stored before they named the day they took effect', () => {
  it('are read with the day of their stored effective_at, and their bytes stay as they were', async () => {
    const strategyId = uuidv7();
    const store = t.app.get<EventStore>(EVENT_STORE);
    const metadata = {
      actorId: t.people.admin.id,
      actorRole: 'admin' as const,
      correlationId: strategyId,
      causationId: strategyId,
      commandId: strategyId,
      client: 'test' as const,
    };
    // As the application wrote it before version 2: no effectiveOn in the data.
    await store.append(
      `strategy-${strategyId}`,
      0,
      [
        {
          type: 'StrategyDrafted',
          schemaVersion: 1,
          data: {
            strategyId,
            title: 'An older strategy',
            description: '',
            periodStart: '2019-04-01',
            periodEnd: '2020-03-31',
          },
        },
      ],
      { streamType: 'strategy', metadata, effectiveAt: new Date('2019-03-01T00:00:00Z') },
    );
    const refused = await t.call('POST', `/api/v1/strategies/${strategyId}/themes`, {
      as: t.people.admin,
      body: { title: 'Funding', effectiveOn: '2019-02-01' },
    });
    expect(refused.body).toMatchObject({
      code: 'theme.before-strategy',
      detail: 'The strategy was drafted on 1 March 2019: a theme cannot be added to it on 1 February 2019',
    });
    const added = await t.call('POST', `/api/v1/strategies/${strategyId}/themes`, {
      as: t.people.admin,
      body: { title: 'Funding', effectiveOn: '2019-03-01' },
    });
    expect(added.status).toBe(201);
    const client = new pg.Client(t.database.url);
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT event_type, schema_version, data ? 'effectiveOn' AS dated FROM es_events
          WHERE stream_id = $1 ORDER BY stream_version`,
        [`strategy-${strategyId}`],
      );
      expect(rows).toEqual([
        { event_type: 'StrategyDrafted', schema_version: 1, dated: false },
        { event_type: 'ThemeAdded', schema_version: 2, dated: true },
      ]);
    } finally {
      await client.end();
    }
  });
});
