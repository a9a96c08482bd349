import type { Position } from './position.js';

export type ActorRole = 'admin' | 'officer' | 'scrutiny' | 'auditor' | 'system';
export type Client = 'ui' | 'api' | 'cli' | 'import' | 'seed' | 'test';

/** Who asked for a change and in answer to what: recorded with every event. */
export interface EventMetadata {
  readonly actorId: string;
  readonly actorRole: ActorRole;
  readonly correlationId: string;
  readonly causationId: string;
  readonly commandId: string;
  readonly client: Client;
  readonly reason?: string;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  /** The shape of `data`; by default the type's current version (see Upcasters). */
  readonly schemaVersion?: number;
  /** Identity of the event; a UUIDv7 is made when absent. */
  readonly eventId?: string;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> extends Position {
  readonly eventId: string;
  readonly streamId: string;
  /** The type of its stream, as the append named it: what projections subscribe by, never the id. */
  readonly streamType: string;
  readonly streamVersion: number;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
  /** When the store learnt of it, from the database clock. */
  readonly recordedAt: Date;
  /** When it happened in the world, from the command. */
  readonly effectiveAt: Date;
}

export interface IdempotencyClaim {
  readonly actorId: string;
  readonly key: string;
  /** A digest of the request, so that a key reused for a different request is refused. */
  readonly requestHash: string;
  /** The id the command answers with, when not its stream's own: a replay answers with it too. */
  readonly answerId?: string;
}

/** Another stream that must still be at the version a decision read, for an append to happen. */
export interface StreamCondition {
  readonly streamId: string;
  /** At least 1: the stream existed when it was read (a stream that must not exist is not a condition). */
  readonly expectedVersion: number;
}

export interface AppendOptions {
  /** The stream's type: fixed when the stream is made, and every later append must name the same. */
  readonly streamType: string;
  readonly metadata: EventMetadata;
  /** Business time of the change; defaults to now. */
  readonly effectiveAt?: Date;
  readonly idempotency?: IdempotencyClaim;
  /**
   * Streams the decision read besides the one it appends to, each with the version it read: for a
   * rule that spans streams (a closed strategy freezes its actions). See EventStore.append.
   */
  readonly streamConditions?: readonly StreamCondition[];
}

export interface AppendResult {
  readonly streamId: string;
  readonly streamType: string;
  /** The stream's version after the append: pass it as the next expected version. */
  readonly version: number;
  /** The position of the last event written. */
  readonly position: Position;
  /** True when the idempotency key had already been used and nothing new was written. */
  readonly replayed: boolean;
  /** On a replay: the answer id the first command kept with its key, if it kept one. */
  readonly answerId?: string;
}

export interface ReadAllOptions {
  readonly after: Position;
  readonly limit: number;
  /** Only events recorded at or before this moment ("as known at"). */
  readonly recordedUpTo?: Date;
  /** Only events of streams of these types (a projection's); of every type when absent. */
  readonly streamTypes?: readonly string[];
}

/** A page of readAll, and how far it looked. */
export interface EventPage {
  readonly events: RecordedEvent[];
  /**
   * The position up to which every event readAll could see was looked at, in the same snapshot as
   * the events: the last event when the page is full, otherwise the last event visible of any type.
   * A reader that filters moves its checkpoint here, past the events it does not handle, so a long
   * run of other types never holds it back. Never before `after`.
   */
  readonly scannedUpTo: Position;
}

export interface EventStore {
  /**
   * Appends events to one stream if its version is still `expectedVersion` (0 for a stream that
   * must not exist yet). Throws WrongExpectedVersionError otherwise.
   *
   * With `streamConditions`, the append also happens only if each of those streams is still at its
   * expected version, checked atomically with the append: no append to a condition's stream can
   * commit between the check and the append's own commit, and in the commit order of `readAll`
   * an accepted conditional append comes before any later change to a condition's stream. If one
   * has moved, nothing is written and StreamConditionFailedError names every stream that moved
   * (WrongExpectedVersionError takes precedence when the appended stream itself moved). Read the
   * state again and decide again: a condition is a version, not a rule, so a change that does not
   * affect the decision fails it too.
   *
   * A KurrentDB adapter sends the conditions as the consistency checks of an AppendRecords request
   * (a StreamRevisionCheck per stream, revision = expectedVersion - 1), which may name streams the
   * request does not write. Conditions must not form a cycle between appends that run at the same
   * time (A's append conditioned on B while B's is conditioned on A): PostgreSQL would abort one of
   * them as a deadlock.
   */
  append(
    streamId: string,
    expectedVersion: number,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult>;
  readStream(
    streamId: string,
    options?: { upToPosition?: Position; recordedUpTo?: Date },
  ): Promise<RecordedEvent[]>;
  /** Committed events after a position, in commit order; never skips one still being committed. */
  readAll(options: ReadAllOptions): Promise<EventPage>;
  /** The position of the last event that readAll can see now. */
  headPosition(): Promise<Position>;
  /** Whether a committed event is at this position: a position a command answered always is. */
  hasEventAt(position: Position): Promise<boolean>;
  findIdempotentResult(
    actorId: string,
    key: string,
  ): Promise<(AppendResult & { requestHash: string }) | undefined>;
  /** Registers a callback for appends made through this store or, where supported, elsewhere. */
  onAppended(listener: () => void): () => void;
  close(): Promise<void>;
}
