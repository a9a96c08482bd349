import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Response } from 'express';
import { catchError, from, map, of, switchMap, type Observable } from 'rxjs';
import { IdempotencyKeyReusedError, type EventStore } from '../../../libs/event-store/index.js';
import type { CommandResult } from '../domain/actor.js';
import { EVENT_STORE, replayedResult } from '../persistence/aggregate-repository.js';
import { idempotencyKeyOf, requestHash, type AuthenticatedRequest } from './request-context.js';

/**
 * A command retried with the same Idempotency-Key answers what the first one answered, with
 * `Idempotent-Replayed: true`, and writes nothing. The first answer is looked up before the
 * command runs. Copies that arrive together all miss that look-up, so the race is closed behind
 * it: the event store answers a copy whose append meets the first one's, and a copy that the
 * domain refuses because it already sees the first one's change looks again before it fails.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.method === 'GET' || !request.actor) return next.handle();
    const key = idempotencyKeyOf(request);
    if (key === undefined) return next.handle();
    const actorId = request.actor.id;
    const response = context.switchToHttp().getResponse<Response>();
    const answer = (result: CommandResult | undefined) => {
      if (!result?.replayed) return result;
      response.setHeader('Idempotent-Replayed', 'true');
      const { replayed: _, ...first } = result;
      return first;
    };
    const earlier = async () => {
      const found = await this.store.findIdempotentResult(actorId, key);
      if (found && found.requestHash !== requestHash(request)) throw new IdempotencyKeyReusedError(key);
      return found && replayedResult(found);
    };
    return from(earlier()).pipe(
      switchMap((replay) =>
        replay
          ? of(answer(replay))
          : next.handle().pipe(
              map((result) => answer(result as CommandResult | undefined)),
              catchError((error: unknown) =>
                from(earlier()).pipe(
                  map((late) => {
                    if (!late) throw error;
                    return answer(late);
                  }),
                ),
              ),
            ),
      ),
    );
  }
}
