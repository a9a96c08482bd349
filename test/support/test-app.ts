import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '../../libs/testing/index.js';
import { createApp } from '../../src/bootstrap.js';
import type { BoundedContext } from '../../src/common/contexts/bounded-context.js';
import { ContextRegistry } from '../../src/common/contexts/context-registry.js';
import { discoverContexts } from '../../src/common/contexts/discover.js';
import type { Role } from '../../src/common/domain/actor.js';
import { FixedClock } from '../../src/common/domain/clock.js';
import type { TrustProxy } from '../../src/config.js';
import { UsersService } from '../../src/identity/users.service.js';
import { OpenApiCheck } from './openapi-check.js';

export interface Person {
  id: string;
  token: string;
  name: string;
  email: string;
  password: string;
}

export interface Reply<Body = any> {
  status: number;
  headers: Headers;
  body: Body;
}

export type Call = (
  method: string,
  path: string,
  options?: { as?: Person; body?: unknown; raw?: string; headers?: Record<string, string> },
) => Promise<Reply>;

export interface TestApp {
  app: INestApplication;
  /** http://127.0.0.1:<port> */
  base: string;
  database: TestDatabase;
  clock: FixedClock;
  people: Record<'admin' | 'lead' | 'otherOfficer' | 'scrutiny' | 'auditor', Person>;
  call: Call;
  close(): Promise<void>;
}

/** The council every test app's pages name (COUNCIL_NAME). */
export const TEST_COUNCIL_NAME = 'Exampleton City Council';

/**
 * The real application on a fresh database, listening on a free port, with one person per role.
 * Every exchange made through `call` must agree with the OpenAPI document, or the call throws.
 */
export async function startTestApp(
  today = '2024-06-30T12:00:00Z',
  options: {
    trustProxy?: TrustProxy;
    /** Contexts registered beside those found in src/, as a context of a test's own. */
    contexts?: readonly BoundedContext[];
    /** Runs on the new database, as its owner, before the application starts. */
    prepare?: (ownerUrl: string) => Promise<void>;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  await options.prepare?.(database.url);
  const clock = new FixedClock(new Date(today));
  const app = await createApp({
    ownerUrl: database.url,
    clock,
    logger: false,
    councilName: TEST_COUNCIL_NAME,
    trustProxy: options.trustProxy,
    registry: ContextRegistry.of([...(await discoverContexts()), ...(options.contexts ?? [])]),
  });
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const openApi = new OpenApiCheck((await (await fetch(`${base}/api/docs-json`)).json()) as object);
  const users = app.get(UsersService);
  const person = async (displayName: string, role: Role): Promise<Person> => {
    const email = `${displayName.replace(/\s/g, '.').toLowerCase()}@test.example`;
    const user = await users.create({ email, displayName, role });
    const password = `${role}-password-for-tests`;
    await users.setPassword(user.id, password);
    return {
      id: user.id,
      token: await users.issueToken(user.id, 'test'),
      name: displayName,
      email,
      password,
    };
  };
  const people = {
    admin: await person('Ada Admin', 'admin'),
    lead: await person('Olu Officer', 'officer'),
    otherOfficer: await person('Oona Other', 'officer'),
    scrutiny: await person('Cllr Sam Scrutiny', 'scrutiny'),
    auditor: await person('Aud Itor', 'auditor'),
  };
  const call: Call = async (method, path, options = {}) => {
    const headers: Record<string, string> = { accept: 'application/json', ...(options.headers ?? {}) };
    if (options.as) headers.authorization = `Bearer ${options.as.token}`;
    if ((options.body !== undefined || options.raw !== undefined) && !headers['content-type'])
      headers['content-type'] = 'application/json';
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    const mismatches = openApi.mismatches({
      method,
      url: path,
      requestBody: options.body,
      status: response.status,
      headers: response.headers,
      text,
    });
    if (mismatches.length)
      throw new Error(`The answer disagrees with the OpenAPI document:\n  ${mismatches.join('\n  ')}`);
    const type = response.headers.get('content-type') ?? '';
    const body = text && type.includes('json') ? JSON.parse(text) : text || undefined;
    return { status: response.status, headers: response.headers, body };
  };
  return {
    app,
    base,
    database,
    clock,
    people,
    call,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * A strategy with one theme, one pledge and one action led by `people.lead`, made through the API,
 * each taking effect on a day of its own in late 2023 (the action on 1 December 2023), so that
 * tests may log history from 2024 whatever day the clock says it is; `overrides` change the action,
 * `names` the strategy's and the pledge's titles.
 */
export async function planOneAction(
  t: TestApp,
  overrides: Record<string, unknown> = {},
  names: { strategy?: string; pledge?: string } = {},
) {
  const { call, people } = t;
  const strategy = await call('POST', '/api/v1/strategies', {
    as: people.admin,
    body: {
      title: names.strategy ?? 'VCSE engagement strategy',
      periodStart: '2023-11-01',
      periodEnd: '2027-03-31',
      effectiveOn: '2023-10-02',
    },
  });
  expect(strategy.status).toBe(201);
  const theme = await call('POST', `/api/v1/strategies/${strategy.body.id}/themes`, {
    as: people.admin,
    body: { title: 'Communication', effectiveOn: '2023-10-02' },
  });
  expect(theme.status).toBe(201);
  const tree = await call('GET', `/api/v1/strategies/${strategy.body.id}`, {
    as: people.admin,
    headers: { 'x-consistent-after': theme.body.position },
  });
  const themeId = tree.body.themes[0].id;
  const pledge = await call('POST', `/api/v1/strategies/${strategy.body.id}/pledges`, {
    as: people.admin,
    body: {
      themeId,
      reference: 'P1',
      title: names.pledge ?? 'Communicate better',
      description: 'With the whole sector',
      lead: 'Assistant City Mayor',
      effectiveOn: '2023-11-14',
    },
  });
  expect(pledge.status).toBe(201);
  const action = await call('POST', `/api/v1/pledges/${pledge.body.id}/actions`, {
    as: people.admin,
    body: {
      reference: 'A1.1',
      title: 'Mechanisms for more effective communication with the sector',
      description: 'A quarterly forum and a bulletin',
      leadOfficerId: people.lead.id,
      startDate: '2024-01-01',
      dueDate: '2024-12-31',
      milestones: [{ title: 'First forum', dueDate: '2024-03-31' }],
      effectiveOn: '2023-12-01',
      ...overrides,
    },
  });
  expect(action.status).toBe(201);
  // Every read model reflects the new action before the test goes on, so no test reads a
  // projection that has not caught up yet.
  const caughtUp = await call('GET', `/api/v1/actions/${action.body.id}/timeline`, {
    as: people.admin,
    headers: { 'x-consistent-after': action.body.position },
  });
  expect(caughtUp.status).toBe(200);
  return {
    strategyId: strategy.body.id as string,
    themeId: themeId as string,
    pledgeId: pledge.body.id as string,
    actionId: action.body.id as string,
    created: action,
  };
}
