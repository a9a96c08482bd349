import {
  BadRequestException,
  Injectable,
  ServiceUnavailableException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import { from, switchMap, type Observable } from 'rxjs';
import { parsePosition } from '../../../libs/event-store/index.js';
import { ProjectionRunner } from '../../../libs/projections/index.js';

export const CONSISTENCY_HEADER = 'x-consistent-after';
const BOUND_MS = 5000;

/**
 * Read-your-writes: a query sent with the position a command answered waits, at most five
 * seconds, until every projection has applied it; past that it is refused with 503, never
 * answered with a read model that does not yet show the write.
 */
@Injectable()
export class ConsistencyInterceptor implements NestInterceptor {
  constructor(private readonly runner: ProjectionRunner) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const token = request.header(CONSISTENCY_HEADER);
    if (request.method !== 'GET' || !token) return next.handle();
    const position = parsePosition(token);
    if (!position)
      throw new BadRequestException({
        message: `${CONSISTENCY_HEADER} must be a position returned by a command, such as "812.1045"`,
        code: 'position.invalid',
      });
    return from(this.runner.waitFor(position, BOUND_MS)).pipe(
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
}
