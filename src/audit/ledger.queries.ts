import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { consistencyProofFromStore, inclusionProofFromStore } from '../../libs/ledger/index.js';
import { DomainError } from '../common/domain/domain-error.js';
import { APP_POOL } from '../common/persistence/persistence.module.js';
import { envelopeColumns, envelopeFromRow, envelopeLeafHash, type EventEnvelope } from './event-envelope.js';
import { exportLines } from './exporter.js';
import { verifyExport, type VerificationReport } from './export-verifier.js';
import { PgMerkleNodeStore } from './pg-merkle-store.js';
import { latestTreeHead, TREE_HEAD_COLUMNS, treeHeadFromRow } from './sealer.js';
import type { PublishedTreeHead } from './signing-key.js';

export interface InclusionProofAnswer {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  auditPath: string[];
  event: EventEnvelope;
  treeHead: PublishedTreeHead;
}

export interface ConsistencyProofAnswer {
  firstSize: number;
  secondSize: number;
  proof: string[];
  firstTreeHead: PublishedTreeHead;
  secondTreeHead: PublishedTreeHead;
}

export type VerifyNowAnswer = VerificationReport & {
  treeHead: PublishedTreeHead;
  /** Events committed but not yet sealed (the sealer runs a moment behind the writers). */
  eventsUnsealed: number;
  checkedAt: string;
};

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Reads of the sealed log: tree heads, keys and proofs. Proofs are built from stored subtrees. */
@Injectable()
export class LedgerQueries {
  private readonly nodes: PgMerkleNodeStore;

  constructor(@Inject(APP_POOL) private readonly pool: pg.Pool) {
    this.nodes = new PgMerkleNodeStore(pool);
  }

  async latestTreeHead(): Promise<PublishedTreeHead> {
    const head = await latestTreeHead(this.pool);
    if (!head)
      throw new DomainError(
        'tree-head.none-yet',
        'No tree head has been signed yet; the sealer signs one shortly after start',
        'not-found',
      );
    return head;
  }

  /** Sizes arrive as bigints, exactly as asked: a size past 2^53 must not find a neighbour's head. */
  async treeHead(treeSize: bigint): Promise<PublishedTreeHead> {
    const { rows } = await this.pool.query(
      `SELECT ${TREE_HEAD_COLUMNS} FROM ledger_tree_heads WHERE tree_size = $1::bigint`,
      [treeSize.toString()],
    );
    if (rows.length === 0)
      throw new DomainError(
        'tree-head.not-found',
        `No tree head was signed at size ${treeSize}; list them at /api/v1/ledger/tree-heads`,
        'not-found',
      );
    return treeHeadFromRow(rows[0]);
  }

  async treeHeads(options: { after?: bigint; limit: number }): Promise<PublishedTreeHead[]> {
    const { rows } = await this.pool.query(
      `SELECT ${TREE_HEAD_COLUMNS} FROM ledger_tree_heads WHERE tree_size > $1::bigint ORDER BY tree_size LIMIT $2`,
      [(options.after ?? -1n).toString(), options.limit],
    );
    return rows.map(treeHeadFromRow);
  }

  async publicKeys(): Promise<{ keyId: string; publicKeyPem: string; firstUsedAt: string }[]> {
    const { rows } = await this.pool.query(
      `SELECT key_id, public_key_pem, first_used_at FROM ledger_signing_keys ORDER BY first_used_at`,
    );
    return rows.map((row) => ({
      keyId: row.key_id,
      publicKeyPem: row.public_key_pem,
      firstUsedAt: (row.first_used_at as Date).toISOString(),
    }));
  }

  async publicKeyPem(keyId: string): Promise<string> {
    const { rows } = await this.pool.query(
      `SELECT public_key_pem FROM ledger_signing_keys WHERE key_id = $1`,
      [keyId],
    );
    if (rows.length === 0)
      throw new DomainError('signing-key.not-found', `No signing key has the id ${keyId}`, 'not-found');
    return rows[0].public_key_pem;
  }

  /** The proof that an event is leaf i of the log at a signed size (the latest when none is named). */
  async inclusionProof(eventId: string, treeSize?: bigint): Promise<InclusionProofAnswer> {
    const head = treeSize === undefined ? await this.latestTreeHead() : await this.treeHead(treeSize);
    const { rows } = await this.pool.query(
      `SELECT l.leaf_index, ${envelopeColumns('e')}
         FROM ledger_leaves l JOIN es_events e ON e.global_position = l.global_position
        WHERE l.event_id = $1`,
      [eventId],
    );
    if (rows.length === 0)
      throw new DomainError(
        'event.not-sealed',
        `No sealed event has the id ${eventId}: it does not exist, or the sealer has not reached it yet`,
        'not-found',
      );
    const leafIndex = Number(rows[0].leaf_index);
    if (leafIndex >= head.treeSize)
      throw new DomainError(
        'event.not-in-tree-head',
        `Event ${eventId} is leaf ${leafIndex}, after the tree head of size ${head.treeSize}; ask again after the next tree head`,
        'not-found',
      );
    const event = envelopeFromRow(rows[0]);
    const path = await inclusionProofFromStore(this.nodes, leafIndex, head.treeSize);
    return {
      leafIndex,
      treeSize: head.treeSize,
      leafHash: b64(envelopeLeafHash(event)),
      auditPath: path.map(b64),
      event,
      treeHead: head,
    };
  }

  async consistencyProof(first: bigint, second: bigint): Promise<ConsistencyProofAnswer> {
    if (first < 1n || first > second)
      throw new DomainError(
        'proof.sizes-out-of-order',
        'A consistency proof needs 0 < first <= second',
        'invalid',
        [{ field: 'first', message: 'must be at least 1 and no more than second' }],
      );
    const [firstTreeHead, secondTreeHead] = await Promise.all([this.treeHead(first), this.treeHead(second)]);
    // Both sizes were signed, so both are sizes of a real log: small enough for a number.
    const [firstSize, secondSize] = [firstTreeHead.treeSize, secondTreeHead.treeSize];
    const proof = await consistencyProofFromStore(this.nodes, firstSize, secondSize);
    return { firstSize, secondSize, proof: proof.map(b64), firstTreeHead, secondTreeHead };
  }

  /**
   * Checks the newest signed tree head now, as the offline verifier would check an export taken
   * this moment: every event recomputed into its leaf, the root, the signature, and every earlier
   * signed head. It trusts the head and key stored here; a head kept elsewhere is the stronger check.
   */
  async verifyNow(): Promise<VerifyNowAnswer> {
    const head = await this.latestTreeHead();
    const publicKeyPem = await this.publicKeyPem(head.keyId);
    const checkedAt = new Date().toISOString();
    let report: VerificationReport;
    try {
      report = await verifyExport(exportLines(this.pool, head), { treeHead: head, publicKeyPem });
    } catch (error) {
      if ((error as Error).name !== 'TreeHeadError') throw error;
      report = {
        ok: false,
        treeSize: head.treeSize,
        leavesChecked: 0,
        rootHash: '',
        firstMismatch: null,
        findings: [],
        treeHeadsChecked: 0,
        problems: [`The tree head's signature does not verify: ${(error as Error).message}`],
      };
    }
    const { rows } = await this.pool.query(
      `SELECT (SELECT count(*) FROM es_events) - s.tree_size AS unsealed FROM ledger_state s`,
    );
    return { treeHead: head, ...report, eventsUnsealed: Number(rows[0].unsealed), checkedAt };
  }
}
