import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every projection's checkpoint: where it has read the log up to, moved in the transaction that
 * applies a batch (libs/projections). Made by StrategyReadModels1763769600002 until each context
 * kept its own migrations; on a database that ran that one it is there already, and this changes
 * nothing.
 */
export class ProjectionCheckpoints1763769600002 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS projection_checkpoints (
        projection      text PRIMARY KEY,
        transaction_id  xid8 NOT NULL DEFAULT '0',
        global_position bigint NOT NULL DEFAULT 0,
        events_applied  bigint NOT NULL DEFAULT 0,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON projection_checkpoints TO pledge_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE projection_checkpoints`);
  }
}
