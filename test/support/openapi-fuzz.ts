/**
 * Requests made from an OpenAPI document: a valid one for each operation, built from its
 * parameters and schemas (their examples first) with the ids of a real story, and each kind of
 * spoiled one. Everything is drawn from a seeded generator, so a seed repeats a run exactly.
 */
import { Agent, request as httpRequest } from 'node:http';

export type Random = () => number;

/** mulberry32: a small, fast generator whose whole state is one 32-bit number. */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

export function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

// ---- The document ---------------------------------------------------------------------------

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      parameters: operation.parameters ?? [],
      body: operation.requestBody?.content['application/json']?.schema,
    })),
  );
}

/** Follows a `$ref` into the document's components. */
export function resolverOf(document: OpenApiDocument): (schema: Schema) => Schema {
  const components = document.components?.schemas ?? {};
  return (schema) => (schema.$ref ? (components[schema.$ref.split('/').pop()!] ?? {}) : schema);
}

// ---- A story's ids --------------------------------------------------------------------------

type IdKind = 'strategy' | 'theme' | 'pledge' | 'action' | 'milestone' | 'event' | 'officer' | 'user';

/** The ids of a real story, and what the run has learnt of it. */
export interface Story {
  ids: Record<IdKind, string>;
  /** The size of a signed tree head. */
  size: string;
  /** The last position a command answered. */
  position?: string;
  /** Closed, it takes no more changes: the run starts another. */
  closed?: boolean;
}

/** Which id a name asks for (`leadOfficerId`, `themeIds`, a path's `strategies/{id}`). */
const ID_WORDS: [string, IdKind][] = [
  ['milestone', 'milestone'],
  ['theme', 'theme'],
  ['pledge', 'pledge'],
  ['action', 'action'],
  ['strateg', 'strategy'],
  ['event', 'event'],
  ['officer', 'officer'],
  ['lead', 'officer'],
  ['user', 'user'],
];

/** A real id for a parameter or field, chosen by its name or the path segment before it. */
function idFor(context: Generation, name: string, segment = ''): string {
  const words = `${name} ${segment}`.toLowerCase();
  const kind = ID_WORDS.find(([word]) => words.includes(word))?.[1];
  return kind ? context.story.ids[kind] : pick(context.random, Object.values(context.story.ids));
}

export interface Generation {
  random: Random;
  story: Story;
  resolve(schema: Schema): Schema;
}

const isNumeric = (schema?: Schema) => schema?.type === 'integer' || schema?.type === 'number';

/** A value the schema accepts, as far as the document can tell. */
function valueFor(schema: Schema, name: string, context: Generation, depth = 0): unknown {
  const resolved = context.resolve(schema);
  if (resolved.example !== undefined) return structuredClone(resolved.example);
  if (resolved.enum) return pick(context.random, resolved.enum);
  switch (resolved.type) {
    case 'string':
      if (resolved.format === 'uuid') return idFor(context, name);
      if (resolved.format === 'date') return '2024-06-01';
      if (resolved.format === 'date-time') return '2024-06-01T12:00:00Z';
      return `Fuzzed ${name}`;
    case 'integer':
    case 'number':
      return Math.max(resolved.minimum ?? 1, Math.min(resolved.maximum ?? 10, 10));
    case 'boolean':
      return true;
    case 'array':
      return resolved.items && depth < 4
        ? [valueFor(resolved.items, name.replace(/s$/, ''), context, depth + 1)]
        : [];
    default: {
      const object: Record<string, unknown> = {};
      for (const [property, propertySchema] of Object.entries(depth < 4 ? (resolved.properties ?? {}) : {}))
        if (resolved.required?.includes(property) || context.random() < 0.6)
          object[property] = valueFor(propertySchema, property, context, depth + 1);
      return object;
    }
  }
}

// ---- Drafts: requests being built -----------------------------------------------------------

/** A request being built: path values and query entries already percent-encoded. */
export interface Draft {
  operation: Operation;
  method: string;
  pathValues: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  /** A JSON value, or the raw text of a body. */
  body?: { json: unknown } | { raw: string };
}

const encode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // a lone surrogate has no UTF-8: send the bytes it would have been
  }
};

const isMomentName = (name: string) => /date|At$/.test(name);

export function validDraft(operation: Operation, context: Generation): Draft {
  const segments = operation.path.split('/');
  const pathValues: Record<string, string> = {};
  const query: [string, string][] = [];
  for (const parameter of operation.parameters) {
    const schema = context.resolve(parameter.schema ?? {});
    if (parameter.in === 'path') {
      const before = segments[segments.indexOf(`{${parameter.name}}`) - 1] ?? '';
      pathValues[parameter.name] = encode(
        schema.enum
          ? String(pick(context.random, schema.enum))
          : isNumeric(schema)
            ? context.story.size
            : idFor(context, parameter.name, before),
      );
    } else if (parameter.in === 'query' && (parameter.required || context.random() < 0.3)) {
      const value = isNumeric(schema)
        ? String(Math.min(Number(context.story.size), schema.maximum ?? Infinity))
        : isMomentName(parameter.name)
          ? '2024-06-01'
          : /Position$/.test(parameter.name)
            ? (context.story.position ?? '1.1')
            : String(valueFor(schema, parameter.name, context));
      query.push([parameter.name, encode(value)]);
    }
  }
  return {
    operation,
    method: operation.method,
    pathValues,
    query,
    headers: {},
    ...(operation.body ? { body: { json: valueFor(operation.body, 'body', context) } } : {}),
  };
}

// ---- Spoiling -------------------------------------------------------------------------------

// prettier-ignore
const BAD_DATES = [
  '2025-02-30', '0000-00-00', '9999-99-99', '2024-13-01', '2024-00-10', '2024-06-31', '2023-02-29',
  '2024-6-1', '20240601', '2024-06-01T00:00:00Z', '+002024-06-01', ' 2024-06-01', 'yesterday', '',
  // real days at the edges: accepted or refused by a rule, never a fault
  '9999-12-31', '0001-01-01', '1899-12-31', '2024-02-29', '2024-06-30', '2024-07-01',
];
// prettier-ignore
const BAD_MOMENTS = [
  ...BAD_DATES,
  '2025-02-30T00:00Z', '9999-12-31T23:59:59-23:59', '2024-06-30T24:00Z', '2024-06-30T12:00:60Z',
  '2024-06-30T12:00+14:01', '2024-06-30T12:00:00.1234567Z', '2024-06-30T12:00', '2024-06-30 12:00Z',
  '2024-06-30t12:00z', '9999-12-31T23:59:59-14:00', '0001-01-01T00:00Z', '2024-06-30T12:00:00.123456+05:45',
];
// prettier-ignore
const BAD_INTEGERS = [
  '-1', '0', '1', '1e3', '1.5', '0x10', '+1', ' 1', '9007199254740993', '9223372036854775807',
  '9223372036854775808', '18446744073709551616', '99999999999999999999', 'NaN', 'Infinity', '', '١٢٣',
  '1'.repeat(30), `${'0'.repeat(25)}1`,
];
/** `999999.1` is well formed and within range, and names no write. */
const BAD_POSITIONS = [
  'soon',
  '1.2.3',
  '0.0',
  '999999.1',
  '99999999999999999999.1',
  '1.99999999999999999999',
  '-1.1',
];
// prettier-ignore
const BAD_IDS = [
  'not-a-uuid', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '01890a5d-ac96-774b-bcce-b302099a8057', '{01890a5d-ac96-774b-bcce-b302099a8057}', '1', '-1', '..',
  "' OR 1=1 --", 'a'.repeat(3000), 'ünïcode', '\u0000', '9999999999999999999999', 'Action', 'STRATEGY',
];
/** Already percent-encoded for a path or a query string: malformed or unpaired on purpose. */
const RAW_PIECES = ['%E0%A4%A', '%ED%A0%80', '%00', '%C0%AF', '%2e%2e', '%2F', '%FF', '%', '%%', '%u0041'];
// prettier-ignore
const ODD_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff', 'a\ud83d', '\ud83d\ude00', '\u202e', '\ufeff', '\r\n',
  '<script>alert(1)</script>', '{{ 7*7 }}', '${7*7}', "'; DROP TABLE es_events; --", 'x'.repeat(5001),
];
const WRONG_TYPES: unknown[] = [123, -1, 1.5, 1e308, true, false, null, {}, [], [1, 2], { a: 1 }, 'text'];

type Path = (string | number)[];

/** The paths of a JSON value's fields, to pick one to spoil. */
function fieldsOf(value: unknown, path: Path = []): Path[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const at = [...path, Array.isArray(value) ? Number(key) : key];
    return [at, ...fieldsOf(item, at)];
  });
}

const valueAt = (root: unknown, path: Path): unknown =>
  path.reduce<unknown>(
    (holder, key) =>
      holder && typeof holder === 'object' ? (holder as Record<string, unknown>)[key] : undefined,
    root,
  );

/** A copy of `root` with `value` at `path`; undefined removes the field. */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  const holder = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path.at(-1)!;
  if (value !== undefined) holder[key] = value;
  else if (Array.isArray(holder)) holder.splice(Number(key), 1);
  else delete holder[key];
  return copy;
}

const PLACEHOLDER = '\u0001fuzz-raw\u0001';

/** The body with raw JSON text at `path`: for what JSON.stringify cannot write (deep nesting, 1e400). */
function withRaw(json: unknown, path: Path, raw: string): { raw: string } {
  return { raw: JSON.stringify(setAt(json, path, PLACEHOLDER)).replace(JSON.stringify(PLACEHOLDER), raw) };
}

/** A field of the body to spoil, preferring those whose valid value is `wanted`. */
function fieldToSpoil(json: unknown, random: Random, wanted?: (value: unknown) => boolean): Path {
  const fields = fieldsOf(json);
  const preferred = wanted ? fields.filter((path) => wanted(valueAt(json, path))) : [];
  return preferred.length ? pick(random, preferred) : fields.length ? pick(random, fields) : ['title'];
}

const looksLikeDate = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value);
const looksLikeId = (value: unknown) => typeof value === 'string' && /^[0-9a-f]{8}-/.test(value);

type Spoiler = (draft: Draft, context: Generation) => Draft;

const jsonOf = (draft: Draft): unknown => (draft.body && 'json' in draft.body ? draft.body.json : {});

const spoilField =
  (value: (random: Random, old: unknown) => unknown, wanted?: (value: unknown) => boolean): Spoiler =>
  (draft, { random }) => {
    const json = jsonOf(draft);
    const path = fieldToSpoil(json, random, wanted);
    return { ...draft, body: { json: setAt(json, path, value(random, valueAt(json, path))) } };
  };

const rawField =
  (raw: (random: Random) => string, wanted?: (value: unknown) => boolean): Spoiler =>
  (draft, { random }) => {
    const json = jsonOf(draft);
    return { ...draft, body: withRaw(json, fieldToSpoil(json, random, wanted), raw(random)) };
  };

const nested = (depth: number, objects: boolean) =>
  objects ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}1${']'.repeat(depth)}`;

const withHeader = (draft: Draft, name: string, value: string): Draft => ({
  ...draft,
  headers: { ...draft.headers, [name]: value },
});

/** Each kind of request, by name: `valid` as the document describes it, the others spoiled. */
export const SPOILERS: Record<string, Spoiler> = {
  valid: (draft) => draft,
  'wrong type': spoilField((random) => pick(random, WRONG_TYPES)),
  'missing field': spoilField(() => undefined),
  'unknown field': (draft, { random }) => ({
    ...draft,
    body: {
      json: { ...(jsonOf(draft) as object), [pick(random, ['colour', 'id', 'version', 'Title'])]: 'x' },
    },
  }),
  'huge string': spoilField((random) => 'x'.repeat(pick(random, [5001, 20_000, 99_000, 150_000]))),
  'odd text': spoilField((random) => pick(random, ODD_STRINGS)),
  'NUL in text': spoilField((_, old) => `${typeof old === 'string' ? old : 'a'}\u0000b`),
  'lone surrogate': spoilField(
    (random, old) => `${typeof old === 'string' ? old : ''}${pick(random, ['\ud800', '\udfff'])}`,
  ),
  'deep nesting': rawField((random) => nested(pick(random, [33, 100, 1300, 3000, 20_000]), random() < 0.5)),
  'bad date': spoilField((random) => pick(random, BAD_MOMENTS), looksLikeDate),
  'bad id': spoilField((random) => pick(random, BAD_IDS), looksLikeId),
  'array for a scalar': spoilField((_, old) => [old ?? 'x']),
  'odd number': rawField(
    (random) =>
      pick(random, ['9007199254740993', '1e400', '-0', '1E3', '1e-7', '-100', '0.5', '1'.repeat(25)]),
    (value) => typeof value === 'number',
  ),
  'prototype key': (draft, { random }) => {
    const raw = JSON.stringify(jsonOf(draft) ?? {});
    const key = `"${pick(random, ['__proto__', 'constructor', 'prototype'])}":${pick(random, ['{"admin":true}', '1', '{}'])}`;
    return { ...draft, body: { raw: raw.startsWith('{"') ? raw.replace(/^\{/, `{${key},`) : `{${key}}` } };
  },
  // prettier-ignore
  'odd body': (draft, { random }) => ({
    ...draft,
    body: {
      raw: pick(random, [
        '', 'null', '[]', '[{}]', '"text"', '123', 'true', '{', '{"a":1}{', '\ufeff{}', '{"a":1,"a":2}',
        '{"title":"x"', 'nul\u0000', '{"title":"\\ud800\\udc00"}', `[${'1,'.repeat(5000)}1]`,
      ]),
    },
  }),
  'odd content type': (draft, { random }) => {
    const json = jsonOf(draft);
    const text = JSON.stringify(json);
    const form = Object.entries((json ?? {}) as Record<string, unknown>)
      .map(
        ([key, value]) =>
          `${encode(key)}=${encode(typeof value === 'string' ? value : JSON.stringify(value))}`,
      )
      .join('&');
    // prettier-ignore
    const [type, raw] = pick(random, [
      ['text/plain', text],
      ['application/x-www-form-urlencoded', form],
      ['application/x-www-form-urlencoded', `${form}&title[a][b]=x&evidence[0][url]=y&themeIds[]=z`],
      ['application/x-www-form-urlencoded', `a${'[a]'.repeat(40)}=x`],
      ['application/x-www-form-urlencoded', Array.from({ length: 1200 }, (_, i) => `f${i}=1`).join('&')],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--x--'],
      ['application/json; charset=utf-16', text],
      ['application/json; charset=latin1', text],
      ['application/json; charset=nonsense', text],
      ['application/xml', '<title>x</title>'],
      ['application/merge-patch+json', text],
      ['', text],
    ] as const);
    return { ...withHeader(draft, 'content-type', type), body: { raw } };
  },
  'odd content encoding': (draft, { random }) =>
    withHeader(
      draft,
      'content-encoding',
      pick(random, ['gzip', 'deflate', 'br', 'compress', 'identity', 'x']),
    ),
  'bad path parameter': (draft, { random }) => {
    const names = Object.keys(draft.pathValues);
    if (!names.length) return { ...draft, method: pick(random, ['DELETE', 'PUT', 'PATCH', 'POST']) };
    const name = pick(random, names);
    const schema = draft.operation.parameters.find((parameter) => parameter.name === name)?.schema;
    const value =
      random() < 0.2
        ? pick(random, RAW_PIECES)
        : encode(pick(random, isNumeric(schema) ? BAD_INTEGERS : BAD_IDS));
    return { ...draft, pathValues: { ...draft.pathValues, [name]: value } };
  },
  'bad query parameter': (draft, { random }) => {
    const known = draft.operation.parameters.filter((parameter) => parameter.in === 'query');
    if (!known.length || random() < 0.15) {
      const unknown = pick(random, ['colour', '__proto__', 'constructor', 'date[]']);
      return { ...draft, query: [...draft.query, [unknown, 'x']] };
    }
    const parameter = pick(random, known);
    const values = isNumeric(parameter.schema)
      ? BAD_INTEGERS
      : /Position$/.test(parameter.name)
        ? BAD_POSITIONS
        : isMomentName(parameter.name)
          ? BAD_MOMENTS
          : [...BAD_IDS, ...ODD_STRINGS, 'purple'];
    const entry: [string, string] = [
      parameter.name,
      random() < 0.15 ? pick(random, RAW_PIECES) : encode(pick(random, values)),
    ];
    const query = draft.query.filter(([name]) => name !== parameter.name);
    // Sent twice, a parameter arrives as an array.
    return { ...draft, query: random() < 0.2 ? [...query, entry, entry] : [...query, entry] };
  },
  'number out of range': (draft, { random }) => {
    const numbers = draft.operation.parameters.filter((parameter) => isNumeric(parameter.schema));
    const value = () =>
      pick(random, ['9223372036854775808', '99999999999999999999', '9007199254740993', '-1']);
    if (!numbers.length) return { ...draft, query: [...draft.query, ['limit', value()]] };
    const pathValues = { ...draft.pathValues };
    const query = draft.query.filter(([name]) => !numbers.some((parameter) => parameter.name === name));
    for (const parameter of numbers)
      if (parameter.in === 'path') pathValues[parameter.name] = value();
      else query.push([parameter.name, value()]);
    return { ...draft, pathValues, query };
  },
  'odd headers': (draft, { random, story }) => {
    // prettier-ignore
    const [name, values] = pick(random, [
      ['if-match', ['"1"', '"999"', 'W/"2"', '*', 'yesterday', '"99999999999999999999"', '"-1"', '']],
      ['idempotency-key', ['', ' ', 'x'.repeat(256), 'has spaces', 'k'.repeat(255)]],
      ['x-consistent-after', [...BAD_POSITIONS, story.position ?? '1.1']],
      ['accept', ['text/html', 'application/xml', '*/*', 'image/png', 'text/html;q=0, */*;q=0']],
      ['x-correlation-id', ['x'.repeat(200), 'a b', 'ok.id:1', '']],
      ['authorization', ['Basic YTpi', 'Bearer', 'Bearer pt_forged', `Bearer ${'x'.repeat(5000)}`, 'bearer  a b']],
      ['cookie', ['pledge_session=%E0%A4%A', 'pledge_session=x'.repeat(50), '=;;=', 'a=%']],
      ['x-forwarded-proto', ['https', 'gopher']],
      ['x-forwarded-for', ['1.2.3.4, ::1', 'nonsense']],
      ['range', ['bytes=0-1', 'bytes=x']],
      ['origin', ['https://evil.example', 'null']],
      ['content-language', ['xx\u00ff']],
    ] as const);
    return withHeader(draft, name, pick(random, values));
  },
  'reused idempotency key': (draft, { random }) =>
    withHeader(draft, 'idempotency-key', `fuzz-key-${Math.floor(random() * 4)}`),
  'odd path': (draft, { random }) => ({
    ...draft,
    pathValues: Object.fromEntries(
      Object.entries(draft.pathValues).map(([name, value]) => [
        name,
        random() < 0.5 ? `${value}/` : `${value}%2F..`,
      ]),
    ),
    method: random() < 0.3 ? pick(random, ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']) : draft.method,
  }),
};

// ---- Sending --------------------------------------------------------------------------------

export interface FuzzRequest {
  method: string;
  /** Percent-encoded, with its query string. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

export function requestOf(draft: Draft, token: string | undefined): FuzzRequest {
  const query = draft.query.map(([name, value]) => `${name}=${value}`).join('&');
  const path = draft.operation.path.replace(
    /\{([^}]+)\}/g,
    (_, name: string) => draft.pathValues[name] ?? name,
  );
  const headers: Record<string, string> = { accept: 'application/json', ...draft.headers };
  if (token && !('authorization' in headers)) headers.authorization = `Bearer ${token}`;
  const body = draft.body && ('json' in draft.body ? JSON.stringify(draft.body.json) : draft.body.raw);
  if (body !== undefined) {
    headers['content-type'] ??= 'application/json';
    // Without it Node's client sends a GET's body with no length, to be read as the next request.
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  if (headers['content-type'] === '') delete headers['content-type'];
  return { method: draft.method, target: `${path}${query ? `?${query}` : ''}`, headers, body };
}

export interface FuzzReply {
  status: number;
  type: string;
  body: string;
}

/** node:http rather than fetch, which refuses a GET with a body and some of these headers. */
export function sender(base: string): { send(request: FuzzRequest): Promise<FuzzReply>; close(): void } {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    send: (request) =>
      new Promise((resolve, reject) => {
        const options = { host: url.hostname, port: url.port, agent, path: request.target };
        const outgoing = httpRequest(
          { ...options, method: request.method, headers: request.headers },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', reject);
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                type: String(response.headers['content-type'] ?? ''),
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            );
          },
        );
        outgoing.on('error', reject);
        outgoing.end(request.body);
      }),
    close: () => agent.destroy(),
  };
}

/** The request as sent; a body too long to read is cut (the seed repeats it exactly). */
export function described(request: FuzzRequest): string {
  const body =
    request.body === undefined
      ? ''
      : request.body.length > 2000
        ? `\n  body (${request.body.length} characters, cut): ${JSON.stringify(request.body.slice(0, 400))}…`
        : `\n  body: ${JSON.stringify(request.body)}`;
  return `${request.method} ${request.target}\n  headers: ${JSON.stringify(request.headers)}${body}`;
}
