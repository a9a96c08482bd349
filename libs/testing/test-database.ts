import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadMigrations } from '../../migrations/index.js';
import { ensureDatabase, runMigrations } from '../database/index.js';

const ADMIN_URL = 'PLEDGE_TEST_ADMIN_URL';
const TEMPLATE = 'PLEDGE_TEST_TEMPLATE';

/** Where jest's global setup put the test server and the migrated template database. */
export function testServer(): { adminUrl: string; template: string } {
  const adminUrl = process.env[ADMIN_URL];
  const template = process.env[TEMPLATE];
  if (!adminUrl || !template) {
    throw new Error(
      `${ADMIN_URL} is not set: run integration tests through jest, whose global setup starts PostgreSQL`,
    );
  }
  return { adminUrl, template };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export interface TestDatabase {
  readonly name: string;
  /** Owner (superuser) connection string. */
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh, fully migrated database for one test file, copied from the template in milliseconds. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, template } = testServer();
  await ensureTemplate(adminUrl, template);
  const name = `pledge_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(adminUrl, name, template);
  return {
    name,
    url: withDatabase(adminUrl, name),
    async drop() {
      const admin = new pg.Client(adminUrl);
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Migrates the template once per run; test files in parallel workers wait on an advisory lock. */
async function ensureTemplate(adminUrl: string, template: string): Promise<void> {
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    const { rowCount } = await admin.query(
      `SELECT 1 FROM pg_database WHERE datname = $1 AND NOT datallowconn IS FALSE AND datistemplate`,
      [template],
    );
    if (!rowCount) {
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(template)} WITH (FORCE)`);
      await ensureDatabase(adminUrl, template);
      await runMigrations(withDatabase(adminUrl, template), await loadMigrations());
      await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(template)} WITH IS_TEMPLATE true`);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [template]).catch(() => undefined);
    await admin.end();
  }
}
