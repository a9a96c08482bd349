import { BadRequestException, type Type } from '@nestjs/common';
import { isIsoDate } from '../common/domain/dates.js';
import type { FieldProblem } from '../common/domain/domain-error.js';
import { textProblem } from '../common/http/input-rules.js';
import { createValidationPipe } from '../common/http/validation.js';

/** An entry of the GOV.UK error summary: the message, and a link to the field that needs it. */
export interface GovukError {
  text: string;
  href: string;
}

export type FormBody = Record<string, string | undefined>;

/**
 * A form post as a browser sends it: each field once, as text, held to the text rule. A field
 * sent twice or with brackets (`narrative[]=x`, `email[a]=x`) is parsed into an array or an
 * object; it is refused here, naming the field on the page (a date's, for its day, month or
 * year), before anything reads it as text.
 */
export function formProblems(body: unknown, dateFields: readonly string[] = []): FieldProblem[] {
  if (typeof body !== 'object' || body === null) return [];
  return Object.entries(body).flatMap(([name, value]) => {
    const field = dateFields.find((date) => /^(.+)-(day|month|year)$/.exec(name)?.[1] === date) ?? name;
    if (typeof value !== 'string') return [{ field, message: `Enter the ${words(field)} once, as text` }];
    const problem = textProblem(value);
    return problem ? [{ field, message: `The ${words(field)} ${problem}` }] : [];
  });
}

/**
 * A GOV.UK date input posts day, month and year separately. Answers the ISO date, undefined when
 * all three are empty, or a problem naming the field.
 */
export function readDate(
  body: FormBody,
  name: string,
  label: string,
): { value?: string; problem?: FieldProblem } {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => (body[`${name}-${part}`] ?? '').trim());
  if (!day && !month && !year) return {};
  if (!day || !month || !year) {
    const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean).join(' and ');
    return { problem: { field: name, message: `${label} must include a ${missing}` } };
  }
  const iso = `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || !isIsoDate(iso))
    return { problem: { field: name, message: `${label} must be a real date` } };
  return { value: iso };
}

export function dateParts(iso: string | undefined | null): { day: string; month: string; year: string } {
  if (!iso) return { day: '', month: '', year: '' };
  const [year, month, day] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** The effective date of a change, when the form gave one: the command takes today otherwise. */
export function givenEffectiveOn(dates: Record<string, string | undefined>): { effectiveOn?: string } {
  return dates.effectiveOn ? { effectiveOn: dates.effectiveOn } : {};
}

/** The values of a GOV.UK date input named `name` that shows `iso`, as a form starts with them. */
export function dateValues(name: string, iso: string): FormBody {
  const parts = dateParts(iso);
  return { [`${name}-day`]: parts.day, [`${name}-month`]: parts.month, [`${name}-year`]: parts.year };
}

/** The same validation the API applies to the same request DTO, answered as field problems. */
export async function validateAs<T extends object>(
  dto: Type<T>,
  value: object,
): Promise<{ request?: T; problems: FieldProblem[] }> {
  try {
    const request = (await createValidationPipe().transform(value, { type: 'body', metatype: dto })) as T;
    return { request, problems: [] };
  } catch (error) {
    if (error instanceof BadRequestException) {
      const body = error.getResponse() as { errors?: FieldProblem[] };
      return { problems: body.errors ?? [{ field: '', message: error.message }] };
    }
    throw error;
  }
}

/** Error summary entries, with links to the inputs (a date's link goes to its day). */
export function summaryOf(
  problems: readonly FieldProblem[],
  dateFields: readonly string[] = [],
  aliases: Record<string, string> = {},
  /** The fields in the order the page shows them: the summary follows it. */
  pageOrder: readonly string[] = [],
): {
  errors: GovukError[];
  byField: Record<string, { text: string }>;
} {
  const byField: Record<string, { text: string }> = {};
  const errors: GovukError[] = [];
  for (const problem of problems) {
    const field = aliases[problem.field] ?? problem.field;
    const text = humanise(problem.message);
    if (byField[field]) continue;
    byField[field] = { text };
    errors.push({ text, href: `#${dateFields.includes(field) ? `${field}-day` : field}` });
  }
  const rank = (error: GovukError) => {
    const index = pageOrder.indexOf(error.href.slice(1).replace(/-day$/, ''));
    return index === -1 ? pageOrder.length : index;
  };
  return { errors: errors.sort((a, b) => rank(a) - rank(b)), byField };
}

const PLAIN_WORDS: [RegExp, string][] = [
  [/^narrative must not be empty/, 'Enter what has happened'],
  [/^rag must be one of/, 'Select a RAG status'],
  [/^percentComplete must/, 'Percent complete must be a whole number from 0 to 100'],
  [/^reason must not be empty/, 'Enter a reason'],
  [/^summary must not be empty/, 'Enter what was delivered'],
];

const words = (field: string) =>
  field
    .replace(/Id$/, '')
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase();

/** class-validator speaks of properties; people read sentences. */
function humanise(message: string): string {
  const known = PLAIN_WORDS.find(([pattern]) => pattern.test(message))?.[1];
  const plain =
    known ??
    message
      .replace(/^(\w+) must not be empty$/, (_, field: string) => `Enter the ${words(field)}`)
      .replace(/^(\w+) must be a UUID$/, (_, field: string) => `Choose the ${words(field)}`);
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}
