import { join, resolve } from 'node:path';
import pg from 'pg';
import { startEmbeddedCluster, type EmbeddedCluster } from './embedded-postgres.js';

/** The role the application runs as: it may append events but never change them. */
export const APP_ROLE = 'pledge_app';
export const EMBEDDED_DATABASE = 'pledge_tracker';

export interface DatabaseLocation {
  /** Connection string for the schema owner: migrations and rebuilds. */
  readonly ownerUrl: string;
  readonly embedded: boolean;
  stop(): Promise<void>;
}

/** With a DATABASE_URL, that server; otherwise an embedded cluster kept under `dataDir`. */
export async function locateDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  log?: (line: string) => void;
  notice?: (line: string) => void;
  /** Use the embedded cluster of a server that is already running (for the CLI). */
  attachToRunning?: boolean;
}): Promise<DatabaseLocation> {
  if (options.databaseUrl) {
    return { ownerUrl: options.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const cluster: EmbeddedCluster = await startEmbeddedCluster({
    dataDir: join(resolve(options.dataDir), 'postgres'),
    log: options.log,
    notice: options.notice,
    attachToRunning: options.attachToRunning,
  });
  try {
    await ensureDatabase(cluster.adminUrl, EMBEDDED_DATABASE);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return { ownerUrl: cluster.urlFor(EMBEDDED_DATABASE), embedded: true, stop: () => cluster.stop() };
}

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
