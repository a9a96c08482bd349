import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sign-in sessions for the web pages, and failed sign-ins for throttling. */
export class WebSessions1763769600003 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE web_sessions (
        id_hash      text PRIMARY KEY,
        user_id      uuid REFERENCES users ON DELETE CASCADE,
        csrf_token   text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX web_sessions_expiry ON web_sessions (expires_at)`);
    await db.query(`
      CREATE TABLE sign_in_failures (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email      text NOT NULL,
        client_ip  text NOT NULL,
        failed_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX sign_in_failures_email ON sign_in_failures (lower(email), failed_at)`);
    await db.query(`CREATE INDEX sign_in_failures_ip ON sign_in_failures (client_ip, failed_at)`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON web_sessions, sign_in_failures TO pledge_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sign_in_failures, web_sessions`);
  }
}
