import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The verifiable record: one RFC 9162 Merkle leaf per committed event, in commit order. Every
 * complete subtree's hash is kept (ledger_nodes), so a root or proof for any size reads O(log n)
 * rows. ledger_state is the sealer's checkpoint, moved in the transaction that adds the leaves.
 * Leaves, nodes, keys and signed tree heads are append-only, like the events they seal.
 */
export class Ledger1763769600004 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ledger_state (
        singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        tree_size       bigint NOT NULL CHECK (tree_size >= 0),
        transaction_id  xid8 NOT NULL,
        global_position bigint NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `INSERT INTO ledger_state (tree_size, transaction_id, global_position) VALUES (0, '0', 0)`,
    );
    await db.query(`
      CREATE TABLE ledger_leaves (
        leaf_index      bigint PRIMARY KEY CHECK (leaf_index >= 0),
        global_position bigint NOT NULL UNIQUE,
        transaction_id  xid8 NOT NULL,
        event_id        uuid NOT NULL UNIQUE
      )`);
    await db.query(`
      CREATE TABLE ledger_nodes (
        level      smallint NOT NULL CHECK (level BETWEEN 0 AND 63),
        node_index bigint NOT NULL CHECK (node_index >= 0),
        hash       bytea NOT NULL CHECK (length(hash) = 32),
        PRIMARY KEY (level, node_index)
      )`);
    await db.query(`
      CREATE TABLE ledger_signing_keys (
        key_id         text PRIMARY KEY,
        public_key_pem text NOT NULL,
        first_used_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE ledger_tree_heads (
        tree_size  bigint PRIMARY KEY CHECK (tree_size >= 0),
        root_hash  bytea NOT NULL CHECK (length(root_hash) = 32),
        signed_at  timestamptz NOT NULL,
        signature  bytea NOT NULL CHECK (length(signature) = 64),
        key_id     text NOT NULL REFERENCES ledger_signing_keys
      )`);
    for (const table of ['ledger_leaves', 'ledger_nodes', 'ledger_signing_keys', 'ledger_tree_heads']) {
      await db.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
                        FOR EACH ROW EXECUTE FUNCTION es_refuse_change()`);
      await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
                        FOR EACH STATEMENT EXECUTE FUNCTION es_refuse_change()`);
      await db.query(`REVOKE ALL ON ${table} FROM PUBLIC, pledge_app`);
      await db.query(`GRANT SELECT, INSERT ON ${table} TO pledge_app`);
    }
    await db.query(`REVOKE ALL ON ledger_state FROM PUBLIC, pledge_app`);
    await db.query(`GRANT SELECT, UPDATE ON ledger_state TO pledge_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    throw new Error(`The sealed record cannot be migrated down (${db.connection.options.type})`);
  }
}
