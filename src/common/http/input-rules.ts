import type { FieldProblem } from '../domain/domain-error.js';
import { MAX_NESTING } from './request-body.js';

// With the u flag a surrogate pair is one code point, so only a surrogate without its partner matches.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The one rule for all text that arrives: PostgreSQL cannot store NUL in text or jsonb, and a
 * UTF-16 surrogate without its partner is no character at all (jsonb refuses it, and so does
 * encodeURIComponent). Answers why the text is refused, or undefined.
 */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain a lone UTF-16 surrogate (U+D800 to U+DFFF)';
  return undefined;
}

/**
 * Keys that the validation pipe strips without a word (they could reach an object's prototype);
 * refused instead, in the words class-validator uses for any other unknown field.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** `evidence[0].url`: the field names of the problems this API answers. */
export function fieldPath(prefix: string, property: string): string {
  if (/^\d+$/.test(property)) return `${prefix}[${property}]`;
  return prefix ? `${prefix}.${property}` : property;
}

/**
 * Every string in a parsed request (body or query) that breaks the text rule, and every key that
 * would touch a prototype, each with the field it was found in.
 */
export function inputProblems(value: unknown, path = '', depth = 0): FieldProblem[] {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [{ field: path, message: `${path || 'The body'} ${problem}` }] : [];
  }
  if (typeof value !== 'object' || value === null || depth > MAX_NESTING) return [];
  return Object.keys(value).flatMap((key) => {
    const field = fieldPath(path, key);
    if (PROTOTYPE_KEYS.has(key)) return [{ field, message: `property ${field} should not exist` }];
    return inputProblems((value as Record<string, unknown>)[key], field, depth + 1);
  });
}
