/**
 * Every reproducer of issue 8 (Why 3: input that answered 500; Why 5: smaller faults), each as a
 * named case: answered with a 4xx problem that names the field (on the pages, the GOV.UK error
 * summary), and recording nothing. The fuzz test (fuzz.e2e-spec.ts) looks for more of them.
 */
import pg from 'pg';
import { planOneAction, startTestApp, type Person, type Reply, type TestApp } from './support/test-app.js';

let t: TestApp;
let story: Awaited<ReturnType<typeof planOneAction>>;

beforeAll(async () => {
  t = await startTestApp('2024-06-30T12:00:00Z');
  story = await planOneAction(t);
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

/** Sends a request that must be refused, and checks that it recorded nothing. */
async function refused<R extends Reply>(send: () => Promise<R>): Promise<R> {
  const before = await eventCount();
  const reply = await send();
  expect(await eventCount()).toBe(before);
  return reply;
}

/** What a client sees of a problem: status, media type, code and the fields named. */
const problemOf = (reply: Reply) => ({
  status: reply.status,
  type: reply.headers.get('content-type'),
  code: reply.body?.code,
  fields: (reply.body?.errors ?? []).map((error: { field: string }) => error.field),
});
const PROBLEM = 'application/problem+json; charset=utf-8';

const strategy = { title: 'A strategy', periodStart: '2024-04-01', periodEnd: '2028-03-31' };
const post = (path: string, body: unknown, as: Person = t.people.admin) =>
  refused(() => t.call('POST', path, { as, raw: typeof body === 'string' ? body : JSON.stringify(body) }));
const nested = (open: string, close: string, depth: number) => `${open.repeat(depth)}1${close.repeat(depth)}`;

describe('Why 3: hostile input that answered 500', () => {
  it('refuses a body field nested 1,300 arrays deep, on every route that takes a body', async () => {
    const { body: document } = await t.call('GET', '/api/docs-json');
    const routes = Object.entries(document.paths as Record<string, Record<string, object>>).flatMap(
      ([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => 'requestBody' in operation)
          .map(([method]) => [method.toUpperCase(), path.replace(/\{[^}]+\}/g, story.actionId)]),
    );
    expect(routes).toHaveLength(21);
    const deep = `{"title":${nested('[', ']', 1300)}}`;
    for (const [method, path] of routes) {
      const reply = await refused(() => t.call(method, path, { as: t.people.admin, raw: deep }));
      expect([method, path, problemOf(reply)]).toEqual([
        method,
        path,
        { status: 400, type: PROBLEM, code: 'body.too-deep', fields: ['title'] },
      ]);
    }
  });

  it('refuses a body field nested 3,000 objects deep', async () => {
    const deep = `{"title":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)},"periodStart":"2024-04-01"}`;
    expect(problemOf(await post('/api/v1/strategies', deep))).toEqual({
      status: 400,
      type: PROBLEM,
      code: 'body.too-deep',
      fields: ['title'],
    });
  });

  it('refuses a form nested deeper than a body may be', async () => {
    const reply = await refused(() =>
      t.call('POST', '/api/v1/strategies', {
        as: t.people.admin,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        raw: `title${'[a]'.repeat(40)}=x`,
      }),
    );
    expect(problemOf(reply)).toMatchObject({ status: 400, type: PROBLEM, code: 'body.too-deep' });
  });
});

describe('Why 5: smaller faults', () => {
  it('titles the problem for a body too large', async () => {
    const reply = await post('/api/v1/strategies', { ...strategy, description: 'x'.repeat(200_000) });
    expect(reply.body).toMatchObject({
      status: 413,
      title: 'Content too large',
      code: 'body.too-large',
      detail: 'The body is larger than the 100kb a request may carry',
    });
  });

  it('refuses JSON in a charset other than UTF-8 with 415', async () => {
    const reply = await refused(() =>
      t.call('POST', '/api/v1/strategies', {
        as: t.people.admin,
        headers: { 'content-type': 'application/json; charset=utf-16' },
        raw: JSON.stringify(strategy),
      }),
    );
    expect(reply.body).toMatchObject({ status: 415, code: 'body.charset-unsupported' });
  });
});
