import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { v7 as uuidv7 } from 'uuid';
import type { Client } from '../../../libs/event-store/index.js';
import type { Actor, CommandContext } from '../domain/actor.js';
import { invalidRequest } from './validation.js';

export interface AuthenticatedRequest extends Request {
  actor?: Actor;
  client?: Client;
}

/** `"3"`, `W/"3"` or `3`: the version a client read, as given back in the ETag. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '' || header === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!match)
    throw new BadRequestException({
      message: 'If-Match must be the ETag you read, such as "3"',
      code: 'if-match.invalid',
    });
  return Number(match[1]);
}

export function etag(version: number): string {
  return `"${version}"`;
}

/** Visible ASCII, as a UUID or any client's own scheme would be; long enough for both. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const KEY_RULE = 'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)';

/** The request's Idempotency-Key, if it sent one; a key that could not be kept is refused. */
export function idempotencyKeyOf(request: Request): string | undefined {
  const key = request.header('idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
    throw invalidRequest([{ field: 'Idempotency-Key', message: KEY_RULE }]);
  return key;
}

export function commandContextFrom(request: AuthenticatedRequest): CommandContext {
  if (!request.actor) throw new Error('No actor on the request: is the route public?');
  const key = idempotencyKeyOf(request);
  const correlation = request.header('x-correlation-id');
  const commandId = uuidv7();
  return {
    actor: request.actor,
    commandId,
    correlationId: correlation && /^[\w.:-]{1,100}$/.test(correlation) ? correlation : commandId,
    client: request.client ?? 'api',
    ifMatch: parseIfMatch(request.header('if-match')),
    ...(key ? { idempotency: { key, requestHash: requestHash(request) } } : {}),
  };
}

/** The same key sent with a different request is refused, so the hash covers what was asked. */
export function requestHash(request: Request): string {
  return createHash('sha256')
    .update(
      `${request.method} ${request.path}\n${request.header('if-match') ?? ''}\n${JSON.stringify(request.body ?? {})}`,
    )
    .digest('hex');
}

/** The command context of this request: actor, If-Match, Idempotency-Key and correlation id. */
export const Context = createParamDecorator((_: unknown, host: ExecutionContext) =>
  commandContextFrom(host.switchToHttp().getRequest<AuthenticatedRequest>()),
);

export const CurrentActor = createParamDecorator(
  (_: unknown, host: ExecutionContext) => host.switchToHttp().getRequest<AuthenticatedRequest>().actor,
);
