import { Buffer } from 'node:buffer';
import pg from 'pg';
import type { EventStore } from '../../libs/event-store/index.js';
import {
  nodesCompletedByAppend,
  rootFromStore,
  rootNodes,
  type StoredNode,
} from '../../libs/ledger/index.js';
import { envelopeColumns, envelopeFromRow, envelopeLeafHash } from './event-envelope.js';
import { PgMerkleNodeStore } from './pg-merkle-store.js';
import type { PublishedTreeHead, TreeHeadSigner } from './signing-key.js';

export interface SealerOptions {
  /** Events sealed per transaction. */
  batchSize?: number;
  /** A new signed tree head after this many new leaves ... */
  treeHeadEveryEvents: number;
  /** ... or after this many seconds, if any leaf is not yet covered by a signed head. */
  treeHeadEverySeconds: number;
  /** How often to look for events when none is announced (appends by other processes). */
  pollIntervalMs?: number;
  /**
   * After sealing a batch that caught up, how long to let new events gather before the next one.
   * Under a steady stream of appends this seals hundreds per transaction instead of a few, which
   * is what keeps the sealer's share of the machine small; an event on a quiet system is still
   * sealed as soon as it is announced.
   */
  gatherMs?: number;
  onError?: (error: unknown) => void;
}

export interface LedgerStatus {
  treeSize: number;
  eventsUnsealed: number;
  latestTreeHead: PublishedTreeHead | undefined;
}

/**
 * Seals every committed event, strictly in commit order, as one leaf of the RFC 9162 log. Each
 * batch reads the events after the sealer's checkpoint (the same commit-order rule as readAll),
 * stores the leaves and every subtree they complete, and moves the checkpoint, all in one
 * transaction: a crash mid-batch leaves no trace and the next batch starts where the last ended.
 * The checkpoint row is locked with SKIP LOCKED, so of several server processes one seals at a time.
 * It runs beside the appends, never inside them, so writers do not wait for it.
 */
export class LedgerSealer {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly gatherMs: number;
  private running = false;
  /** Ends the current pause early: always on stop, on an append only when the pause allows it. */
  private interrupt: (() => void) | undefined;
  private wakeOnAppend = false;
  private woken = false;
  private loop: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly store: Pick<EventStore, 'onAppended'>,
    private readonly signer: TreeHeadSigner,
    private readonly options: SealerOptions,
  ) {
    this.batchSize = options.batchSize ?? 2000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.gatherMs = options.gatherMs ?? 200;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.store.onAppended(() => {
      this.woken = true;
      if (this.wakeOnAppend) this.interrupt?.();
    });
    this.loop = this.run();
  }

  /** Stops the loop, then signs a head over everything sealed, so a clean stop leaves none uncovered. */
  async stop(): Promise<void> {
    const wasRunning = this.running;
    this.running = false;
    this.unsubscribe?.();
    this.interrupt?.();
    await this.loop;
    if (wasRunning)
      await this.signIfDue({ force: true, lockTimeoutMs: 2000 }).catch((error) =>
        this.options.onError?.(error),
      );
  }

  /**
   * Seals every event committed before the call and signs a tree head over them. An event is only
   * sealed once every transaction older than it has ended (the commit-order rule), and such a
   * transaction may be anywhere in the cluster, so this retries briefly until the log holds as many
   * events as were committed when it began; after `patienceMs` it signs what it has.
   */
  async catchUp(patienceMs = 10_000): Promise<PublishedTreeHead | undefined> {
    const { rows } = await this.pool.query(`SELECT count(*)::bigint AS n FROM es_events`);
    const committed = Number(rows[0].n);
    const deadline = Date.now() + patienceMs;
    for (;;) {
      // Waits its turn rather than skipping: another sealer mid-batch must not cut this short.
      const sealed = await this.sealNextBatch({ wait: true });
      const { rows: state } = await this.pool.query(`SELECT tree_size FROM ledger_state`);
      if (Number(state[0].tree_size) >= committed || Date.now() > deadline) break;
      if (sealed === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.signIfDue({ force: true });
  }

  /** Seals at most one batch; answers how many events it sealed (0 when idle or sealing elsewhere). */
  async sealNextBatch(options: { wait?: boolean } = {}): Promise<number> {
    return this.inTransaction(async (db) => {
      const { rows: state } = await db.query(
        `SELECT tree_size, transaction_id::text AS txid, global_position
           FROM ledger_state FOR UPDATE ${options.wait ? '' : 'SKIP LOCKED'}`,
      );
      if (state.length === 0) return 0;
      const treeSize = Number(state[0].tree_size);
      const { rows } = await db.query(
        `SELECT ${envelopeColumns()} FROM es_events
          WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
            AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          -- qualified: the select list has text columns of the same names, which would sort as text
          ORDER BY es_events.transaction_id, es_events.global_position
          LIMIT $3`,
        [state[0].txid, state[0].global_position, this.batchSize],
      );
      if (rows.length === 0) return 0;

      const nodes = new PgMerkleNodeStore(db);
      const known = new Map<string, Buffer>();
      const frontier = rootNodes(treeSize);
      (await nodes.getNodes(frontier)).forEach((hash, i) =>
        known.set(`${frontier[i].level}:${frontier[i].index}`, hash),
      );
      const lookup = (level: number, index: number) => {
        const hash = known.get(`${level}:${index}`);
        if (!hash) throw new Error(`sealer: node (${level}, ${index}) is missing from the frontier`);
        return hash;
      };
      const completed: StoredNode[] = [];
      rows.forEach((row, i) => {
        const added = nodesCompletedByAppend(treeSize + i, envelopeLeafHash(envelopeFromRow(row)), lookup);
        for (const node of added) known.set(`${node.level}:${node.index}`, node.hash);
        completed.push(...added);
      });
      await nodes.insert(completed);
      await db.query(
        `INSERT INTO ledger_leaves (leaf_index, global_position, transaction_id, event_id)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::xid8[], $4::uuid[])`,
        [
          rows.map((_, i) => treeSize + i),
          rows.map((row) => row.global_position),
          rows.map((row) => row.transaction_id),
          rows.map((row) => row.event_id),
        ],
      );
      const last = rows[rows.length - 1];
      await db.query(
        `UPDATE ledger_state SET tree_size = $1, transaction_id = $2::xid8, global_position = $3, updated_at = now()`,
        [treeSize + rows.length, last.transaction_id, last.global_position],
      );
      await this.signWithin(db, treeSize + rows.length, false);
      return rows.length;
    });
  }

  /**
   * Signs a tree head over everything sealed when N events or T seconds have passed since the last
   * one (or at once when forced, or when there is none yet). Answers the head made, if any.
   */
  async signIfDue(
    options: { force?: boolean; lockTimeoutMs?: number } = {},
  ): Promise<PublishedTreeHead | undefined> {
    return this.inTransaction(async (db) => {
      if (options.lockTimeoutMs)
        await db.query(`SELECT set_config('lock_timeout', $1, true)`, [`${options.lockTimeoutMs}ms`]);
      const { rows } = await db.query(`SELECT tree_size FROM ledger_state FOR UPDATE`);
      return this.signWithin(db, Number(rows[0].tree_size), options.force ?? false);
    });
  }

  async status(): Promise<LedgerStatus> {
    const { rows } = await this.pool.query(
      `SELECT s.tree_size, (SELECT count(*) FROM es_events) - s.tree_size AS unsealed FROM ledger_state s`,
    );
    return {
      treeSize: Number(rows[0].tree_size),
      eventsUnsealed: Number(rows[0].unsealed),
      latestTreeHead: await latestTreeHead(this.pool),
    };
  }

  private async signWithin(
    db: pg.ClientBase,
    treeSize: number,
    force: boolean,
  ): Promise<PublishedTreeHead | undefined> {
    const latest = await latestTreeHead(db);
    if (latest && latest.treeSize >= treeSize) return force ? latest : undefined;
    const due =
      force ||
      !latest ||
      treeSize - latest.treeSize >= this.options.treeHeadEveryEvents ||
      Date.now() - Date.parse(latest.timestamp) >= this.options.treeHeadEverySeconds * 1000;
    if (!due) return undefined;
    const rootHash = await rootFromStore(new PgMerkleNodeStore(db), treeSize);
    const head = this.signer.sign({ treeSize, rootHash, timestamp: new Date() });
    await db.query(
      `INSERT INTO ledger_signing_keys (key_id, public_key_pem) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [this.signer.keyId, this.signer.publicKeyPem],
    );
    await db.query(
      `INSERT INTO ledger_tree_heads (tree_size, root_hash, signed_at, signature, key_id)
       VALUES ($1, $2, $3, $4, $5)`,
      [treeSize, rootHash, head.timestamp, Buffer.from(head.signature, 'base64'), head.keyId],
    );
    return head;
  }

  private async inTransaction<T>(work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const lost = (error: Error) => this.options.onError?.(error);
    client.on('error', lost);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', lost);
      client.release();
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      let sealed: number;
      try {
        sealed = await this.sealNextBatch();
        if (sealed === 0) await this.signIfDue();
      } catch (error) {
        this.options.onError?.(error); // rolled back; retried after a pause
        if (this.running) await this.pause(this.pollIntervalMs, false);
        continue;
      }
      if (!this.running || sealed === this.batchSize) continue; // a backlog: straight on
      if (sealed > 0) await this.pause(this.gatherMs, false);
      else if (!this.woken) await this.pause(this.pollIntervalMs, true);
    }
  }

  private async pause(ms: number, wakeOnAppend: boolean): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeOnAppend = wakeOnAppend;
      this.interrupt = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.interrupt = undefined;
    this.wakeOnAppend = false;
  }
}

/** The signed tree head with the largest size, as published. */
export async function latestTreeHead(db: pg.ClientBase | pg.Pool): Promise<PublishedTreeHead | undefined> {
  const { rows } = await db.query(
    `SELECT ${TREE_HEAD_COLUMNS} FROM ledger_tree_heads ORDER BY tree_size DESC LIMIT 1`,
  );
  return rows.length ? treeHeadFromRow(rows[0]) : undefined;
}

export const TREE_HEAD_COLUMNS = `tree_size, encode(root_hash, 'base64') AS root_hash, signed_at,
  encode(signature, 'base64') AS signature, key_id`;

export function treeHeadFromRow(row: Record<string, unknown>): PublishedTreeHead {
  return {
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash as string,
    timestamp: (row.signed_at as Date).toISOString(),
    signature: (row.signature as string).replace(/\n/g, ''),
    keyId: row.key_id as string,
  };
}
