import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
  type ApiPropertyOptions,
  type HeaderObject,
} from '@nestjs/swagger';
import type { CommandResult } from '../domain/actor.js';

/**
 * How the OpenAPI document describes the HTTP plumbing every route shares: the RFC 9457 problem,
 * the statuses each kind of route can answer, and the headers of If-Match, idempotency and
 * read-your-writes. Declared once here; controllers say which kind each route is.
 */

export class FieldProblemResponse {
  @ApiProperty({
    description: 'The field, query parameter, path parameter or header at fault',
    example: 'rag',
  })
  field!: string;
  @ApiProperty({ example: 'rag must be one of the following values: red, amber, green' })
  message!: string;
}

export class ProblemResponse {
  @ApiProperty({ format: 'uri', example: 'https://httpstatuses.io/422' })
  type!: string;
  @ApiProperty({ example: 'Refused by a rule of the domain' })
  title!: string;
  @ApiProperty({ type: 'integer', example: 422 })
  status!: number;
  @ApiProperty({ example: 'A RAG change needs a justification' })
  detail!: string;
  @ApiProperty({ description: 'The path of the request', example: '/api/v1/actions/…/progress' })
  instance!: string;
  @ApiPropertyOptional({
    description: 'Stable, for clients to branch on',
    example: 'action.rag-justification-required',
  })
  code?: string;
  @ApiPropertyOptional({ type: [FieldProblemResponse], description: 'Every field at fault' })
  errors?: FieldProblemResponse[];
  @ApiPropertyOptional({
    type: 'integer',
    description: 'On 409 and 412: the version it is at now, to read again and retry',
    example: 5,
  })
  currentVersion?: number;
  @ApiPropertyOptional({
    format: 'date',
    description: 'On 422 for a change dated before what it belongs to: the day it was to take effect',
    example: '2019-06-01',
  })
  effectiveOn?: string;
  @ApiPropertyOptional({
    format: 'date',
    description: 'With effectiveOn: the earliest day it could take effect',
    example: '2019-06-10',
  })
  notBefore?: string;
  @ApiPropertyOptional({
    format: 'date',
    description: 'On 404 `<kind>.not-yet-in-effect` or `.not-yet-recorded`: the day it took effect',
    example: '2019-01-21',
  })
  inEffectFrom?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'With inEffectFrom: when its first event was recorded',
  })
  firstRecordedAt?: string;
}

/** The problems a route may answer, each with what causes it. */
const PROBLEMS = {
  400: 'Malformed: a missing or unknown field, a field of the wrong type or shape (text with NUL or a lone UTF-16 surrogate, a day the calendar does not have, a number not in plain digits or past 2^63-1), a body nested more than 32 deep, a bad path id, query parameter or header (`errors[].field` names each)',
  401: 'No API token, or one that is unknown, revoked or whose user is disabled',
  403: 'Your role, or not leading the action, does not allow this',
  404: 'Nothing has that id',
  409: 'Someone else changed it while your command ran, or what you create exists already (`currentVersion` says where it is now)',
  412: 'If-Match names a version other than the current one (`currentVersion`)',
  413: 'The body is larger than 100 kB',
  415: 'The body is JSON in a charset other than UTF-8, or has a Content-Encoding other than gzip, deflate or br',
  422: 'A rule of the domain refused it, or the Idempotency-Key was used for a different request (`code` says which)',
  503: 'Sent with X-Consistent-After: the read models had not caught up within five seconds; try again after Retry-After',
} as const;
export type ProblemStatus = keyof typeof PROBLEMS;

const PROBLEM_HEADERS: Partial<Record<ProblemStatus, Record<string, HeaderObject>>> = {
  401: {
    'WWW-Authenticate': {
      schema: { type: 'string' },
      required: true,
      example: 'Bearer realm="pledge-tracker"',
    },
  },
  503: { 'Retry-After': { schema: { type: 'integer' }, required: true, description: 'Seconds', example: 1 } },
};

/** The statuses other than success that a route can answer, each an RFC 9457 problem. */
export function ApiProblems(...statuses: ProblemStatus[]) {
  return applyDecorators(
    ApiExtraModels(ProblemResponse),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: PROBLEMS[status],
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemResponse) } } },
        ...(PROBLEM_HEADERS[status] ? { headers: PROBLEM_HEADERS[status] } : {}),
      }),
    ),
  );
}

export class CommandResultResponse implements CommandResult {
  @ApiProperty({
    format: 'uuid',
    description:
      'What the command created or changed. Adding a theme or a milestone answers with its id; ' +
      'version is then that of its strategy or action.',
  })
  id!: string;
  @ApiProperty({
    type: 'integer',
    description: 'The new version; send it as If-Match with your next change',
    example: 4,
  })
  version!: number;
  @ApiProperty({
    description: 'Send as X-Consistent-After on a later GET to read this write',
    pattern: '^\\d+\\.\\d+$',
    example: '1043.2871',
  })
  position!: string;
}

const ETAG: HeaderObject = {
  description: 'The version, quoted: send it back as If-Match',
  schema: { type: 'string', pattern: '^"\\d+"$' },
  example: '"4"',
  required: true,
};
const REPLAYED: HeaderObject = {
  description:
    'Present when an Idempotency-Key was seen before: this is the first answer again, and nothing was written',
  schema: { type: 'string', enum: ['true'] },
};
const LOCATION: HeaderObject = {
  description: 'Where what was created can be read',
  schema: { type: 'string', format: 'uri-reference' },
  required: true,
};

const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'The ETag you read; a change made since is refused with 412',
  schema: { type: 'string', example: '"4"' },
});
const IDEMPOTENCY_KEY = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description:
    'A retry with the same key writes once and answers as the first did (1 to 255 visible ASCII characters)',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
});
const CONSISTENT_AFTER = ApiHeader({
  name: 'X-Consistent-After',
  required: false,
  description: 'A position a command answered: the read waits (up to five seconds) until it shows that write',
  schema: { type: 'string', pattern: '^\\d+\\.\\d+$', example: '1043.2871' },
});

/**
 * A command that changes something that exists: it takes If-Match, and answers with the new
 * version as its ETag.
 */
export function ApiChange(status: 200 | 201 = 200) {
  return applyDecorators(
    IF_MATCH,
    IDEMPOTENCY_KEY,
    ApiResponse({
      status,
      type: CommandResultResponse,
      description: status === 201 ? 'Added' : 'Changed',
      headers: { ETag: ETAG, 'Idempotent-Replayed': REPLAYED },
    }),
    ApiProblems(400, 401, 403, 404, 409, 412, 413, 415, 422),
  );
}

/**
 * A command that creates an aggregate (409 when it exists already), answered with where to read
 * it. `under`: it is created under another, named in the path, that must exist.
 */
export function ApiCreate({ under }: { under: boolean }) {
  return applyDecorators(
    IDEMPOTENCY_KEY,
    ApiResponse({
      status: 201,
      type: CommandResultResponse,
      description: 'Created',
      headers: { ETag: ETAG, Location: LOCATION, 'Idempotent-Replayed': REPLAYED },
    }),
    ApiProblems(400, 401, 403, ...(under ? ([404] as const) : []), 409, 413, 415, 422),
  );
}

export interface ReadOptions {
  description?: string;
  isArray?: boolean;
  /** The answer is one aggregate (or holds one), whose version goes out as the ETag. */
  etag?: boolean;
  /** It names something by id that may not exist, or may have nothing to show yet. */
  notFound?: boolean;
  /** Only some roles may read it. */
  roles?: boolean;
  /** No token needed. */
  public?: boolean;
}

/** A read: its answer, read-your-writes, and the problems it can give. */
export function ApiRead(type: Type<unknown>, options: ReadOptions = {}) {
  return applyDecorators(
    CONSISTENT_AFTER,
    ApiResponse({
      status: 200,
      type,
      isArray: options.isArray,
      description: options.description ?? '',
      ...(options.etag ? { headers: { ETag: ETAG } } : {}),
    }),
    ApiProblems(
      400,
      ...(options.public ? [] : ([401] as const)),
      ...(options.roles ? ([403] as const) : []),
      ...(options.notFound ? ([404] as const) : []),
      503,
    ),
  );
}

/** Any JSON value: a field's value before or after a change, whatever its type. */
export const ANY_JSON_VALUE = {
  anyOf: [
    { type: 'string', nullable: true },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'array', items: {} },
    { type: 'object', additionalProperties: true },
  ],
};

/**
 * An object of this class, or null. OpenAPI 3.0's `nullable` only widens a `type` in the same
 * schema, so a reference to a class can only be made nullable by offering null beside it.
 */
export function nullable(model: Type<unknown>): ApiPropertyOptions {
  return { oneOf: [{ $ref: getSchemaPath(model) }, { type: 'string', nullable: true, enum: [null] }] };
}

/** A JSON object whose fields depend on its kind (an event's data, an entity's state). */
export const FREE_FORM_OBJECT = { type: 'object', additionalProperties: true } as const;

/** An object counting each of these keys. */
export function countsOf(keys: readonly string[]): ApiPropertyOptions {
  return {
    type: 'object',
    properties: Object.fromEntries(keys.map((key) => [key, { type: 'integer' as const, minimum: 0 }])),
    required: [...keys],
    selfRequired: true,
  };
}
