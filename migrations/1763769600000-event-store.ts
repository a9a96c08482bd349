import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store: streams, events in commit order, idempotent command records. The application
 * connects as `pledge_app`, which may insert and read events but never change or remove them;
 * a trigger refuses the same to everyone else, owners included.
 */
export class EventStore1763769600000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pledge_app') THEN
          CREATE ROLE pledge_app NOLOGIN;
        END IF;
      END $$`);
    await db.query(`GRANT pledge_app TO CURRENT_USER`);
    await db.query(`GRANT USAGE ON SCHEMA public TO pledge_app`);

    await db.query(`
      CREATE TABLE es_streams (
        stream_id   text PRIMARY KEY,
        stream_type text NOT NULL,
        version     bigint NOT NULL CHECK (version > 0),
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE es_events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text NOT NULL REFERENCES es_streams,
        stream_version  bigint NOT NULL CHECK (stream_version > 0),
        event_id        uuid NOT NULL UNIQUE,
        event_type      text NOT NULL CHECK (event_type <> ''),
        schema_version  int NOT NULL CHECK (schema_version > 0),
        data            jsonb NOT NULL,
        metadata        jsonb NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        effective_at    timestamptz NOT NULL,
        UNIQUE (stream_id, stream_version),
        -- business time may lie in the past, never in the future (a minute's grace for clock skew)
        CONSTRAINT es_events_effective_not_future CHECK (effective_at <= recorded_at + interval '1 minute')
      )`);
    await db.query(`CREATE INDEX es_events_commit_order ON es_events (transaction_id, global_position)`);
    await db.query(`
      CREATE TABLE es_commands (
        actor_id        text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash    text NOT NULL,
        stream_id       text NOT NULL REFERENCES es_streams,
        stream_version  bigint NOT NULL,
        transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
        global_position bigint NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT es_commands_pkey PRIMARY KEY (actor_id, idempotency_key)
      )`);

    await db.query(`
      CREATE FUNCTION es_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE FUNCTION es_stream_version_only_grows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.stream_id <> OLD.stream_id OR NEW.stream_type <> OLD.stream_type OR NEW.version <= OLD.version THEN
          RAISE EXCEPTION 'es_streams: only the version may change, and only upwards'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['es_events', 'es_commands']) {
      await db.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
                        FOR EACH ROW EXECUTE FUNCTION es_refuse_change()`);
    }
    for (const table of ['es_events', 'es_commands', 'es_streams']) {
      await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
                        FOR EACH STATEMENT EXECUTE FUNCTION es_refuse_change()`);
    }
    await db.query(`CREATE TRIGGER es_streams_no_delete BEFORE DELETE ON es_streams
                      FOR EACH ROW EXECUTE FUNCTION es_refuse_change()`);
    await db.query(`CREATE TRIGGER es_streams_version_grows BEFORE UPDATE ON es_streams
                      FOR EACH ROW EXECUTE FUNCTION es_stream_version_only_grows()`);

    await db.query(`REVOKE ALL ON es_streams, es_events, es_commands FROM PUBLIC, pledge_app`);
    await db.query(`GRANT SELECT, INSERT ON es_events, es_commands TO pledge_app`);
    await db.query(`GRANT SELECT, INSERT, UPDATE (version) ON es_streams TO pledge_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Dropping the record of events is not something a migration may do.
    throw new Error(`The event store cannot be migrated down (${db.connection.options.type})`);
  }
}
