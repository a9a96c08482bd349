/**
 * Who may change what, for every write the API offers: each one is sent, with a body it would
 * accept, by every person who may not make it, and each is refused with 403 and records nothing;
 * then the people who may make them do, in an order the rules allow, and each is accepted. The
 * table must list every write in the OpenAPI document, so a new endpoint cannot be missed.
 */
import pg from 'pg';
import { planOneAction, startTestApp, type Person, type TestApp } from './support/test-app.js';

type Who = 'admin' | 'lead' | 'otherOfficer' | 'scrutiny' | 'auditor';

interface Write {
  method: 'POST' | 'PUT' | 'PATCH';
  /** As in the OpenAPI document; `{id}` and `{milestoneId}` are filled from the story below. */
  path: string;
  body: object;
  /** Who may make it; everyone else must be refused. */
  allowed: Who[];
}

const ADMIN: Who[] = ['admin'];
const LEAD_OR_ADMIN: Who[] = ['admin', 'lead'];

let t: TestApp;
let ids: { strategy: string; pledge: string; action: string; theme: string; milestone: string };

/** A strategy with a theme, a pledge and an action with a milestone: the ids the writes need. */
async function planStory(): Promise<typeof ids> {
  const planned = await planOneAction(t, { reference: 'A1.1' });
  const action = await t.call('GET', `/api/v1/actions/${planned.actionId}`, {
    as: t.people.admin,
    headers: { 'x-consistent-after': planned.created.body.position },
  });
  const tree = await t.call('GET', `/api/v1/strategies/${planned.strategyId}`, { as: t.people.admin });
  return {
    strategy: planned.strategyId,
    pledge: planned.pledgeId,
    action: planned.actionId,
    theme: tree.body.themes[0].id,
    milestone: action.body.milestones[0].id,
  };
}

beforeAll(async () => {
  t = await startTestApp();
  ids = await planStory();
});
afterAll(async () => {
  await t.close();
});

function writes(): Write[] {
  const reason = { reason: 'Because the commission asked' };
  return [
    {
      method: 'POST',
      path: '/api/v1/strategies',
      body: { title: 'Another strategy', periodStart: '2024-04-01', periodEnd: '2028-03-31' },
      allowed: ADMIN,
    },
    { method: 'POST', path: '/api/v1/strategies/{id}/themes', body: { title: 'Funding' }, allowed: ADMIN },
    {
      method: 'PUT',
      path: '/api/v1/strategies/{id}/themes/order',
      body: { themeIds: [ids.theme] },
      allowed: ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/strategies/{id}/adopt',
      body: { adoptedOn: '2023-11-14' },
      allowed: ADMIN,
    },
    { method: 'POST', path: '/api/v1/strategies/{id}/review', body: reason, allowed: ADMIN },
    { method: 'POST', path: '/api/v1/strategies/{id}/close', body: reason, allowed: ADMIN },
    {
      method: 'POST',
      path: '/api/v1/strategies/{id}/pledges',
      body: {
        themeId: ids.theme,
        reference: 'P2',
        title: 'Fund fairly',
        description: 'Grants',
        lead: 'Director',
      },
      allowed: ADMIN,
    },
    {
      method: 'PATCH',
      path: '/api/v1/pledges/{id}',
      body: { title: 'Communicate much better' },
      allowed: ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/pledges/{id}/conclude',
      body: { outcome: 'achieved', ...reason },
      allowed: ADMIN,
    },
    { method: 'POST', path: '/api/v1/pledges/{id}/withdraw', body: reason, allowed: ADMIN },
    { method: 'POST', path: '/api/v1/pledges/{id}/reinstate', body: reason, allowed: ADMIN },
    {
      method: 'POST',
      path: '/api/v1/pledges/{id}/actions',
      body: {
        reference: 'A1.2',
        title: 'A second action',
        description: 'More of it',
        leadOfficerId: t.people.lead.id,
        startDate: '2024-01-01',
        dueDate: '2024-12-31',
      },
      allowed: ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/actions/{id}/progress',
      body: { narrative: 'Forum met', rag: 'green', percentComplete: 30 },
      allowed: LEAD_OR_ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/actions/{id}/due-date',
      body: { newDueDate: '2025-03-31', ...reason },
      allowed: LEAD_OR_ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/actions/{id}/milestones',
      body: { title: 'Second forum', dueDate: '2024-09-30' },
      allowed: LEAD_OR_ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/actions/{id}/milestones/{milestoneId}/achieve',
      body: { achievedOn: '2024-03-20' },
      allowed: LEAD_OR_ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/actions/{id}/complete',
      body: { summary: 'Forum running quarterly' },
      allowed: LEAD_OR_ADMIN,
    },
    { method: 'POST', path: '/api/v1/actions/{id}/cancel', body: reason, allowed: LEAD_OR_ADMIN },
    {
      method: 'POST',
      path: '/api/v1/actions/{id}/defer',
      body: { until: '2025-04-01', ...reason },
      allowed: LEAD_OR_ADMIN,
    },
    { method: 'POST', path: '/api/v1/actions/{id}/reopen', body: reason, allowed: LEAD_OR_ADMIN },
    {
      method: 'PUT',
      path: '/api/v1/actions/{id}/lead',
      body: { leadOfficerId: t.people.otherOfficer.id, ...reason },
      allowed: ADMIN,
    },
  ];
}

function urlOf(write: Write): string {
  const id = write.path.startsWith('/api/v1/strategies/')
    ? ids.strategy
    : write.path.startsWith('/api/v1/pledges/')
      ? ids.pledge
      : ids.action;
  return write.path.replace('{id}', id).replace('{milestoneId}', ids.milestone);
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

it('lists every write the OpenAPI document offers', async () => {
  const { body } = await t.call('GET', '/api/docs-json');
  const offered = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(
    ([path, operations]) =>
      Object.keys(operations)
        .filter((method) => method !== 'get')
        .map((method) => `${method.toUpperCase()} ${path}`),
  );
  expect(
    writes()
      .map((write) => `${write.method} ${write.path}`)
      .sort(),
  ).toEqual(offered.sort());
});

it.each<Who>(['scrutiny', 'auditor', 'lead', 'otherOfficer'])(
  'refuses %s every write they may not make, with 403, recording nothing',
  async (who) => {
    const person: Person = t.people[who];
    const before = await eventCount();
    const refused = writes().filter((write) => !write.allowed.includes(who));
    expect(refused.length).toBeGreaterThan(0);
    const answers: string[] = [];
    for (const write of refused) {
      const reply = await t.call(write.method, urlOf(write), { as: person, body: write.body });
      answers.push(`${write.method} ${write.path} -> ${reply.status}`);
    }
    expect(answers).toEqual(refused.map((write) => `${write.method} ${write.path} -> 403`));
    expect(await eventCount()).toBe(before);
  },
);

it.each<Who>(['lead', 'admin'])('accepts from %s every write they may make', async (who) => {
  // Each person works on a story of their own, so that the two runs do not meet.
  ids = await planStory();
  const table = new Map(writes().map((write) => [`${write.method} ${write.path}`, write]));
  // An order in which every write is allowed: the action's lifecycle, handing it on before it is
  // completed; the strategy's themes reordered before one is added; closing the strategy last,
  // since it freezes everything under it.
  const order = [
    'POST /api/v1/actions/{id}/progress',
    'POST /api/v1/actions/{id}/milestones',
    'POST /api/v1/actions/{id}/milestones/{milestoneId}/achieve',
    'POST /api/v1/actions/{id}/due-date',
    'POST /api/v1/actions/{id}/defer',
    'POST /api/v1/actions/{id}/reopen',
    'POST /api/v1/actions/{id}/cancel',
    'POST /api/v1/actions/{id}/reopen',
    'PUT /api/v1/actions/{id}/lead',
    'POST /api/v1/actions/{id}/complete',
    'POST /api/v1/strategies',
    'PUT /api/v1/strategies/{id}/themes/order',
    'POST /api/v1/strategies/{id}/themes',
    'POST /api/v1/strategies/{id}/pledges',
    'PATCH /api/v1/pledges/{id}',
    'POST /api/v1/pledges/{id}/actions',
    'POST /api/v1/pledges/{id}/withdraw',
    'POST /api/v1/pledges/{id}/reinstate',
    'POST /api/v1/pledges/{id}/conclude',
    'POST /api/v1/strategies/{id}/adopt',
    'POST /api/v1/strategies/{id}/review',
    'POST /api/v1/strategies/{id}/close',
  ];
  expect([...new Set(order)].sort()).toEqual([...table.keys()].sort());
  const mine = order.filter((key) => table.get(key)!.allowed.includes(who));
  const answers: string[] = [];
  for (const key of mine) {
    const write = table.get(key)!;
    const before = await eventCount();
    const reply = await t.call(write.method, urlOf(write), { as: t.people[who], body: write.body });
    // Accepted means answered 2xx and recorded: a write that said yes and did nothing would fail.
    const recorded = (await eventCount()) > before;
    answers.push(
      `${key} -> ${reply.status < 300 && recorded ? 'accepted' : `${reply.status} ${reply.body?.code ?? ''}, recorded: ${recorded}`}`,
    );
  }
  expect(answers).toEqual(mine.map((key) => `${key} -> accepted`));
});
