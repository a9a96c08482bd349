/**
 * Every reproducer of issue 8 (Why 3: input that answered 500; Why 5: smaller faults), each as a
 * named case: answered with a 4xx problem that names the field (on the pages, the GOV.UK error
 * summary), and recording nothing. The fuzz test (fuzz.e2e-spec.ts) looks for more of them.
 */
import pg from 'pg';
import { LedgerSealer } from '../src/audit/sealer.js';
import { planOneAction, startTestApp, type Person, type Reply, type TestApp } from './support/test-app.js';
import { anonymousWebClient, errorSummary, signedInWebClient, type WebClient } from './support/web-client.js';

let t: TestApp;
let story: Awaited<ReturnType<typeof planOneAction>>;
let lead: WebClient;

beforeAll(async () => {
  t = await startTestApp('2024-06-30T12:00:00Z');
  story = await planOneAction(t);
  lead = await signedInWebClient(t, t.people.lead);
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
const invalid = (...fields: string[]) => ({ status: 400, type: PROBLEM, code: 'request.invalid', fields });

const strategy = { title: 'A strategy', periodStart: '2024-04-01', periodEnd: '2028-03-31' };
const update = { narrative: 'Forum met', rag: 'green', percentComplete: 30 };
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

  it('refuses NUL in a strategy title', async () => {
    const reply = await post('/api/v1/strategies', { ...strategy, title: 'a\u0000b' });
    expect(problemOf(reply)).toEqual(invalid('title'));
    expect(reply.body.errors[0].message).toBe('title must not contain the NUL character (U+0000)');
  });

  it('refuses NUL in a progress narrative', async () => {
    const reply = await post(
      `/api/v1/actions/${story.actionId}/progress`,
      { ...update, narrative: 'a\u0000b' },
      t.people.lead,
    );
    expect(problemOf(reply)).toEqual(invalid('narrative'));
  });

  it("refuses NUL in the update form's narrative with the GOV.UK error summary", async () => {
    const reply = await refused(() =>
      lead.post(`/actions/${story.actionId}/update`, 'narrative=a%00b&rag=green&percentComplete=10'),
    );
    expect(reply.status).toBe(400);
    expect(errorSummary(reply.body)).toEqual([
      { href: '#narrative', text: 'The narrative must not contain the NUL character (U+0000)' },
    ]);
  });

  it('refuses a lone surrogate in a theme title', async () => {
    const reply = await post(`/api/v1/strategies/${story.strategyId}/themes`, '{"title":"\\ud800"}');
    expect(problemOf(reply)).toEqual(invalid('title'));
    expect(reply.body.errors[0].message).toMatch(/lone UTF-16 surrogate/);
  });

  it('refuses a lone surrogate in a narrative', async () => {
    const reply = await post(
      `/api/v1/actions/${story.actionId}/progress`,
      '{"narrative":"\\udc00 forum","rag":"green","percentComplete":30}',
      t.people.lead,
    );
    expect(problemOf(reply)).toEqual(invalid('narrative'));
  });

  it.each([
    ['/api/v1/ledger/tree-heads?after=9223372036854775808', 'after'],
    ['/api/v1/ledger/tree-heads/99999999999999999999', 'size'],
    ['/api/v1/ledger/tree-heads/-1', 'size'],
  ])('refuses %s, past what PostgreSQL holds, with no token', async (path, field) => {
    const reply = await refused(() => t.call('GET', path));
    expect(problemOf(reply)).toEqual(invalid(field));
    expect(reply.body.errors[0].message).toBe(
      `${field} must be a whole number from 0 to 9223372036854775807, written in digits`,
    );
  });

  it.each([
    ['/api/v1/ledger/events/{eventId}/inclusion-proof?treeSize=9223372036854775808', 'treeSize'],
    ['/api/v1/ledger/consistency-proof?first=1&second=9223372036854775808', 'second'],
    ['/api/v1/ledger/consistency-proof?first=18446744073709551616&second=1', 'first'],
  ])('refuses %s, past what PostgreSQL holds', async (path, field) => {
    const reply = await refused(() =>
      t.call('GET', path.replace('{eventId}', '01890a5d-ac96-774b-bcce-b302099a8057'), {
        as: t.people.auditor,
      }),
    );
    expect(problemOf(reply)).toEqual(invalid(field));
  });

  it('reads a tree size past 2^53 exactly: 9007199254740993 is not 9007199254740992', async () => {
    const reply = await refused(() => t.call('GET', '/api/v1/ledger/tree-heads/9007199254740993'));
    expect(problemOf(reply)).toMatchObject({ status: 404, code: 'tree-head.not-found' });
    expect(reply.body.detail).toContain('at size 9007199254740993;');
  });

  it('takes a session cookie that is not percent-encoded for no session, not for a fault', async () => {
    const reply = await fetch(`${t.base}/strategies`, {
      headers: { cookie: 'pledge_session=%E0%A4%A', accept: 'text/html' },
      redirect: 'manual',
    });
    expect([reply.status, reply.headers.get('location')]).toEqual([303, '/sign-in?next=%2Fstrategies']);
  });

  it('refuses an email sent as an array on the sign-in page, with the GOV.UK error summary', async () => {
    const visitor = await anonymousWebClient(t);
    const reply = await refused(() => visitor.post('/sign-in', 'email[]=a&password=whatever'));
    expect(reply.status).toBe(400);
    expect(errorSummary(reply.body)).toEqual([{ href: '#email', text: 'Enter the email once, as text' }]);
  });

  it.each([
    ['narrative[]=x&rag=green&percentComplete=10', '#narrative', 'Enter the narrative once, as text'],
    [
      'narrative=x&narrative=y&rag=green&percentComplete=10',
      '#narrative',
      'Enter the narrative once, as text',
    ],
    [
      'narrative=x&rag=green&percentComplete=10&effectiveOn-day[]=1&effectiveOn-month=6&effectiveOn-year=2024',
      '#effectiveOn-day',
      'Enter the effective on once, as text',
    ],
    [
      'narrative=x&rag=green&percentComplete=10&evidenceUrl[]=https://example.org/a',
      '#evidenceUrl',
      'Enter the evidence url once, as text',
    ],
  ])('refuses the update form posted as %s, with the GOV.UK error summary', async (fields, href, text) => {
    const reply = await refused(() => lead.post(`/actions/${story.actionId}/update`, fields));
    expect(reply.status).toBe(400);
    expect(errorSummary(reply.body)).toEqual([{ href, text }]);
    expect(reply.body).toContain('<title>Error: Log an update');
  });
});

describe('Why 5: smaller faults', () => {
  it.each(['2025-02-30', '0000-00-00', '9999-99-99', '2024-6-1'])(
    'refuses ?date=%s, a day the calendar does not have, on every read that takes a date',
    async (date) => {
      for (const path of [
        `/api/v1/strategies/${story.strategyId}`,
        `/api/v1/actions/${story.actionId}`,
        '/api/v1/me/actions',
      ]) {
        const reply = await refused(() => t.call('GET', `${path}?date=${date}`, { as: t.people.lead }));
        expect([path, problemOf(reply)]).toEqual([path, invalid('date')]);
        expect(reply.body.errors[0].message).toBe('date must be a real date written YYYY-MM-DD');
      }
    },
  );

  it.each([
    ['knownAt', '2025-02-30T00:00Z'],
    ['knownAt', '2025-02-30'],
    ['effectiveAt', '9999-12-31T23:59:59-23:59'],
    ['effectiveAt', '9999-12-31T23:59:59-14:00'],
    ['effectiveAt', '2024-06-30T24:00Z'],
    ['effectiveAt', '2024-06-30T12:00:61Z'],
    ['knownAt', '2024-06-30T12:00+14:01'],
    ['knownAtPosition', '99999999999999999999.1'],
  ])('refuses %s=%s, a moment that never was, on every replay', async (name, value) => {
    for (const path of [
      `/api/v1/history/action/${story.actionId}/state`,
      `/api/v1/strategies/${story.strategyId}/overview-at`,
    ]) {
      const reply = await refused(() =>
        t.call('GET', `${path}?${name}=${encodeURIComponent(value)}`, { as: t.people.auditor }),
      );
      expect([path, problemOf(reply)]).toEqual([path, invalid(name)]);
    }
  });

  it('answers the furthest moments that are real, at the edges of the calendar and of the zones', async () => {
    for (const query of [
      'effectiveAt=9999-12-31T23:59:59%2B14:00',
      'knownAt=9999-12-31',
      'knownAt=2024-06-30T12:00:00.123456%2B14:00',
    ]) {
      const reply = await t.call('GET', `/api/v1/history/action/${story.actionId}/state?${query}`, {
        as: t.people.auditor,
      });
      expect([query, reply.status]).toEqual([query, 200]);
    }
  });

  it('refuses a date the calendar does not have in a body with 400, naming the field', async () => {
    const reply = await post('/api/v1/strategies', { ...strategy, periodStart: '2025-02-30' });
    expect(problemOf(reply)).toEqual(invalid('periodStart'));
  });

  it.each(['1e3', '+5', '0x10', '1.0', ' 5', '5 '])(
    'refuses limit=%s: counts are plain whole numbers',
    async (limit) => {
      const reply = await refused(() =>
        t.call('GET', `/api/v1/ledger/tree-heads?limit=${encodeURIComponent(limit)}`),
      );
      expect(problemOf(reply)).toEqual(invalid('limit'));
      expect(reply.body.errors[0].message).toBe(
        'limit must be a whole number from 1 to 1000, written in digits',
      );
    },
  );

  it.each([
    [
      '__proto__',
      '{"__proto__":{"admin":true},"narrative":"x","rag":"green","percentComplete":1}',
      '__proto__',
    ],
    [
      'constructor',
      '{"constructor":{"name":"x"},"narrative":"x","rag":"green","percentComplete":1}',
      'constructor',
    ],
    [
      'a nested __proto__',
      '{"narrative":"x","rag":"green","percentComplete":1,"evidence":[{"title":"t","url":"https://a.example","__proto__":1}]}',
      'evidence[0].__proto__',
    ],
  ])('refuses %s as an unknown field, as any other', async (_, body, field) => {
    const reply = await post(`/api/v1/actions/${story.actionId}/progress`, body, t.people.lead);
    expect(problemOf(reply)).toEqual(invalid(field));
    expect(reply.body.errors[0].message).toBe(`property ${field} should not exist`);
  });

  it('refuses __proto__ in a query string as an unknown parameter', async () => {
    const reply = await refused(() =>
      t.call('GET', `/api/v1/strategies/${story.strategyId}?__proto__=x`, { as: t.people.lead }),
    );
    expect(problemOf(reply)).toEqual(invalid('__proto__'));
  });

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

  it.each([
    ['with a token', { as: true, accept: 'application/json' }],
    ['with no token', { as: false, accept: 'application/json' }],
    ['from a browser', { as: false, accept: 'text/html' }],
  ])('answers /API/V1/… %s with a problem+json 404, never a page', async (_, how) => {
    for (const path of ['/API/V1/strategies', '/Api/v1/me/actions', '/api/V1/ledger/tree-heads/latest']) {
      const reply = await t.call('GET', path, {
        as: how.as ? t.people.admin : undefined,
        headers: { accept: how.accept },
      });
      expect([path, reply.status, reply.headers.get('content-type')]).toEqual([path, 404, PROBLEM]);
    }
  });

  it('refuses at once an X-Consistent-After that names no write, where it waited 5 s for a 503', async () => {
    for (const position of ['999999.1', '0.0', '99999999999999999999.1']) {
      const reply = await t.call('GET', `/api/v1/actions/${story.actionId}`, {
        as: t.people.lead,
        headers: { 'x-consistent-after': position },
      });
      expect([position, problemOf(reply)]).toEqual([
        position,
        { status: 400, type: PROBLEM, code: 'position.invalid', fields: ['X-Consistent-After'] },
      ]);
    }
  });

  it('tells caches to keep nothing of an API answer or a signed-in page', async () => {
    const api = await t.call('GET', '/api/v1/me/actions', { as: t.people.lead });
    const problem = await t.call('GET', '/api/v1/me/actions');
    const page = await lead.get('/my-actions');
    expect([api.status, problem.status, page.status]).toEqual([200, 401, 200]);
    for (const reply of [api, problem, page]) expect(reply.headers.get('cache-control')).toBe('no-store');
  });

  it('answers the audit export as private, to be kept by no cache', async () => {
    await t.app.get(LedgerSealer).catchUp();
    const auditor = await signedInWebClient(t, t.people.auditor);
    const exported = await auditor.get('/audit/export.jsonl');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('cache-control')).toBe('private, no-store');
  });

  it('marks static files nosniff', async () => {
    for (const path of ['/public/app.css', '/govuk/govuk-frontend.min.css', '/assets/manifest.json']) {
      const response = await fetch(`${t.base}${path}`);
      expect([path, response.status, response.headers.get('x-content-type-options')]).toEqual([
        path,
        200,
        'nosniff',
      ]);
    }
  });

  it('has one frame policy: frame-ancestors none, and X-Frame-Options DENY', async () => {
    for (const path of ['/sign-in', '/api/docs', '/api/v1/health', '/health']) {
      const response = await fetch(`${t.base}${path}`);
      expect([path, response.headers.get('x-frame-options')]).toEqual([path, 'DENY']);
      const csp = response.headers.get('content-security-policy');
      if (csp) expect(csp).toContain("frame-ancestors 'none'");
    }
  });

  it('sends the session cookie Secure behind a TLS proxy it is told to trust, and only then', async () => {
    const behindProxy = await startTestApp('2024-06-30T12:00:00Z', { trustProxy: ['loopback'] });
    try {
      const cookieOf = async (app: TestApp) =>
        (await fetch(`${app.base}/sign-in`, { headers: { 'x-forwarded-proto': 'https' } })).headers.get(
          'set-cookie',
        );
      expect(await cookieOf(behindProxy)).toMatch(/; Secure/);
      expect(await cookieOf(t)).not.toMatch(/Secure/);
    } finally {
      await behindProxy.close();
    }
  });
});

describe('Why 5: every replay of an idempotent request says so', () => {
  let observer: pg.Client;
  beforeAll(async () => {
    observer = new pg.Client(t.database.url);
    await observer.connect();
  });
  afterAll(async () => {
    await observer.end();
  });

  /**
   * Waits until `n` sessions of the test database wait on a lock, running statements like
   * `pattern`, or (with `blocker`) on a lock that session holds: pg_stat_activity keeps only the
   * first kilobyte of a statement, so a long append's later clauses cannot be matched by text.
   * Asked outside any transaction: inside one, PostgreSQL answers the same snapshot of
   * pg_stat_activity every time.
   */
  async function waitingOnLocks(n: number, pattern: string, blocker?: pg.Client): Promise<void> {
    const blockerPid = blocker && (await blocker.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    for (let tries = 0; ; tries++) {
      const { rows } = await observer.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE $1
            AND CASE WHEN $2::int IS NULL THEN cardinality(pg_blocking_pids(pid)) > 0
                     ELSE $2::int = ANY(pg_blocking_pids(pid)) END`,
        [pattern, blockerPid ?? null],
      );
      if (rows[0].n >= n) return;
      if (tries === 20_000) throw new Error(`fewer than ${n} sessions running ${pattern} waited`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Holds every append until `waiting` have arrived, so that copies sent together all miss the look-up. */
  async function holdingAppends<T>(waiting: number, run: () => Promise<T>): Promise<T> {
    const owner = new pg.Client(t.database.url);
    await owner.connect();
    try {
      await owner.query('BEGIN');
      // A table lock takes no transaction id, so readers that wait for older transactions are not held.
      await owner.query('LOCK TABLE es_streams IN SHARE ROW EXCLUSIVE MODE');
      const running = run();
      await waitingOnLocks(waiting, '%INSERT INTO es_events%');
      await owner.query('COMMIT');
      return await running;
    } finally {
      await owner.query('ROLLBACK').catch(() => undefined);
      await owner.end();
    }
  }

  it('marks every one of 20 copies sent at once but the one that wrote', async () => {
    const { actionId } = await planOneAction(t, { reference: 'A1.2' });
    const before = await eventCount();
    const send = () =>
      t.call('POST', `/api/v1/actions/${actionId}/progress`, {
        as: t.people.lead,
        body: update,
        headers: { 'idempotency-key': 'forum-update-twenty-copies' },
      });
    const replies = await holdingAppends(20, () => Promise.all(Array.from({ length: 20 }, send)));
    expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(201));
    expect(replies.filter((reply) => reply.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    expect(new Set(replies.map((reply) => JSON.stringify(reply.body))).size).toBe(1);
    expect(new Set(replies.map((reply) => reply.headers.get('etag'))).size).toBe(1);
    expect(await eventCount()).toBe(before + 1);
  });

  it('answers a copy of a creation with what the first created, and marks it', async () => {
    const before = await eventCount();
    const send = () =>
      t.call('POST', '/api/v1/strategies', {
        as: t.people.admin,
        body: strategy,
        headers: { 'idempotency-key': 'strategy-two-copies' },
      });
    const replies = await holdingAppends(2, () => Promise.all([send(), send()]));
    expect(replies.map((reply) => reply.status)).toEqual([201, 201]);
    expect(replies.map((reply) => reply.headers.get('idempotent-replayed')).sort()).toEqual([null, 'true']);
    expect(replies[1].body).toEqual(replies[0].body);
    expect(replies[1].headers.get('location')).toBe(replies[0].headers.get('location'));
    expect(await eventCount()).toBe(before + 1);
  });

  it('answers a copy that reads the first one done, which the domain would refuse, as a replay', async () => {
    const { actionId } = await planOneAction(t, { reference: 'A1.3' });
    const before = await eventCount();
    const complete = () =>
      t.call('POST', `/api/v1/actions/${actionId}/complete`, {
        as: t.people.lead,
        body: { summary: 'Forum running' },
        headers: { 'idempotency-key': 'complete-once' },
      });
    // The second copy must miss the first's answer and then read the action the first completed.
    // The first is held at its append by a lock on es_commands, after it has locked es_events;
    // a lock on es_events queued behind it holds the second's read of the action; the first is
    // let go, commits, and the lock on es_events is taken and let go in turn.
    const owner = new pg.Client(t.database.url);
    const reader = new pg.Client(t.database.url);
    await Promise.all([owner.connect(), reader.connect()]);
    try {
      await owner.query('BEGIN');
      await owner.query('LOCK TABLE es_commands IN SHARE ROW EXCLUSIVE MODE');
      const first = complete();
      await waitingOnLocks(1, '%', owner); // the append, at es_commands
      await reader.query('BEGIN');
      const locking = reader.query('LOCK TABLE es_events IN ACCESS EXCLUSIVE MODE');
      await waitingOnLocks(1, 'LOCK TABLE es_events%');
      const second = complete();
      await waitingOnLocks(1, '%ORDER BY stream_version%');
      await owner.query('COMMIT');
      await locking;
      await reader.query('COMMIT');
      const replies = await Promise.all([first, second]);
      expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
      expect(replies.map((reply) => reply.headers.get('idempotent-replayed'))).toEqual([null, 'true']);
      expect(replies[1].body).toEqual(replies[0].body);
      expect(await eventCount()).toBe(before + 1);
    } finally {
      await owner.query('ROLLBACK').catch(() => undefined);
      await reader.query('ROLLBACK').catch(() => undefined);
      await Promise.all([owner.end(), reader.end()]);
    }
  });
});
