import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationInterface } from 'typeorm';
import { EventStore1763769600000 } from './1763769600000-event-store.js';
import { Identity1763769600001 } from './1763769600001-identity.js';
import { ProjectionCheckpoints1763769600002 } from './1763769600002-projection-checkpoints.js';
import { WebSessions1763769600003 } from './1763769600003-web-sessions.js';
import { Ledger1763769600004 } from './1763769600004-ledger.js';
import { CommandAnswerId1763769600005 } from './1763769600005-command-answer-id.js';
import { EventStreamType1763769600006 } from './1763769600006-event-stream-type.js';

export type Migration = new () => MigrationInterface;

/** The migrations of what every context shares, oldest first. A new one is added here as well as to this folder. */
export const SHARED_MIGRATIONS: readonly Migration[] = [
  EventStore1763769600000,
  Identity1763769600001,
  ProjectionCheckpoints1763769600002,
  WebSessions1763769600003,
  Ledger1763769600004,
  CommandAnswerId1763769600005,
  EventStreamType1763769600006,
];

/** src/ beside this folder, or dist/src/ when built. */
const SOURCE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
const MIGRATION_FILE = /^\d{13}-[a-z0-9-]+\.(ts|js)$/;
const TIMESTAMPED = /(\d{13})$/;

/**
 * Every migration: the shared ones and each context's, the files of `src/<context>/migrations/`,
 * found without loading the contexts (the test template and the command-line tools need the list
 * too). In timestamp order, as TypeORM applies them. A migration is known to a database by its
 * class name: a class that has run anywhere keeps its name wherever it moves.
 */
export async function loadMigrations(sourceRoot = SOURCE_ROOT): Promise<Migration[]> {
  const found: Migration[] = [];
  for (const folder of readdirSync(sourceRoot, { withFileTypes: true }).filter((entry) =>
    entry.isDirectory(),
  )) {
    const dir = join(sourceRoot, folder.name, 'migrations');
    let files: string[];
    try {
      files = readdirSync(dir).filter((file) => MIGRATION_FILE.test(file));
    } catch {
      continue; // a folder without migrations of its own
    }
    for (const file of files.sort()) {
      const classes = Object.values((await import(join(dir, file))) as Record<string, unknown>).filter(
        (value): value is Migration => typeof value === 'function' && TIMESTAMPED.test(value.name),
      );
      if (classes.length !== 1)
        throw new Error(
          `src/${folder.name}/migrations/${file} must export one migration class named <Name><timestamp>`,
        );
      found.push(classes[0]);
    }
  }
  const all = [...SHARED_MIGRATIONS, ...found];
  const names = all.map((migration) => migration.name);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice) throw new Error(`Two migrations are called ${twice}`);
  const timestamp = (migration: Migration) => Number(TIMESTAMPED.exec(migration.name)![1]);
  return all.sort((a, b) => timestamp(a) - timestamp(b));
}
