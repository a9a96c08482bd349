import { Inject, Injectable } from '@nestjs/common';
import {
  isWithinCut,
  type EventStore,
  type RecordedEvent,
  type TimeCut,
} from '../../libs/event-store/index.js';
import { formatPosition } from '../../libs/event-store/index.js';
import { DomainError } from '../common/domain/domain-error.js';
import { EVENT_STORE } from '../common/persistence/aggregate-repository.js';
import { UsersService } from '../identity/users.service.js';
import { ENTITY_STATE_FOLDS } from '../strategy/projections/strategy-tree.projection.js';
import { dateInCouncil } from '../common/domain/dates.js';
import { absenceAt } from '../common/domain/absence.js';

export const ENTITY_KINDS = Object.keys(ENTITY_STATE_FOLDS) as EntityKind[];
export type EntityKind = keyof typeof ENTITY_STATE_FOLDS;
type State = Record<string, unknown>;

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
  kind: EntityKind;
  id: string;
  streamId: string;
  version: number;
  state: State | null;
  events: HistoryEntry[];
}

export interface EntityStateAt {
  kind: EntityKind;
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
 * what it changed, field by field; and its state replayed to a cut on either axis of time.
 */
@Injectable()
export class EntityHistoryService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly users: UsersService,
  ) {}

  async history(kind: EntityKind, id: string): Promise<EntityHistory> {
    const { streamId, events } = await this.stream(kind, id);
    const names = await this.users.namesById(events.map((event) => event.metadata.actorId));
    const entries = events.map((event, index) => {
      const before = this.replay(
        kind,
        events.slice(0, index).filter((earlier) => earlier.effectiveAt <= event.effectiveAt),
      );
      const after = this.fold(kind, before, event);
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
    const state = this.replay(kind, events);
    return {
      kind,
      id,
      streamId,
      version: events.length,
      state: state ? present(state) : null,
      events: entries,
    };
  }

  async stateAt(kind: EntityKind, id: string, cut: TimeCut): Promise<EntityStateAt> {
    const { events } = await this.stream(kind, id);
    const included = events.filter((event) => isWithinCut(event, cut));
    const state = this.replay(kind, included);
    const absence = absenceAt(kind, events[0], cut);
    return {
      kind,
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

  private async stream(kind: EntityKind, id: string) {
    const streamId = `${kind}-${id}`;
    const events = await this.store.readStream(streamId);
    if (events.length === 0)
      throw new DomainError(`${kind}.not-found`, `No ${kind} has the id ${id}`, 'not-found');
    return { streamId, events };
  }

  private replay(kind: EntityKind, events: readonly RecordedEvent[]): State | undefined {
    return events.reduce<State | undefined>((row, event) => this.fold(kind, row, event), undefined);
  }

  private fold(kind: EntityKind, state: State | undefined, event: RecordedEvent): State | undefined {
    return ENTITY_STATE_FOLDS[kind](state, event) ?? state;
  }
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
