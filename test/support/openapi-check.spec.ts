import { OpenApiCheck, type Exchange } from './openapi-check.js';

const problem = {
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
const check = new OpenApiCheck({
  openapi: '3.0.0',
  paths: {
    '/api/v1/things/{id}': {
      get: {
        responses: {
          200: {
            description: '',
            headers: { ETag: { required: true, schema: { type: 'string', pattern: '^"\\d+"$' } } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          404: { description: '', ...problem },
        },
      },
      put: {
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Change' } } } },
        responses: {
          200: {
            description: '',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
        },
      },
    },
    '/api/v1/things/latest': {
      get: {
        responses: {
          200: { description: '', content: { 'text/plain': { schema: { type: 'string' } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          count: { type: 'integer' },
          note: { type: 'string', nullable: true },
        },
        required: ['id', 'count', 'note'],
      },
      Change: { type: 'object', properties: { count: { type: 'integer' } } },
      Problem: {
        type: 'object',
        properties: { status: { type: 'integer' }, title: { type: 'string' } },
        required: ['status', 'title'],
      },
    },
  },
});

const thing = { id: '01890a5d-ac96-774b-bcce-b302099a8057', count: 3, note: null };
const json = { 'content-type': 'application/json; charset=utf-8' };
type Overrides = Omit<Partial<Exchange>, 'headers'> & { headers?: Record<string, string> };
const exchange = (overrides: Overrides): Exchange => ({
  method: 'GET',
  url: `/api/v1/things/${thing.id}`,
  status: 200,
  text: JSON.stringify(thing),
  ...overrides,
  headers: new Headers(overrides.headers ?? { ...json, etag: '"3"' }),
});

describe('checking an exchange against the OpenAPI document', () => {
  it('finds nothing wrong with an answer the document describes', () => {
    expect(check.mismatches(exchange({}))).toEqual([]);
    expect(check.mismatches(exchange({ url: `/api/v1/things/${thing.id}?date=2024-06-30` }))).toEqual([]);
  });

  it('prefers the route that names a path segment over the one that takes any', () => {
    const latest = exchange({
      url: '/api/v1/things/latest',
      text: 'plain words',
      headers: { 'content-type': 'text/plain' },
    });
    expect(check.mismatches(latest)).toEqual([]);
  });

  it.each<[string, Overrides, RegExp]>([
    ['a status the operation does not declare', { status: 500 }, /declares no 500/],
    ['a field the schema does not name', { text: JSON.stringify({ ...thing, colour: 'blue' }) }, /colour/],
    [
      'a field of the wrong type',
      { text: JSON.stringify({ ...thing, count: 'three' }) },
      /count must be integer/,
    ],
    ['a missing field', { text: JSON.stringify({ id: thing.id, count: 3 }) }, /note/],
    [
      'a content type it does not declare',
      { headers: { 'content-type': 'text/html', etag: '"3"' } },
      /text\/html/,
    ],
    ['a required header missing', { headers: json }, /no ETag header/],
    ['a header that breaks its schema', { headers: { ...json, etag: 'W/3' } }, /header ETag/],
    [
      'a header of its own that the document does not declare',
      { headers: { ...json, etag: '"3"', location: '/x' } },
      /location/,
    ],
    [
      'a problem that is not one',
      { status: 404, headers: { 'content-type': 'application/problem+json' }, text: '{}' },
      /status/,
    ],
    [
      'an accepted request with a field the document does not name',
      { method: 'PUT', requestBody: { count: 4, colour: 'blue' }, headers: json },
      /accepted request.*colour/,
    ],
    [
      'an unknown API route not answered with a problem',
      { url: '/api/v1/nothing', status: 404, headers: { 'content-type': 'text/html' }, text: '<p>no</p>' },
      /no such operation/,
    ],
  ])('reports %s', (_, overrides, pattern) => {
    const found = check.mismatches(exchange(overrides));
    expect(found.join('\n')).toMatch(pattern);
  });

  it('leaves the pages alone', () => {
    expect(
      check.mismatches(exchange({ url: '/sign-in', headers: { 'content-type': 'text/html' }, text: '<p/>' })),
    ).toEqual([]);
  });
});
