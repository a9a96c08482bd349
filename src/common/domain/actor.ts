import type { Client } from '../../../libs/event-store/index.js';

export const ROLES = ['admin', 'officer', 'scrutiny', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** The person (or the system) a command acts for. */
export interface Actor {
  readonly id: string;
  readonly role: Role | 'system';
  readonly name: string;
}

/** Everything about a command that is not its business payload: recorded as event metadata. */
export interface CommandContext {
  readonly actor: Actor;
  readonly commandId: string;
  readonly correlationId: string;
  readonly client: Client;
  /** The version the client last read (If-Match); a different current version is refused with 412. */
  readonly ifMatch?: number;
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
}

export interface CommandResult {
  readonly id: string;
  readonly version: number;
  /** Pass back as `X-Consistent-After` (or `?after=`) to read this write. */
  readonly position: string;
  /** The command was answered before (same Idempotency-Key): nothing new was written. */
  readonly replayed?: true;
}
