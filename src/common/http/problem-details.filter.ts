import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { IdempotencyKeyReusedError } from '../../../libs/event-store/index.js';
import { DomainError, type DomainErrorKind, type FieldProblem } from '../domain/domain-error.js';
import { BODY_REFUSALS } from './request-body.js';

const STATUS: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  precondition: HttpStatus.PRECONDITION_FAILED,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The title of every problem, by status: the one table, for the API and the pages alike. */
const TITLES: Record<number, string> = {
  400: 'The request is malformed',
  401: 'Sign in required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict with the current state',
  412: 'Changed since you read it',
  413: 'Content too large',
  414: 'Address too long',
  415: 'Unsupported content type or encoding',
  422: 'Refused by a rule of the domain',
  429: 'Too many requests',
  431: 'Request headers too large',
  500: 'Something went wrong on our side',
  503: 'Not ready yet',
};

/** Routes are case-sensitive: `/API/V1/…` is no route, and is answered as the API answers. */
const API_PATH = /^\/api(\/|$)/i;

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code?: string;
  errors?: readonly FieldProblem[];
  [extension: string]: unknown;
}

/** Every error leaves as RFC 9457 problem+json, mapped here and nowhere else. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(error, request.originalUrl);
    if (problem.status >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="pledge-tracker"');
    if (problem.status === 503) response.setHeader('Retry-After', '1');
    if (!API_PATH.test(request.path) && request.accepts(['html', 'json']) === 'html') {
      // People at the pages get a page; the same title and detail as the API would give.
      response.status(problem.status).render('error.njk', { title: problem.title, detail: problem.detail });
      return;
    }
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(error: unknown, instance: string): ProblemDetails {
    if (error instanceof DomainError) {
      const status = STATUS[error.kind];
      return {
        ...this.base(status, error.message, instance),
        code: error.code,
        ...(error.fields.length ? { errors: error.fields } : {}),
        ...error.extra,
      };
    }
    if (error instanceof IdempotencyKeyReusedError) {
      return { ...this.base(422, error.message, instance), code: 'idempotency-key.reused' };
    }
    if (error instanceof HttpException && isBodyRefusal(error.cause)) {
      const status = error.getStatus();
      const refusal = BODY_REFUSALS[error.cause.type];
      if (refusal)
        return {
          ...this.base(status, refusal.detail, instance),
          code: refusal.code,
          ...(error.cause.field ? { errors: [{ field: error.cause.field, message: refusal.detail }] } : {}),
        };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const fields =
        typeof body === 'object' && body && 'errors' in body ? (body.errors as FieldProblem[]) : undefined;
      const detail =
        typeof body === 'object' && body && 'message' in body && typeof body.message === 'string'
          ? body.message
          : error.message;
      const code = typeof body === 'object' && body && 'code' in body ? String(body.code) : undefined;
      return {
        ...this.base(status, detail, instance),
        ...(code ? { code } : {}),
        ...(fields ? { errors: fields } : {}),
      };
    }
    return this.base(500, 'The server could not complete the request; it has been logged.', instance);
  }

  private base(status: number, detail: string, instance: string): ProblemDetails {
    return {
      type: `https://httpstatuses.io/${status}`,
      title: TITLES[status] ?? STATUS_CODES[status] ?? 'Error',
      status,
      detail,
      instance,
    };
  }
}

/** An error of the body parser (Express hands it on as the cause of an HttpException). */
function isBodyRefusal(cause: unknown): cause is { type: string; field?: string } {
  return (
    typeof cause === 'object' && cause !== null && typeof (cause as { type?: unknown }).type === 'string'
  );
}
