import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every event carries its stream's type, so that projections subscribe by type (a filter in the
 * catch-up read) and never by the start of a stream id. Events recorded before this are given
 * their stream's type from es_streams. The column is not part of the sealed envelope (see
 * src/audit/event-envelope.ts), so no leaf hash changes; the append-only trigger is set aside for
 * that one statement, inside this migration's transaction, by the owner. The foreign key on
 * (stream_id, stream_type) replaces the one on stream_id alone: an event's type is its stream's.
 */
export class EventStreamType1763769600006 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE es_events ADD COLUMN stream_type text`);
    await db.query(`ALTER TABLE es_events DISABLE TRIGGER es_events_append_only`);
    await db.query(
      `UPDATE es_events e SET stream_type = s.stream_type FROM es_streams s WHERE s.stream_id = e.stream_id`,
    );
    await db.query(`ALTER TABLE es_events ENABLE TRIGGER es_events_append_only`);
    await db.query(`ALTER TABLE es_events ALTER COLUMN stream_type SET NOT NULL`);
    await db.query(
      `ALTER TABLE es_streams ADD CONSTRAINT es_streams_id_type UNIQUE (stream_id, stream_type)`,
    );
    await db.query(`ALTER TABLE es_events DROP CONSTRAINT es_events_stream_id_fkey`);
    await db.query(`
      ALTER TABLE es_events ADD CONSTRAINT es_events_stream
        FOREIGN KEY (stream_id, stream_type) REFERENCES es_streams (stream_id, stream_type)`);
  }

  async down(db: QueryRunner): Promise<void> {
    throw new Error(`The event store cannot be migrated down (${db.connection.options.type})`);
  }
}
