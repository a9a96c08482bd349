import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type {
  AppendOptions,
  AppendResult,
  EventPage,
  EventStore,
  NewEvent,
  Position,
  ReadAllOptions,
  RecordedEvent,
} from '../libs/event-store/index.js';
import type { Projection } from '../libs/projections/index.js';

/**
 * Thin timing wrappers used during the rebuild runs, to say where the time goes. They only
 * delegate and add two clock reads per call, which is negligible beside a database round trip.
 */

export class Stopwatch {
  ms = 0;
  calls = 0;
  async time<T>(work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.ms += performance.now() - start;
      this.calls++;
    }
  }
  reset(): void {
    this.ms = 0;
    this.calls = 0;
  }
}

/** An EventStore that times readAll (query, transfer, JSON parsing of rows, upcasting). */
export class TimedStore implements EventStore {
  readonly reads = new Stopwatch();
  constructor(private readonly inner: EventStore) {}
  append(streamId: string, expectedVersion: number, events: readonly NewEvent[], options: AppendOptions) {
    return this.inner.append(streamId, expectedVersion, events, options);
  }
  readStream(streamId: string, options?: { upToPosition?: Position; recordedUpTo?: Date }) {
    return this.inner.readStream(streamId, options);
  }
  readAll(options: ReadAllOptions): Promise<EventPage> {
    return this.reads.time(() => this.inner.readAll(options));
  }
  headPosition(): Promise<Position> {
    return this.inner.headPosition();
  }
  hasEventAt(position: Position): Promise<boolean> {
    return this.inner.hasEventAt(position);
  }
  findIdempotentResult(
    actorId: string,
    key: string,
  ): Promise<(AppendResult & { requestHash: string }) | undefined> {
    return this.inner.findIdempotentResult(actorId, key);
  }
  onAppended(listener: () => void): () => void {
    return this.inner.onAppended(listener);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * A projection that times apply as a whole and, within it, the time spent waiting on the
 * database (each query's round trip, including parsing its result rows); the rest is JavaScript.
 */
export class TimedProjection implements Projection {
  readonly apply_ = new Stopwatch();
  /** SQL round trips that read (SELECT) and that write (anything else), within apply. */
  readonly sqlReads = new Stopwatch();
  readonly sqlWrites = new Stopwatch();
  constructor(readonly inner: Projection) {}
  get name(): string {
    return this.inner.name;
  }
  get tables(): readonly string[] {
    return this.inner.tables;
  }
  get streamTypes(): readonly string[] {
    return this.inner.streamTypes;
  }
  apply(events: readonly RecordedEvent[], db: pg.ClientBase): Promise<void> {
    const { sqlReads, sqlWrites } = this;
    const timed = new Proxy(db, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (property === 'query') {
          return (...args: unknown[]) => {
            const text = typeof args[0] === 'string' ? args[0] : '';
            const watch = /^\s*SELECT\b/i.test(text) ? sqlReads : sqlWrites;
            return watch.time(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return this.apply_.time(() => this.inner.apply(events, timed));
  }
  reset(): void {
    this.apply_.reset();
    this.sqlReads.reset();
    this.sqlWrites.reset();
  }
}
