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

/** The answer creates something found at this path; `:id` is replaced by the answer's id. */
export const CreatedAt = (path: string) => SetMetadata(LOCATION, path);

/**
 * Any answer that carries an aggregate's `version` (a command's result, or a read of one aggregate)
 * goes out with that version as its ETag, for the client's next If-Match.
 */
@Injectable()
export class VersionedAnswerInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const location = this.reflector.get<string | undefined>(LOCATION, context.getHandler());
    return next.handle().pipe(
      tap((answer) => {
        const response = context.switchToHttp().getResponse<Response>();
        const version = versionOf(answer);
        if (version !== undefined) response.setHeader('ETag', etag(version));
        if (location && answer && typeof answer === 'object' && 'id' in answer) {
          response.setHeader('Location', location.replace(':id', String(answer.id)));
        }
      }),
    );
  }
}

function versionOf(answer: unknown): number | undefined {
  if (!answer || typeof answer !== 'object') return undefined;
  const holder =
    'strategy' in answer && answer.strategy && typeof answer.strategy === 'object' ? answer.strategy : answer;
  return 'version' in holder && typeof holder.version === 'number' ? holder.version : undefined;
}
