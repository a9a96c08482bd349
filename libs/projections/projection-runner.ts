import { EventEmitter } from 'node:events';
import pg from 'pg';
import {
  comparePositions,
  EVENTS_CHANNEL,
  START,
  type EventStore,
  type Position,
} from '../event-store/index.js';
import type { Projection } from './projection.js';

export interface ProjectionRunnerOptions {
  batchSize?: number;
  /** How often to look for new events when no notification arrives. */
  pollIntervalMs?: number;
  /** A connection string to LISTEN on for appends made by other processes. */
  listenUrl?: string;
  onError?: (projection: string, error: unknown) => void;
}

export interface CheckpointRow {
  projection: string;
  position: Position;
  eventsApplied: number;
  updatedAt: Date;
}

/**
 * Keeps projections up to date from the event store. Each batch is read after the projection's
 * checkpoint and applied in one transaction with the checkpoint's move, so an event takes effect
 * exactly once even if the process dies mid-batch. The checkpoint row is locked with SKIP LOCKED:
 * where several workers run, one applies a batch while the others pass.
 */
export class ProjectionRunner {
  private readonly progress = new EventEmitter();
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private running = false;
  private woken = false;
  private wake: (() => void) | undefined;
  private checkpointRows: Promise<void> | undefined;
  private listener: pg.Client | undefined;
  private listening: Promise<void> | undefined;
  private loop: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly store: EventStore,
    readonly projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.progress.setMaxListeners(0);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.store.onAppended(() => this.nudge());
    if (this.options.listenUrl) this.listening = this.listen(this.options.listenUrl);
    this.loop = this.run();
  }

  /** Resolves once no batch is in progress and the listening session has ended. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    await this.listening;
  }

  /** Applies everything committed so far to every projection; for tests, the CLI and start-up. */
  async catchUp(): Promise<number> {
    let total = 0;
    for (const projection of this.projections) {
      for (
        let applied = await this.applyNextBatch(projection);
        applied > 0;
        applied = await this.applyNextBatch(projection)
      ) {
        total += applied;
      }
    }
    return total;
  }

  /** Applies at most one batch; answers how many events it applied (0 when idle or locked elsewhere). */
  async applyNextBatch(projection: Projection): Promise<number> {
    await this.ensureCheckpointRows();
    const client = await this.pool.connect();
    const lost = (error: Error) => this.options.onError?.(projection.name, error);
    client.on('error', lost); // a session killed mid-batch: the query below fails and rolls back
    try {
      await client.query('BEGIN');
      const checkpoint = await lockCheckpoint(client, projection.name);
      if (!checkpoint) {
        await client.query('ROLLBACK');
        return 0;
      }
      const { events, scannedUpTo } = await this.store.readAll({
        after: checkpoint,
        limit: this.batchSize,
        streamTypes: projection.streamTypes,
      });
      if (comparePositions(scannedUpTo, checkpoint) <= 0) {
        await client.query('ROLLBACK');
        return 0;
      }
      // Past the events of other types too: read-your-writes waits on every checkpoint.
      if (events.length > 0) await projection.apply(events, client);
      await client.query(
        `UPDATE projection_checkpoints
            SET transaction_id = $2::xid8, global_position = $3, events_applied = events_applied + $4, updated_at = now()
          WHERE projection = $1`,
        [
          projection.name,
          scannedUpTo.transactionId.toString(),
          scannedUpTo.globalPosition.toString(),
          events.length,
        ],
      );
      await client.query('COMMIT');
      this.progress.emit('advanced');
      return events.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', lost);
      client.release();
    }
  }

  async checkpoints(): Promise<CheckpointRow[]> {
    await this.ensureCheckpointRows();
    const { rows } = await this.pool.query(
      `SELECT projection, transaction_id::text AS txid, global_position, events_applied, updated_at
         FROM projection_checkpoints WHERE projection = ANY($1) ORDER BY projection`,
      [this.projections.map((projection) => projection.name)],
    );
    return rows.map((row) => ({
      projection: row.projection,
      position: { transactionId: BigInt(row.txid), globalPosition: BigInt(row.global_position) },
      eventsApplied: Number(row.events_applied),
      updatedAt: row.updated_at,
    }));
  }

  /**
   * Read-your-writes: resolves true once every projection has applied `position`, or false
   * after `timeoutMs`.
   */
  async waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const slowest =
        (await this.checkpoints()).map((row) => row.position).sort(comparePositions)[0] ?? START;
      if (comparePositions(slowest, position) >= 0) return true;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      this.nudge();
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.progress.off('advanced', done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(remaining, 100));
        this.progress.on('advanced', done);
      });
    }
  }

  private nudge(): void {
    this.woken = true;
    this.wake?.();
  }

  private ensureCheckpointRows(): Promise<void> {
    this.checkpointRows ??= this.pool
      .query(
        `INSERT INTO projection_checkpoints (projection) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`,
        [this.projections.map((projection) => projection.name)],
      )
      .then(() => undefined)
      .catch((error) => {
        this.checkpointRows = undefined;
        throw error;
      });
    return this.checkpointRows;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      let applied = 0;
      for (const projection of this.projections) {
        try {
          applied += await this.applyNextBatch(projection);
        } catch (error) {
          // The batch was rolled back; it is retried after the pause below.
          this.options.onError?.(projection.name, error);
        }
      }
      if (applied > 0 || this.woken || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async listen(url: string): Promise<void> {
    while (this.running) {
      const client = new pg.Client(url);
      this.listener = client; // from now on stop() ends it, connecting or not
      // A dropped session can emit more than one error; every one must have a listener.
      client.on('error', (error) => this.listenerFailed(error));
      const closed = new Promise<void>((resolve) => client.once('end', resolve));
      try {
        await client.connect();
        if (!this.running) break; // stop() came while connecting
        client.on('notification', () => this.nudge());
        await client.query(`LISTEN ${EVENTS_CHANNEL}`);
        await closed;
      } catch (error) {
        this.listenerFailed(error);
      } finally {
        await client.end().catch(() => undefined);
      }
      if (this.running) await new Promise((resolve) => setTimeout(resolve, this.pollIntervalMs));
    }
  }

  /** Once stop() has begun, a failure is its own doing (it ends the session, connecting or not). */
  private listenerFailed(error: unknown): void {
    if (this.running) this.options.onError?.('listener', error);
  }
}

async function lockCheckpoint(client: pg.ClientBase, projection: string): Promise<Position | undefined> {
  const { rows } = await client.query(
    `SELECT transaction_id::text AS txid, global_position FROM projection_checkpoints
      WHERE projection = $1 FOR UPDATE SKIP LOCKED`,
    [projection],
  );
  if (rows.length === 0) return undefined;
  return { transactionId: BigInt(rows[0].txid), globalPosition: BigInt(rows[0].global_position) };
}
