import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The strategy read models. Read models are disposable: every row here can be rebuilt from the
 * event store (npm run cli -- projections:rebuild). This migration also made the projections'
 * checkpoints until contexts kept their migrations in their folders; a database that never ran
 * it gets them from the shared ProjectionCheckpoints1763769600002.
 */
export class StrategyReadModels1763769600002 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE rm_strategies (
        id           uuid PRIMARY KEY,
        title        text NOT NULL,
        description  text NOT NULL,
        period_start date NOT NULL,
        period_end   date NOT NULL,
        status       text NOT NULL,
        themes       jsonb NOT NULL,
        version      bigint NOT NULL,
        updated_at   timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE rm_pledges (
        id            uuid PRIMARY KEY,
        strategy_id   uuid NOT NULL,
        theme_id      uuid NOT NULL,
        reference     text NOT NULL,
        title         text NOT NULL,
        description   text NOT NULL,
        principles    jsonb NOT NULL,
        lead          text NOT NULL,
        status        text NOT NULL,
        status_reason text,
        version       bigint NOT NULL,
        updated_at    timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX rm_pledges_strategy ON rm_pledges (strategy_id)`);
    await db.query(`
      CREATE TABLE rm_actions (
        id               uuid PRIMARY KEY,
        strategy_id      uuid NOT NULL,
        theme_id         uuid NOT NULL,
        pledge_id        uuid NOT NULL,
        reference        text NOT NULL,
        title            text NOT NULL,
        description      text NOT NULL,
        lead_officer_id  uuid NOT NULL,
        partners         jsonb NOT NULL,
        baseline_start   date NOT NULL,
        baseline_due     date NOT NULL,
        current_due      date NOT NULL,
        milestones       jsonb NOT NULL,
        status           text NOT NULL,
        rag              text,
        percent_complete int NOT NULL,
        latest_narrative text,
        last_progress_on date,
        closed_on        date,
        updates_logged   int NOT NULL,
        version          bigint NOT NULL,
        updated_at       timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX rm_actions_strategy ON rm_actions (strategy_id)`);
    await db.query(`CREATE INDEX rm_actions_lead ON rm_actions (lead_officer_id)`);
    await db.query(`
      CREATE TABLE rm_action_timeline (
        global_position bigint PRIMARY KEY,
        action_id       uuid NOT NULL,
        stream_version  bigint NOT NULL,
        event_type      text NOT NULL,
        details         jsonb NOT NULL,
        actor_id        text NOT NULL,
        actor_role      text NOT NULL,
        reason          text,
        recorded_at     timestamptz NOT NULL,
        effective_at    timestamptz NOT NULL
      )`);
    await db.query(
      `CREATE INDEX rm_action_timeline_action ON rm_action_timeline (action_id, stream_version)`,
    );
    await db.query(`
      GRANT SELECT, INSERT, UPDATE, DELETE ON rm_strategies, rm_pledges, rm_actions, rm_action_timeline TO pledge_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE rm_action_timeline, rm_actions, rm_pledges, rm_strategies`);
  }
}
