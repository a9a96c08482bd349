/**
 * Who may change what, for every write the API offers: each one is sent, with a body it would
 * accept, by every person who may not make it, and each is refused with 403 and records nothing;
 * then the people who may make them do, in an order the rules allow, and each is accepted. Each
 * context keeps the table of its writes in its own folder (src/<context>/testing/<context>.access.ts,
 * see test/support/access-matrix.ts); together the tables must list every write in the OpenAPI
 * document, so a new endpoint, or a new context's, cannot be missed.
 */
import pg from 'pg';
import { contextAccessTables, keyOf, urlOf, type ContextAccess, type Who } from './support/access-matrix.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let tables: { context: string; access: ContextAccess }[];

beforeAll(async () => {
  t = await startTestApp();
  tables = await contextAccessTables();
});
afterAll(async () => {
  await t.close();
});

async function eventCount(): Promise<number> {
  const client = new pg.Client(t.database.url);
  await client.connect();
  try {
    return (await client.query('SELECT count(*)::int AS n FROM es_events')).rows[0].n;
  } finally {
    await client.end();
  }
}

it('lists every write the OpenAPI document offers, each in one context’s table', async () => {
  const { body } = await t.call('GET', '/api/docs-json');
  const offered = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(
    ([path, operations]) =>
      Object.keys(operations)
        .filter((method) => method !== 'get')
        .map((method) => `${method.toUpperCase()} ${path}`),
  );
  const listed: string[] = [];
  for (const { access } of tables) {
    const writes = (await access.story(t)).map(keyOf);
    expect([...new Set(access.order)].sort()).toEqual([...new Set(writes)].sort());
    listed.push(...writes);
  }
  expect(tables.map(({ context }) => context)).toContain('strategy');
  expect(listed.sort()).toEqual(offered.sort());
});

it.each<Who>(['scrutiny', 'auditor', 'lead', 'otherOfficer'])(
  'refuses %s every write they may not make, with 403, recording nothing',
  async (who) => {
    const person = t.people[who];
    for (const { access } of tables) {
      const refused = (await access.story(t)).filter((write) => !write.allowed.includes(who));
      const before = await eventCount();
      const answers: string[] = [];
      for (const write of refused) {
        const reply = await t.call(write.method, urlOf(write), { as: person, body: write.body });
        answers.push(`${keyOf(write)} -> ${reply.status}`);
      }
      expect(answers).toEqual(refused.map((write) => `${keyOf(write)} -> 403`));
      expect(await eventCount()).toBe(before);
    }
  },
);

it.each<Who>(['lead', 'admin'])('accepts from %s every write they may make', async (who) => {
  for (const { access } of tables) {
    // Each person works on a story of their own, so that the two runs do not meet.
    const table = new Map((await access.story(t)).map((write) => [keyOf(write), write]));
    const mine = access.order.filter((key) => table.get(key)!.allowed.includes(who));
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
  }
});
