/**
 * `npm run cli` and `npm run audit` as a person runs them, from the wrong directory, with the wrong
 * settings or the wrong arguments: each expected failure is one line that says what to do, with no
 * stack trace, and nothing is created where the tools looked. Only `npm start` creates a database.
 */
import { jest } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ensureDatabase, freePort } from '../libs/database/index.js';
import { createTestDatabase, testServer, withDatabase, type TestDatabase } from '../libs/testing/index.js';
import {
  BUILT,
  cleanUp,
  freshDirectory,
  requireBuild,
  runProgram,
  userEnvironment,
  type Finished,
} from './support/processes.js';

jest.setTimeout(60_000);

beforeAll(() => requireBuild());
afterAll(() => cleanUp());

/** The program failed with `code`, saying one line, with no stack trace, on stderr only. */
function expectOneLine(result: Finished, code: number): string {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0];
}

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('pointed at a directory with no database', () => {
  it.each([
    ['cli', 'users:list'],
    ['cli', 'projections:status'],
    ['audit', 'export'],
  ] as const)(
    'npm run %s -- %s, run from an empty directory: says where it looked and how to point it at the server, and creates nothing',
    async (program, command) => {
      const cwd = freshDirectory();
      const result = await runProgram(BUILT[program], [command], userEnvironment(), { cwd });
      const line = expectOneLine(result, 1);
      expect(line).toContain(`There is no database in ${join(cwd, 'data', 'postgres')}.`);
      expect(line).toContain('run this command with the same DATA_DIR as the server');
      expect(line).toContain('DATABASE_URL');
      expect(readdirSync(cwd)).toEqual([]);
    },
  );

  it('with a DATA_DIR that is not the server’s: names that directory, and does not create it', async () => {
    const parent = freshDirectory();
    const dataDir = join(parent, 'not-the-servers');
    const result = await runProgram(BUILT.cli, ['users:list'], userEnvironment({ DATA_DIR: dataDir }));
    expect(expectOneLine(result, 1)).toContain(`There is no database in ${join(dataDir, 'postgres')}.`);
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('pointed at a PostgreSQL with DATABASE_URL', () => {
  let setUp: TestDatabase;
  const empty = `pledge_test_empty_${process.pid}`;
  beforeAll(async () => {
    setUp = await createTestDatabase(); // migrated, as a server leaves it, but nothing recorded
    await ensureDatabase(testServer().adminUrl, empty);
  });
  afterAll(async () => {
    await setUp.drop();
    const admin = new pg.Client(testServer().adminUrl);
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(empty)}`);
    await admin.end();
  });
  const url = (database: string) => withDatabase(testServer().adminUrl, database);

  it('that nothing listens on: says it cannot connect, to what, and why', async () => {
    const nowhere = `postgres://postgres@127.0.0.1:${await freePort()}/pledge`;
    const result = await runProgram(BUILT.cli, ['users:list'], userEnvironment({ DATABASE_URL: nowhere }));
    expect(expectOneLine(result, 1)).toMatch(
      new RegExp(
        `^${literally(`Cannot connect to the database at DATABASE_URL (${nowhere}): `)}.*ECONNREFUSED`,
      ),
    );
  });

  it('whose database the server never set up: says so, and sets nothing up itself', async () => {
    const result = await runProgram(BUILT.audit, ['export'], userEnvironment({ DATABASE_URL: url(empty) }));
    expect(expectOneLine(result, 1)).toMatch(
      /^The database at DATABASE_URL \(.*\) has never been set up by the server: .*DATA_DIR.*DATABASE_URL/,
    );
    const client = new pg.Client(url(empty));
    await client.connect();
    const { rows } = await client.query(
      `SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    await client.end();
    expect(rows[0].tables).toBe(0);
  });

  it('with no tree head signed yet: the audit export says so and when there will be one', async () => {
    const cwd = freshDirectory();
    const result = await runProgram(BUILT.audit, ['export'], userEnvironment({ DATABASE_URL: setUp.url }), {
      cwd,
    });
    expect(expectOneLine(result, 1)).toBe(
      'No tree head has been signed yet in the database at DATABASE_URL: the server signs one as it starts, ' +
        'and then as events arrive; export again once it has.',
    );
    expect(readdirSync(cwd)).toEqual([]); // no empty export left behind
  });

  it('for a user who does not exist: names the email and how to list users', async () => {
    const result = await runProgram(
      BUILT.cli,
      ['tokens:issue', '--email', 'nobody@council.gov.uk'],
      userEnvironment({ DATABASE_URL: setUp.url }),
    );
    expect(expectOneLine(result, 1)).toBe(
      'No user has the email nobody@council.gov.uk. List them with: npm run cli -- users:list',
    );
  });
});

describe('with arguments it cannot use', () => {
  it.each([
    ['cli', ['users:list', '--colour'], "Unknown option '--colour'. Run npm run cli -- --help"],
    [
      'cli',
      ['tokens:issue', '--email'],
      "Option '--email <value>' argument missing. Run npm run cli -- --help",
    ],
    ['cli', ['users:delete'], 'Unknown command "users:delete". Run npm run cli -- --help'],
    ['audit', ['export', '--out'], "Option '--out <value>' argument missing. Run npm run audit -- --help"],
    ['audit', ['import'], 'Unknown command "import". Run npm run audit -- --help'],
    ['audit', ['verify'], 'verify needs exactly one export file. Run npm run audit -- --help'],
  ] as const)(
    'npm run %s -- %j: one line saying what is wrong, exit code 2',
    async (program, args, message) => {
      const result = await runProgram(BUILT[program], [...args], userEnvironment(), {
        cwd: freshDirectory(),
      });
      expect(expectOneLine(result, 2)).toMatch(new RegExp(`^${literally(message)}`));
    },
  );
});
