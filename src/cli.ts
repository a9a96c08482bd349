import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { parseArgs } from 'node:util';
import { loadMigrations } from '../migrations/index.js';
import {
  createAppPool,
  locateDatabase,
  runMigrations,
  type DatabaseLocation,
} from '../libs/database/index.js';
import { ProjectionRunner } from '../libs/projections/index.js';
import { AppModule } from './app.module.js';
import type { ContextRegistry } from './common/contexts/context-registry.js';
import { loadContextRegistry } from './common/contexts/discover.js';
import type { CliCommand } from './common/contexts/bounded-context.js';
import { ROLES, type Role } from './common/domain/actor.js';
import { loadConfig } from './config.js';
import { generatePassword } from './identity/passwords.js';
import { UsersService } from './identity/users.service.js';
import { CommandLineError, runCommandLine } from './operations/command-line.js';
import { rebuildProjections } from './operations/rebuild-projections.js';
import { openEventStore } from './common/persistence/event-store.js';

const help = (registry: ContextRegistry) => `Usage: npm run cli -- <command> [options]

  users:create --email EMAIL --name "NAME" --role admin|officer|scrutiny|auditor [--job-title "TITLE"]
                                  create a user and print a new API token for them
  users:list                      list users and their roles
  users:set-password --email EMAIL
                                  give a user a new generated password for the web pages
  tokens:issue --email EMAIL [--label LABEL]
                                  print a new API token for a user (only its hash is kept)
  tokens:revoke --email EMAIL     revoke every token the user has
  projections:status              each projection's checkpoint and how far behind it is
  projections:rebuild [NAME ...]  replay every event into fresh read-model tables and swap them in
${registry.cliCommands.map(({ command }) => `  ${command.usage}\n`).join('')}
The database is the server's: DATABASE_URL, or the embedded one under DATA_DIR (./data), also while
the server runs. These commands never create one.`;

type Flags = {
  email?: string;
  name?: string;
  role?: string;
  'job-title'?: string;
  label?: string;
  help?: boolean;
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      'job-title': { type: 'string' },
      label: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  const registry = await loadContextRegistry();
  if (!command || values.help || command === 'help') {
    console.log(help(registry));
    return command || values.help ? 0 : 2;
  }
  const ofAContext = registry.cliCommands.find((entry) => entry.command.name === command)?.command;
  const known = [
    'users:create',
    'users:list',
    'users:set-password',
    'tokens:issue',
    'tokens:revoke',
    'projections:status',
    'projections:rebuild',
  ];
  const clash = registry.cliCommands.find((entry) => known.includes(entry.command.name));
  if (clash)
    throw new CommandLineError(
      `The ${clash.context} context's command ${clash.command.name} is a command of the CLI's own`,
    );
  if (!known.includes(command) && !ofAContext) return usage(`Unknown command "${command}"`);

  const config = loadConfig();
  const database = await locateDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    create: false,
    attachToRunning: true,
  });
  try {
    await runMigrations(database.ownerUrl, await loadMigrations());
    if (ofAContext) return await contextCommand(ofAContext, rest, database, registry);
    if (command.startsWith('projections:'))
      return await projectionsCommand(command, rest, database, registry);
    return await usersCommand(command, values as Flags, database, registry);
  } finally {
    await database.stop();
  }
}

/** The application without HTTP, projections or sealing: for commands run through it. */
const openApp = (database: DatabaseLocation, registry: ContextRegistry) =>
  NestFactory.createApplicationContext(
    AppModule.register({ ownerUrl: database.ownerUrl, registry, runProjections: false }),
    { logger: ['error'] },
  );

/** A context's own command (its registration's `cli`), given the arguments after its name. */
function contextCommand(
  command: CliCommand,
  args: readonly string[],
  database: DatabaseLocation,
  registry: ContextRegistry,
): Promise<number> {
  return command.run(args, { ownerUrl: database.ownerUrl, openApp: () => openApp(database, registry) });
}

async function usersCommand(
  command: string,
  flags: Flags,
  database: DatabaseLocation,
  registry: ContextRegistry,
): Promise<number> {
  const app = await openApp(database, registry);
  try {
    const users = app.get(UsersService);
    if (command === 'users:list') {
      for (const user of await users.list()) {
        console.log(
          `${user.role.padEnd(9)} ${user.displayName.padEnd(24)} ${user.email.padEnd(40)} ${user.id}${user.disabledAt ? '  (disabled)' : ''}`,
        );
      }
      return 0;
    }
    if (!flags.email) return usage('--email is required');
    if (command === 'users:create') {
      if (!flags.name) return usage('--name is required');
      if (!flags.role || !ROLES.includes(flags.role as Role))
        return usage(`--role must be one of ${ROLES.join(', ')}`);
      const user = await users.create({
        email: flags.email,
        displayName: flags.name,
        role: flags.role as Role,
        jobTitle: flags['job-title'],
      });
      const token = await users.issueToken(user.id, flags.label ?? 'cli');
      console.log(
        `Created ${user.role} ${user.displayName} <${user.email}> (${user.id})\nAPI token (shown once): ${token}`,
      );
      return 0;
    }
    const user = await users.findByEmail(flags.email);
    if (!user)
      throw new CommandLineError(
        `No user has the email ${flags.email}. List them with: npm run cli -- users:list`,
      );
    if (command === 'users:set-password') {
      const password = generatePassword();
      await users.setPassword(user.id, password);
      console.log(`New password for ${user.displayName} (shown once): ${password}`);
    } else if (command === 'tokens:issue') {
      console.log(
        `API token for ${user.displayName} (shown once): ${await users.issueToken(user.id, flags.label ?? 'cli')}`,
      );
    } else {
      console.log(`Revoked ${await users.revokeTokens(user.id)} token(s) of ${user.displayName}`);
    }
    return 0;
  } finally {
    await app.close();
  }
}

async function projectionsCommand(
  command: string,
  names: string[],
  database: DatabaseLocation,
  registry: ContextRegistry,
): Promise<number> {
  const all = registry.projections();
  if (command === 'projections:status') {
    const pool = createAppPool(database.ownerUrl, 2);
    try {
      const store = openEventStore(pool, registry);
      const runner = new ProjectionRunner(pool, store, all);
      const head = await store.headPosition();
      const { rows } = await pool.query('SELECT count(*)::int AS events FROM es_events');
      console.log(
        `Event store: ${rows[0].events} events, head at ${head.transactionId}.${head.globalPosition}`,
      );
      for (const checkpoint of await runner.checkpoints()) {
        const behind =
          checkpoint.position.globalPosition === head.globalPosition &&
          checkpoint.position.transactionId === head.transactionId
            ? 'up to date'
            : 'behind';
        console.log(
          `  ${checkpoint.projection.padEnd(18)} ${String(checkpoint.eventsApplied).padStart(9)} events applied, at ${checkpoint.position.transactionId}.${checkpoint.position.globalPosition} (${behind}), updated ${checkpoint.updatedAt.toISOString()}`,
        );
      }
    } finally {
      await pool.end();
    }
    return 0;
  }
  // One line per projection: they advance together, one read of the events serving all of them.
  const progress = new MultiBar(
    {
      format: '{projection} [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    Presets.shades_classic,
  );
  const bars = new Map<string, SingleBar>();
  const results = await rebuildProjections(
    database.ownerUrl,
    registry,
    names,
    ({ projection, applied, total }) => {
      let bar = bars.get(projection);
      if (!bar) {
        bar = progress.create(Math.max(total, 1), 0, { projection: projection.padEnd(18) });
        bars.set(projection, bar);
      }
      bar.setTotal(Math.max(total, applied));
      bar.update(applied);
    },
  ).finally(() => progress.stop());
  for (const { projection, applied } of results)
    console.log(`Rebuilt ${projection} from ${applied} events and swapped it in.`);
  return 0;
}

const SEE_HELP = 'Run npm run cli -- --help for the commands and their options.';

function usage(message: string): never {
  throw new CommandLineError(`${message}. ${SEE_HELP}`, 2);
}

runCommandLine(main, SEE_HELP);
