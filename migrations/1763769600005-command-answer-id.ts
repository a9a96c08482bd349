import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A command can answer with the id of something inside its stream (a theme added to a strategy,
 * a milestone added to an action); its replay must answer with the same id, so it is kept with
 * the command. Null: the command answered with its stream's own id.
 */
export class CommandAnswerId1763769600005 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE es_commands ADD COLUMN answer_id text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE es_commands DROP COLUMN answer_id`);
  }
}
