import {
  BadRequestException,
  Param,
  ParseUUIDPipe,
  ValidationPipe,
  type ArgumentMetadata,
  type PipeTransform,
  type ValidationError,
} from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { FieldProblem } from '../domain/domain-error.js';
import { BIGINT_MAX, parseWholeNumber, wholeNumberRule } from './formats.js';
import { fieldPath, inputProblems } from './input-rules.js';

/** The 400 every malformed request gets: each failing field named, and why. */
export function invalidRequest(fields: readonly FieldProblem[]): BadRequestException {
  return new BadRequestException({
    message: `The request has ${fields.length === 1 ? 'a problem' : `${fields.length} problems`}: ${fields.map((f) => f.message).join('; ')}`,
    code: 'request.invalid',
    errors: fields,
  });
}

/**
 * Before a request DTO is built, its raw body or query is held to the text rule, and keys that
 * the pipe would otherwise strip silently (`__proto__`, `constructor`) are refused like any
 * other unknown field.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (this.toValidate(metadata)) {
      const problems = inputProblems(value);
      if (problems.length) throw invalidRequest(problems);
    }
    return super.transform(value, metadata);
  }
}

/** Unknown fields are refused, not silently dropped; every failing field is named. */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => invalidRequest(flatten(errors)),
  });
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = fieldPath(prefix, error.property);
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * A path parameter that must be a UUID, refused like any other field: code and field named. The
 * OpenAPI document says so too.
 */
export function UuidParam(name: string): ParameterDecorator {
  const param = Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => invalidRequest([{ field: name, message: `${name} must be a UUID` }]),
    }),
  );
  return (target, method, index) => {
    param(target, method, index);
    const handler = Object.getOwnPropertyDescriptor(target, method!)!;
    ApiParam({ name, schema: { type: 'string', format: 'uuid' } })(target, method!, handler);
  };
}

/** A path parameter that is a whole number PostgreSQL can hold, read exactly as a bigint. */
export function WholeNumberParam(name: string, min: bigint): ParameterDecorator {
  const pipe: PipeTransform<unknown, bigint> = {
    transform: (value) => {
      const number = parseWholeNumber(value);
      if (number === undefined || number < min) {
        throw invalidRequest([{ field: name, message: `${name} ${wholeNumberRule(min, BIGINT_MAX)}` }]);
      }
      return number;
    },
  };
  return Param(name, pipe);
}
