import { AggregateRoot } from '@nestjs/cqrs';
import type { NewEvent } from '../../../libs/event-store/index.js';

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

  constructor(readonly id: string) {
    super();
  }

  get streamId(): string {
    return `${this.streamType}-${this.id}`;
  }

  /** The version of the stream this aggregate was loaded at: the expected version of its next append. */
  get version(): number {
    return this.loadedVersion;
  }

  get exists(): boolean {
    return this.loadedVersion > 0 || this.getUncommittedEvents().length > 0;
  }

  rehydrate(history: readonly Event[]): this {
    this.loadFromHistory([...history]);
    this.loadedVersion += history.length;
    return this;
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
