import { Inject, Injectable } from '@nestjs/common';
import {
  formatPosition,
  idInStream,
  StreamConditionFailedError,
  WrongExpectedVersionError,
  type AppendResult,
  type EventStore,
} from '../../../libs/event-store/index.js';
import type { CommandContext, CommandResult } from '../domain/actor.js';
import { startOfCouncilDay } from '../domain/dates.js';
import { DomainError, notFound } from '../domain/domain-error.js';
import type { DomainEvent, EventSourcedAggregate } from '../domain/event-sourced-aggregate.js';

export const EVENT_STORE = Symbol('EventStore');

/**
 * The answer to a command retried with an Idempotency-Key that was used before: the first
 * answer, marked replayed. It names what the first one kept as its answer, or else its stream's
 * entity.
 */
export function replayedResult(
  earlier: Pick<AppendResult, 'streamId' | 'streamType' | 'version' | 'position' | 'answerId'>,
): CommandResult {
  return {
    id: earlier.answerId ?? idInStream(earlier),
    version: earlier.version,
    position: formatPosition(earlier.position),
    replayed: true,
  };
}

/** An aggregate the decision read (besides the one it changes) moved before the change was appended. */
class ReadAggregateMovedError extends DomainError {}

@Injectable()
export class AggregateRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Loads whatever the stream holds (nothing, for a new aggregate). */
  async load<A extends EventSourcedAggregate>(aggregate: A): Promise<A> {
    const history = await this.store.readStream(aggregate.streamId);
    return aggregate.rehydrate(history as unknown as DomainEvent[]);
  }

  /** Loads an aggregate that must exist. */
  async loadExisting<A extends EventSourcedAggregate>(aggregate: A, what: string): Promise<A> {
    await this.load(aggregate);
    if (!aggregate.exists) notFound(what, aggregate.id);
    return aggregate;
  }

  /** Refuses a client whose If-Match names a version other than the one just loaded. */
  assertIfMatch(aggregate: EventSourcedAggregate, what: string, context: CommandContext): void {
    if (context.ifMatch !== undefined && context.ifMatch !== aggregate.version) {
      throw new DomainError(
        'version.precondition-failed',
        `This ${what} has changed since you read it: you read version ${context.ifMatch}, it is now at version ${aggregate.version}`,
        'precondition',
        [],
        { currentVersion: aggregate.version },
      );
    }
  }

  /**
   * Runs a decision that read other aggregates than the one it changes (and saves with them as
   * `readFrom`), and runs it once more, on fresh state, if one of those moved before the append:
   * a strategy that merely gained a theme then changes nothing, and one that closed is refused by
   * its rule, not answered with a conflict. The second run checks If-Match again.
   */
  async decideAgainIfReadMoved(decide: () => Promise<CommandResult>): Promise<CommandResult> {
    try {
      return await decide();
    } catch (error) {
      if (!(error instanceof ReadAggregateMovedError)) throw error;
      return decide();
    }
  }

  /**
   * Appends the aggregate's new events at the version it was loaded at, if every aggregate in
   * `readFrom` (what the decision read besides it) is still at the version it was loaded at. The
   * answer names the aggregate, or `answerId` when the command made something inside it (a theme,
   * a milestone).
   */
  async save(
    aggregate: EventSourcedAggregate,
    context: CommandContext,
    options: { reason?: string; answerId?: string; readFrom?: readonly EventSourcedAggregate[] } = {},
  ): Promise<CommandResult> {
    const events = aggregate.getUncommittedEvents();
    const readFrom = options.readFrom ?? [];
    try {
      const result = await this.store.append(aggregate.streamId, aggregate.version, events, {
        streamType: aggregate.streamType,
        // The day the events name is their business time: effective_at is its start in the
        // council, so the stored time and the event's own date can never disagree.
        effectiveAt: startOfCouncilDay(aggregate.pendingEffectiveOn),
        idempotency: context.idempotency && {
          actorId: context.actor.id,
          ...context.idempotency,
          answerId: options.answerId,
        },
        metadata: {
          actorId: context.actor.id,
          actorRole: context.actor.role,
          correlationId: context.correlationId,
          causationId: context.commandId,
          commandId: context.commandId,
          client: context.client,
          ...(options.reason ? { reason: options.reason } : {}),
        },
        streamConditions: readFrom.map((read) => ({
          streamId: read.streamId,
          expectedVersion: read.version,
        })),
      });
      // A copy of a command that was already answered (same Idempotency-Key) wrote nothing: it
      // answers what the first one did, which may have created another aggregate.
      if (result.replayed) return replayedResult(result);
      aggregate.markSaved(result.version);
      return {
        id: options.answerId ?? aggregate.id,
        version: result.version,
        position: formatPosition(result.position),
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new DomainError(
          aggregate.version === 0 ? 'stream.already-exists' : 'version.conflict',
          aggregate.version === 0
            ? `A ${aggregate.streamType} with this identity already exists`
            : `Someone else changed this ${aggregate.streamType} while your change was being made; read it again and retry`,
          'conflict',
          [],
          { currentVersion: error.actualVersion },
        );
      }
      if (error instanceof StreamConditionFailedError) {
        const moved = readFrom.find((read) => read.streamId === error.failed[0].streamId)?.streamType;
        throw new ReadAggregateMovedError(
          'version.conflict',
          `The ${moved} this ${aggregate.streamType} belongs to changed while your change was being made; read it again and retry`,
          'conflict',
          [],
          { currentVersion: aggregate.version },
        );
      }
      throw error;
    }
  }
}
