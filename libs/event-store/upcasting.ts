import type { RecordedEvent } from './events.js';

/** One step up: the data of the older version, and the stored event it came in (for its times). */
type Upcaster = (data: unknown, event: RecordedEvent) => unknown;

/**
 * Lifts events written with an older schema version to the current one as they are read, so the
 * stored bytes never change and domain code only ever sees the latest shape. New events of a type
 * are written at its current version: one more than the last step registered.
 */
export class Upcasters {
  private readonly steps = new Map<string, Upcaster>();

  /** Registers the step from `fromVersion` to `fromVersion + 1` for one event type. */
  register(type: string, fromVersion: number, upcast: Upcaster): this {
    this.steps.set(`${type}@${fromVersion}`, upcast);
    return this;
  }

  /** The schema version events of this type are written at now. */
  currentVersion(type: string): number {
    let version = 1;
    while (this.steps.has(`${type}@${version}`)) version += 1;
    return version;
  }

  apply<E extends RecordedEvent>(event: E): E {
    let { data, schemaVersion } = event;
    for (
      let step = this.steps.get(`${event.type}@${schemaVersion}`);
      step;
      step = this.steps.get(`${event.type}@${schemaVersion}`)
    ) {
      data = step(data, event);
      schemaVersion += 1;
    }
    return schemaVersion === event.schemaVersion ? event : { ...event, data, schemaVersion };
  }
}
