import { Injectable, type Type } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { parsePosition } from '../../libs/event-store/index.js';
import { ProjectionRunner } from '../../libs/projections/index.js';
import type { CommandResult } from '../common/domain/actor.js';
import { DomainError, type FieldProblem } from '../common/domain/domain-error.js';
import { parseWholeNumber } from '../common/http/formats.js';
import { formProblems, readDate, validateAs, type FormBody } from './forms.js';

export interface FormOutcome {
  result?: CommandResult;
  problems: FieldProblem[];
  /** Someone else changed the thing since the form was opened (409 or 412). */
  stale: boolean;
  /** What the page answers: 303 on to the change, 400 a post no form sends, 409 stale, 422 refused. */
  status: 303 | 400 | 409 | 422;
}

/**
 * A form post becomes a command the same way everywhere: read the date inputs, validate with the
 * API's request DTO, run the command, and wait until the projections show it, so that the page
 * the person is sent to already has their change. Refusals come back as field problems.
 */
@Injectable()
export class FormRunner {
  constructor(
    private readonly commands: CommandBus,
    private readonly runner: ProjectionRunner,
  ) {}

  async run<T extends object>(options: {
    body: FormBody;
    dates?: Record<string, string>;
    dto: Type<T>;
    request: (dates: Record<string, string | undefined>) => object;
    command: (request: T) => object;
    /** Where a refusal with no field of its own is shown. */
    fallbackField: string;
  }): Promise<FormOutcome> {
    const malformed = formProblems(options.body, Object.keys(options.dates ?? {}));
    if (malformed.length) return { problems: malformed, stale: false, status: 400 };
    const dates: Record<string, string | undefined> = {};
    const problems: FieldProblem[] = [];
    for (const [field, label] of Object.entries(options.dates ?? {})) {
      const { value, problem } = readDate(options.body, field, label);
      dates[field] = value;
      if (problem) problems.push(problem);
    }
    const { request, problems: invalid } = await validateAs(options.dto, options.request(dates));
    // A date's own problem comes first and is the one shown; an empty date is asked for by its label.
    for (const problem of invalid) {
      const label = options.dates?.[problem.field];
      const empty = label !== undefined && dates[problem.field] === undefined;
      problems.push(
        empty
          ? { field: problem.field, message: `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}` }
          : problem,
      );
    }
    if (problems.length || !request) return { problems, stale: false, status: 422 };
    try {
      const result: CommandResult = await this.commands.execute(options.command(request) as never);
      await this.runner.waitFor(parsePosition(result.position)!, 5000);
      return { result, problems: [], stale: false, status: 303 };
    } catch (error) {
      if (!(error instanceof DomainError) || ['forbidden', 'not-found'].includes(error.kind)) throw error;
      const stale =
        error.kind === 'precondition' || (error.kind === 'conflict' && error.code.startsWith('version.'));
      const fields = error.fields.length
        ? error.fields
        : [{ field: options.fallbackField, message: error.message }];
      return { problems: stale ? [] : [...fields], stale, status: stale ? 409 : 422 };
    }
  }
}

/** The form's hidden version: its If-Match. */
export function versionFrom(body: FormBody): number | undefined {
  const version = parseWholeNumber(body.version, BigInt(Number.MAX_SAFE_INTEGER));
  return version === undefined ? undefined : Number(version);
}
