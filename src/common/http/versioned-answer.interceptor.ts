import {
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { tap, type Observable } from 'rxjs';
import { etag } from './request-context.js';

const LOCATION = 'http:location';
const ETAG_FROM = 'http:etag-from';

/** The answer creates something found at this path; `:id` is replaced by the answer's id. */
export const CreatedAt = (path: string) => SetMetadata(LOCATION, path);

/** The answer's version is not its own `version` but the one at this path: `strategy.version`. */
export const ETagFrom = (path: string) => SetMetadata(ETAG_FROM, path);

/**
 * Any answer that carries an aggregate's `version` (a command's result, or a read of one aggregate)
 * goes out with that version as its ETag, for the client's next If-Match; a read that answers with
 * more than the aggregate says where its version is (ETagFrom).
 */
@Injectable()
export class VersionedAnswerInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const location = this.reflector.get<string | undefined>(LOCATION, context.getHandler());
    const versionAt = this.reflector.get<string | undefined>(ETAG_FROM, context.getHandler()) ?? 'version';
    return next.handle().pipe(
      tap((answer) => {
        const response = context.switchToHttp().getResponse<Response>();
        const version = valueAt(answer, versionAt);
        if (version !== undefined) response.setHeader('ETag', etag(version));
        if (location && answer && typeof answer === 'object' && 'id' in answer) {
          response.setHeader('Location', location.replace(':id', String(answer.id)));
        }
      }),
    );
  }
}

function valueAt(answer: unknown, path: string): number | undefined {
  let value = answer;
  for (const key of path.split('.'))
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'number' ? value : undefined;
}
