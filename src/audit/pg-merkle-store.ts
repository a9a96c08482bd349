import type { Buffer } from 'node:buffer';
import type pg from 'pg';
import type { MerkleNodeStore, NodeRef, StoredNode } from '../../libs/ledger/index.js';

/** The complete-subtree hashes of the log, in ledger_nodes, read and written in one statement each. */
export class PgMerkleNodeStore implements MerkleNodeStore {
  constructor(private readonly db: pg.ClientBase | pg.Pool) {}

  async getNodes(refs: readonly NodeRef[]): Promise<Buffer[]> {
    if (refs.length === 0) return [];
    const { rows } = await this.db.query(
      `SELECT n.hash FROM unnest($1::smallint[], $2::bigint[]) WITH ORDINALITY AS want(level, node_index, ord)
         LEFT JOIN ledger_nodes n USING (level, node_index)
        ORDER BY want.ord`,
      [refs.map((ref) => ref.level), refs.map((ref) => ref.index)],
    );
    return rows.map((row, i) => {
      if (row.hash === null)
        throw new Error(`the log has no node at level ${refs[i].level}, index ${refs[i].index}`);
      return row.hash as Buffer;
    });
  }

  async insert(nodes: readonly StoredNode[]): Promise<void> {
    if (nodes.length === 0) return;
    await this.db.query(
      `INSERT INTO ledger_nodes (level, node_index, hash)
       SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`,
      [nodes.map((node) => node.level), nodes.map((node) => node.index), nodes.map((node) => node.hash)],
    );
  }
}
