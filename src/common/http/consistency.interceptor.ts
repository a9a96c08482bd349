import {
  BadRequestException,
  Inject,
  Injectable,
  ServiceUnavailableException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import { from, switchMap, type Observable } from 'rxjs';
import { parsePosition, type EventStore } from '../../../libs/event-store/index.js';
import { ProjectionRunner } from '../../../libs/projections/index.js';
import { EVENT_STORE } from '../persistence/aggregate-repository.js';

export const CONSISTENCY_HEADER = 'x-consistent-after';
const BOUND_MS = 5000;

/**
 * Read-your-writes: a query sent with the position a command answered waits, at most five
 * seconds, until every projection has applied it; past that it is refused with 503, never
 * answered with a read model that does not yet show the write.
 */
@Injectable()
export class ConsistencyInterceptor implements NestInterceptor {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const token = request.header(CONSISTENCY_HEADER);
    if (request.method !== 'GET' || !token) return next.handle();
    return from(this.caughtUpWith(token)).pipe(
      switchMap((caughtUp) => {
        if (!caughtUp)
          throw new ServiceUnavailableException({
            message: 'The read models have not caught up with that write yet; try again shortly',
            code: 'projections.behind',
          });
        return next.handle();
      }),
    );
  }

  /**
   * A position that names no write is refused at once: waiting for the projections to reach it
   * would end, five seconds later, in a 503 that says they are behind when they are not.
   */
  private async caughtUpWith(token: string): Promise<boolean> {
    const position = parsePosition(token);
    if (!position || !(await this.store.hasEventAt(position))) {
      const message = `${CONSISTENCY_HEADER} must be a position a command answered, such as "812.1045"`;
      throw new BadRequestException({
        message,
        code: 'position.invalid',
        errors: [{ field: 'X-Consistent-After', message }],
      });
    }
    return this.runner.waitFor(position, BOUND_MS);
  }
}
