import { AggregateRoot } from '@nestjs/cqrs';
import { streamIdFor, type NewEvent } from '../../../libs/event-store/index.js';
import type { IsoDate } from './dates.js';

/** Events are plain data with a stable type name: never a class name, which a rename would change. */
export interface DomainEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  readonly type: Type;
  readonly data: Data;
}

/**
 * An aggregate rebuilt from its stream. Methods that decide check every rule, then `apply` events;
 * `on<EventType>` handlers only change state. `version` is the stream version the state reflects.
 */
export abstract class EventSourcedAggregate<
  Event extends DomainEvent = DomainEvent,
> extends AggregateRoot<Event> {
  abstract readonly streamType: string;
  private loadedVersion = 0;
  /** The latest day any of its changes, recorded or pending, took effect ('' before the first). */
  latestEffectiveOn: IsoDate = '';

  constructor(readonly id: string) {
    super();
  }

  get streamId(): string {
    return streamIdFor(this.streamType, this.id);
  }

  /** The version of the stream this aggregate was loaded at: the expected version of its next append. */
  get version(): number {
    return this.loadedVersion;
  }

  get exists(): boolean {
    return this.loadedVersion > 0 || this.getUncommittedEvents().length > 0;
  }

  /** The day an event says it took effect in the world: business time lives in the event's data. */
  abstract effectiveOnOf(event: Event): IsoDate;

  /** The day the events about to be saved take effect: one decision, one day. */
  get pendingEffectiveOn(): IsoDate {
    const days = new Set(this.getUncommittedEvents().map((event) => this.effectiveOnOf(event)));
    if (days.size !== 1)
      throw new Error(`${this.constructor.name} has ${days.size} effective days pending; one append has one`);
    return [...days][0];
  }

  rehydrate(history: readonly Event[]): this {
    this.loadFromHistory([...history]);
    this.loadedVersion += history.length;
    return this;
  }

  /** Every event applied, from its history or new, moves the latest day in effect that rules compare with. */
  override apply<T extends Event = Event>(
    event: T,
    options?: boolean | { fromHistory?: boolean; skipHandler?: boolean },
  ): void {
    super.apply(event, options as boolean); // either of the base's two overloads, passed on as given
    const on = this.effectiveOnOf(event);
    if (on > this.latestEffectiveOn) this.latestEffectiveOn = on;
  }

  markSaved(version: number): void {
    this.uncommit();
    this.loadedVersion = version;
  }

  protected override getEventName(event: Event): string {
    return event.type;
  }

  protected override getEventHandler(event: Event) {
    const handler = super.getEventHandler(event);
    if (!handler) throw new Error(`${this.constructor.name} has no on${event.type} handler`);
    return handler;
  }
}
