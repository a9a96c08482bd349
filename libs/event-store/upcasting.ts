import type { RecordedEvent } from './events.js';

type Upcaster = (data: unknown) => unknown;

/**
 * Lifts events written with an older schema version to the current one as they are read, so the
 * stored bytes never change and domain code only ever sees the latest shape.
 */
export class Upcasters {
  private readonly steps = new Map<string, Upcaster>();

  /** Registers the step from `fromVersion` to `fromVersion + 1` for one event type. */
  register(type: string, fromVersion: number, upcast: Upcaster): this {
    this.steps.set(`${type}@${fromVersion}`, upcast);
    return this;
  }

  apply<E extends RecordedEvent>(event: E): E {
    let { data, schemaVersion } = event;
    for (
      let step = this.steps.get(`${event.type}@${schemaVersion}`);
      step;
      step = this.steps.get(`${event.type}@${schemaVersion}`)
    ) {
      data = step(data);
      schemaVersion += 1;
    }
    return schemaVersion === event.schemaVersion ? event : { ...event, data, schemaVersion };
  }
}
