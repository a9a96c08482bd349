import {
  BadRequestException,
  Param,
  ParseUUIDPipe,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { FieldProblem } from '../domain/domain-error.js';

/** Unknown fields are refused, not silently dropped; every failing field is named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadRequestException({
        message: `The request has ${fields.length === 1 ? 'a problem' : `${fields.length} problems`}: ${fields.map((f) => f.message).join('; ')}`,
        code: 'request.invalid',
        errors: fields,
      });
    },
  });
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
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
      exceptionFactory: () =>
        new BadRequestException({
          message: `The request has a problem: ${name} must be a UUID`,
          code: 'request.invalid',
          errors: [{ field: name, message: `${name} must be a UUID` }],
        }),
    }),
  );
  return (target, method, index) => {
    param(target, method, index);
    const handler = Object.getOwnPropertyDescriptor(target, method!)!;
    ApiParam({ name, schema: { type: 'string', format: 'uuid' } })(target, method!, handler);
  };
}
