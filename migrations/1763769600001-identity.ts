import type { MigrationInterface, QueryRunner } from 'typeorm';

/** People who use the tracker, their roles, and their API tokens (stored as SHA-256 digests). */
export class Identity1763769600001 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id            uuid PRIMARY KEY,
        email         text NOT NULL,
        display_name  text NOT NULL CHECK (display_name <> ''),
        role          text NOT NULL CHECK (role IN ('admin', 'officer', 'scrutiny', 'auditor')),
        job_title     text,
        password_hash text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        disabled_at   timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_unique ON users (lower(email))`);
    await db.query(`
      CREATE TABLE api_tokens (
        id           uuid PRIMARY KEY,
        user_id      uuid NOT NULL REFERENCES users ON DELETE CASCADE,
        label        text NOT NULL,
        token_hash   text NOT NULL UNIQUE,
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at   timestamptz
      )`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON users, api_tokens TO pledge_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE api_tokens, users`);
  }
}
