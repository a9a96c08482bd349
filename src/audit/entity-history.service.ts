import { Inject, Injectable } from '@nestjs/common';
import {
  formatPosition,
  isWithinCut,
  streamIdFor,
  type EventStore,
  type RecordedEvent,
  type TimeCut,
} from '../../libs/event-store/index.js';
import type { EntityKind, EntityState as State } from '../common/contexts/bounded-context.js';
import { absenceAt } from '../common/domain/absence.js';
import { dateInCouncil } from '../common/domain/dates.js';
import { DomainError } from '../common/domain/domain-error.js';
import { EVENT_STORE } from '../common/persistence/aggregate-repository.js';
import { UsersService } from '../identity/users.service.js';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface HistoryEntry {
  version: number;
  eventId: string;
  type: string;
  position: string;
  actor: { id: string; name: string; role: string };
  client: string;
  reason: string | null;
  correlationId: string;
  recordedAt: string;
  effectiveAt: string;
  /**
   * What it changed on the day it took effect: the entity as effective that day, just before and
   * just after it was recorded. For a change recorded in effective order, also what it changed now;
   * for a report filed late about an earlier day, what it added to that day.
   */
  changes: FieldChange[];
}

export interface EntityHistory {
  kind: string;
  id: string;
  streamId: string;
  version: number;
  state: State | null;
  events: HistoryEntry[];
}

export interface EntityStateAt {
  kind: string;
  id: string;
  cut: { knownAt: string | null; knownAtPosition: string | null; effectiveAt: string | null };
  /** The stream version of the last event the state includes (0: none). */
  version: number;
  eventsIncluded: number;
  /** Events recorded so far that the cut leaves out: later learnt, or later in effect. */
  eventsLeftOut: number;
  /** False when the cut is before the entity's first event: `state` is then null and `explanation` says why. */
  existed: boolean;
  /** The day its first event took effect, in the council: "as effective at" an earlier day, it did not exist yet. */
  inEffectFrom: string;
  firstRecordedAt: string;
  explanation: string | null;
  state: State | null;
}

/** Bookkeeping columns of a read-model row, not part of the entity's state. */
const NOT_STATE = new Set(['version', 'updated_at']);

/**
 * Any entity's history from its own stream: every event with who, why and when (both times), and
 * what it changed, field by field; and its state replayed to a cut on either axis of time. The
 * entity kinds, their streams and their folds are the contexts' (ContextRegistry).
 */
@Injectable()
export class EntityHistoryService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly users: UsersService,
  ) {}

  async history(entity: EntityKind, id: string): Promise<EntityHistory> {
    const { streamId, events } = await this.stream(entity, id);
    const names = await this.users.namesById(events.map((event) => event.metadata.actorId));
    const entries = events.map((event, index) => {
      const before = replay(
        entity,
        events.slice(0, index).filter((earlier) => earlier.effectiveAt <= event.effectiveAt),
      );
      const after = fold(entity, before, event);
      return {
        version: event.streamVersion,
        eventId: event.eventId,
        type: event.type,
        position: formatPosition(event),
        actor: {
          id: event.metadata.actorId,
          name: names.get(event.metadata.actorId) ?? event.metadata.actorId,
          role: event.metadata.actorRole,
        },
        client: event.metadata.client,
        reason: event.metadata.reason ?? null,
        correlationId: event.metadata.correlationId,
        recordedAt: event.recordedAt.toISOString(),
        effectiveAt: event.effectiveAt.toISOString(),
        changes: diff(before, after),
      };
    });
    const state = replay(entity, events);
    return {
      kind: entity.kind,
      id,
      streamId,
      version: events.length,
      state: state ? present(state) : null,
      events: entries,
    };
  }

  async stateAt(entity: EntityKind, id: string, cut: TimeCut): Promise<EntityStateAt> {
    const { events } = await this.stream(entity, id);
    const included = events.filter((event) => isWithinCut(event, cut));
    const state = replay(entity, included);
    const absence = absenceAt(labelOf(entity), events[0], cut, entity.kind);
    return {
      kind: entity.kind,
      id,
      cut: {
        knownAt: cut.knownAt?.toISOString() ?? null,
        knownAtPosition: cut.knownAtPosition ? formatPosition(cut.knownAtPosition) : null,
        effectiveAt: cut.effectiveAt?.toISOString() ?? null,
      },
      version: included.at(-1)?.streamVersion ?? 0,
      eventsIncluded: included.length,
      eventsLeftOut: events.length - included.length,
      existed: !absence,
      inEffectFrom: dateInCouncil(events[0].effectiveAt),
      firstRecordedAt: events[0].recordedAt.toISOString(),
      explanation: absence?.explanation ?? null,
      state: state ? present(state) : null,
    };
  }

  private async stream(entity: EntityKind, id: string) {
    const streamId = streamIdFor(entity.streamType, id);
    const events = await this.store.readStream(streamId);
    if (events.length === 0)
      throw new DomainError(
        `${entity.kind}.not-found`,
        `No ${labelOf(entity)} has the id ${id}`,
        'not-found',
      );
    return { streamId, events };
  }
}

/** How an entity kind is named in sentences. */
export const labelOf = (entity: EntityKind) => entity.label ?? entity.kind.replaceAll('-', ' ');

function replay(entity: EntityKind, events: readonly RecordedEvent[]): State | undefined {
  return events.reduce<State | undefined>((row, event) => fold(entity, row, event), undefined);
}

function fold(entity: EntityKind, state: State | undefined, event: RecordedEvent): State | undefined {
  return entity.fold(state, event) ?? state;
}

/** The fields whose values differ, in the order the entity lists them; a new entity lists them all. */
export function diff(before: State | undefined, after: State | undefined): FieldChange[] {
  const fields = new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (NOT_STATE.has(field)) continue;
    const was = before?.[field] ?? null;
    const is = after?.[field] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(is))
      changes.push({ field: camel(field), before: was, after: is });
  }
  return changes;
}

function present(state: State): State {
  return Object.fromEntries(
    Object.entries(state)
      .filter(([field]) => !NOT_STATE.has(field))
      .map(([field, value]) => [camel(field), value]),
  );
}

const camel = (field: string) => field.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
