import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { startEmbeddedCluster, type EmbeddedCluster } from './embedded-postgres.js';

/** The role the application runs as: it may append events but never change them. */
export const APP_ROLE = 'pledge_app';
export const EMBEDDED_DATABASE = 'pledge_tracker';

/** Where TypeORM records the migrations applied: a database without it was never set up. */
export const MIGRATIONS_TABLE = 'schema_migrations';

export interface DatabaseLocation {
  /** Connection string for the schema owner: migrations and rebuilds. */
  readonly ownerUrl: string;
  readonly embedded: boolean;
  stop(): Promise<void>;
}

/** No database where one was looked for, or none that can be reached: what is wrong, in one line. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

const POINT_AT_THE_SERVERS =
  'Only the server (npm start) creates a database; run this command with the same DATA_DIR as the ' +
  'server (its start-up banner says "Database: embedded PostgreSQL in <DATA_DIR>/postgres"; unset, ' +
  'DATA_DIR is ./data in the current directory), or with the DATABASE_URL of its PostgreSQL.';

/**
 * With a DATABASE_URL, that server; otherwise an embedded cluster kept under `dataDir`. Only with
 * `create` (the server's start) is a missing cluster or database made: a command line tool
 * pointed at the wrong place must say so, not make an empty database beside the server's.
 */
export async function locateDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  create: boolean;
  log?: (line: string) => void;
  notice?: (line: string) => void;
  /** Use the embedded cluster of a server that is already running (for the CLI). */
  attachToRunning?: boolean;
}): Promise<DatabaseLocation> {
  if (options.databaseUrl) {
    const what = `the database at DATABASE_URL (${redacted(options.databaseUrl)})`;
    await checkDatabase(options.databaseUrl, what, { mustBeSetUp: !options.create });
    return { ownerUrl: options.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const clusterDir = join(resolve(options.dataDir), 'postgres');
  if (!options.create && !existsSync(join(clusterDir, 'PG_VERSION')))
    throw new DatabaseUnavailableError(`There is no database in ${clusterDir}. ${POINT_AT_THE_SERVERS}`);
  const cluster: EmbeddedCluster = await startEmbeddedCluster({
    dataDir: clusterDir,
    log: options.log,
    notice: options.notice,
    attachToRunning: options.attachToRunning,
  });
  const ownerUrl = cluster.urlFor(EMBEDDED_DATABASE);
  try {
    if (options.create) await ensureDatabase(cluster.adminUrl, EMBEDDED_DATABASE);
    else await checkDatabase(ownerUrl, `the embedded database in ${clusterDir}`, { mustBeSetUp: true });
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return { ownerUrl, embedded: true, stop: () => cluster.stop() };
}

/** Connects once, so that a database out of reach, missing or never set up is named before any work. */
async function checkDatabase(url: string, what: string, { mustBeSetUp }: { mustBeSetUp: boolean }) {
  const client = new pg.Client(url);
  client.on('error', () => undefined); // a session lost after the check: nothing uses it
  try {
    await client.connect();
  } catch (error) {
    if (mustBeSetUp && (error as { code?: string }).code === '3D000')
      throw new DatabaseUnavailableError(`${capitalised(what)} does not exist. ${POINT_AT_THE_SERVERS}`);
    throw new DatabaseUnavailableError(`Cannot connect to ${what}: ${(error as Error).message}`);
  }
  try {
    if (!mustBeSetUp) return;
    const { rows } = await client.query(`SELECT to_regclass($1) IS NOT NULL AS set_up`, [MIGRATIONS_TABLE]);
    if (!rows[0].set_up)
      throw new DatabaseUnavailableError(
        `${capitalised(what)} has never been set up by the server: it holds none of its tables. ${POINT_AT_THE_SERVERS}`,
      );
  } finally {
    await client.end();
  }
}

/** A connection string fit to print: without its password. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'not a URL';
  }
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client(adminUrl);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(
        `CREATE DATABASE ${pg.escapeIdentifier(name)}${template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : ''}`,
      );
    }
  } finally {
    await client.end();
  }
}

/** A pool whose sessions run as the application role (see migrations/*-event-store.ts). */
export function createAppPool(ownerUrl: string, max = 10, onError?: (error: Error) => void): pg.Pool {
  return withErrorListener(
    new pg.Pool({ connectionString: ownerUrl, max, options: `-c role=${APP_ROLE}` }),
    onError,
  );
}

/** A pool with the owner's rights: for rebuilds, administration and tests, never for requests. */
export function createOwnerPool(ownerUrl: string, max = 2, onError?: (error: Error) => void): pg.Pool {
  return withErrorListener(new pg.Pool({ connectionString: ownerUrl, max }), onError);
}

// An idle session ended by the server (a restart, pg_terminate_backend) must not crash the
// process: the pool drops it and opens another when next asked.
function withErrorListener(pool: pg.Pool, onError?: (error: Error) => void): pg.Pool {
  pool.on('error', (error) => onError?.(error));
  return pool;
}
