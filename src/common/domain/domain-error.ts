/** What kind of refusal an error is; the HTTP layer maps each kind to one status, in one place. */
export type DomainErrorKind = 'rule' | 'not-found' | 'forbidden' | 'conflict' | 'precondition' | 'invalid';

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    /** Stable, for clients to branch on: `action.closed`, `action.rag-justification-required`, ... */
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'rule',
    readonly fields: readonly FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A rule of the domain refused the change. */
export function refuse(code: string, message: string, field?: string): never {
  throw new DomainError(code, message, 'rule', field ? [{ field, message }] : []);
}

export function notFound(what: string, id: string): never {
  throw new DomainError(`${what}.not-found`, `No ${what} has the id ${id}`, 'not-found');
}

export function forbidden(code: string, message: string): never {
  throw new DomainError(code, message, 'forbidden');
}
