import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Response } from 'express';
import { from, of, switchMap, type Observable } from 'rxjs';
import {
  formatPosition,
  IdempotencyKeyReusedError,
  type EventStore,
} from '../../../libs/event-store/index.js';
import type { CommandResult } from '../domain/actor.js';
import { EVENT_STORE } from '../persistence/aggregate-repository.js';
import { idempotencyKeyOf, requestHash, type AuthenticatedRequest } from './request-context.js';

/**
 * A command retried with the same Idempotency-Key answers what the first one answered and writes
 * nothing. This looks up the first answer before the command runs; the event store closes the
 * race between two copies arriving together.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.method === 'GET' || !request.actor) return next.handle();
    const key = idempotencyKeyOf(request);
    if (key === undefined) return next.handle();
    return from(this.store.findIdempotentResult(request.actor.id, key)).pipe(
      switchMap((earlier) => {
        if (!earlier) return next.handle();
        if (earlier.requestHash !== requestHash(request)) throw new IdempotencyKeyReusedError(key);
        const response = context.switchToHttp().getResponse<Response>();
        response.setHeader('Idempotent-Replayed', 'true');
        const result: CommandResult = {
          id: earlier.answerId ?? earlier.streamId.slice(earlier.streamId.indexOf('-') + 1),
          version: earlier.version,
          position: formatPosition(earlier.position),
        };
        return of(result);
      }),
    );
  }
}
