/**
 * The server, the admin CLI and the audit CLI as a new user runs them: built programs in processes
 * of their own, on an embedded PostgreSQL in a data directory of their own, with none of the
 * product's settings in their environment. Whatever happens, cleanUp stops them all.
 */
import { jest } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import {
  BUILT,
  cleanUp,
  demoTokens,
  freshDataDir,
  requireBuild,
  runProgram,
  startServer,
  stillRunning,
  userEnvironment,
  type RunningServer,
} from './support/processes.js';

jest.setTimeout(120_000);

const OFFICER = 'priya.mistry@demo.leicester.example';

beforeAll(() => requireBuild());
afterAll(() => cleanUp());

async function get(server: RunningServer, path: string, token?: string) {
  const reply = await fetch(`${server.url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await reply.text();
  return { status: reply.status, text, json: () => JSON.parse(text) };
}

describe('npm start, on a machine with nothing but Node.js', () => {
  const dataDir = freshDataDir();
  let server: RunningServer | undefined;
  let officerToken = '';

  it('starts an embedded PostgreSQL, records the demonstration, and says where it is and how to sign in', async () => {
    server = await startServer(dataDir, [], { npm: true });
    const output = server.output();
    expect(output).toMatch(/Applied migrations: EventStore\d+/);
    expect(output).toContain(`Database: embedded PostgreSQL in ${dataDir}/postgres`);
    expect(output).toContain(`Sign in at ${server.url}/sign-in`);
    const tokens = demoTokens(output);
    expect([...tokens.keys()]).toEqual(
      expect.arrayContaining([OFFICER, 'mark.ellis@demo.leicester.example']),
    );
    officerToken = tokens.get(OFFICER)!;

    const mine = await get(server, '/api/v1/me/actions', officerToken);
    expect(mine.status).toBe(200);
    expect(mine.json().length).toBeGreaterThan(0);
    const signIn = await get(server, '/sign-in');
    expect(signIn.status).toBe(200);
    expect(signIn.text).toContain('Sign in');
    // The demonstration is Leicester's story, so with no COUNCIL_NAME its pages name Leicester.
    expect(signIn.text).toContain('<title>Sign in – VCSE pledge tracker – Leicester City Council</title>');
  });

  it('stops cleanly on SIGTERM, and starts again with its data and without seeding it twice', async () => {
    expect(await server!.stop('SIGTERM')).toBe(0);
    expect(server!.output()).toContain('SIGTERM: finishing requests in flight, then stopping');
    expect(server!.output()).not.toMatch(ERROR_LINE);
    expect(stillRunning(server!.tree)).toEqual([]);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false); // PostgreSQL stopped too

    server = await startServer(dataDir);
    expect(server.output()).not.toContain('Demo users');
    expect(server.output()).not.toContain('Applied migrations');
    expect((await get(server, '/api/v1/me/actions', officerToken)).status).toBe(200);
    // Not seeded this time, but the demonstration is still what it holds.
    expect((await get(server, '/sign-in')).text).toContain('– Leicester City Council</title>');
  });

  it('after kill -9, the next start stops the PostgreSQL left behind and carries on', async () => {
    expect(await server!.stop('SIGKILL')).toBeNull();
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true); // orphaned, still running

    server = await startServer(dataDir);
    expect(server.output()).toContain(
      'was left running by a server that did not shut down cleanly; stopping it',
    );
    expect((await get(server, '/api/v1/me/actions', officerToken)).status).toBe(200);
  });

  it('exports the sealed record while it runs, and the export verifies offline with no database', async () => {
    const exportPath = join(dirname(dataDir), 'export.jsonl');
    const exported = await runProgram(
      BUILT.audit,
      ['export', '--out', exportPath],
      userEnvironment({ DATA_DIR: dataDir }),
    );
    expect(exported.stderr).not.toMatch(/error/i);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^Wrote \d+ sealed events to /);
    const treeHead = exportPath.replace(/\.jsonl$/, '.tree-head.json');
    const publicKey = exportPath.replace(/\.jsonl$/, '.public-key.pem');

    // Nowhere to find a database: DATA_DIR points at nothing, DATABASE_URL is unset.
    const offline = userEnvironment({ DATA_DIR: join(dirname(dataDir), 'nothing-here') });
    const verify = (path: string) =>
      runProgram(BUILT.audit, ['verify', path, '--tree-head', treeHead, '--public-key', publicKey], offline);
    const good = await verify(exportPath);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^Verified: \d+ events hash to the signed root/);

    // One event changed in the file: the verifier names that event and exits 1.
    const lines = readFileSync(exportPath, 'utf8').split('\n');
    const index = lines.findLastIndex((line) => line.includes('"kind":"leaf"'));
    const victim = JSON.parse(lines[index]);
    victim.event.data = { ...victim.event.data, note: 'added afterwards' };
    lines[index] = JSON.stringify(victim);
    const tamperedPath = exportPath.replace(/\.jsonl$/, '-tampered.jsonl');
    writeFileSync(tamperedPath, lines.join('\n'));
    const bad = await verify(tamperedPath);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('NOT VERIFIED');
    expect(bad.stdout).toContain(
      `Leaf ${victim.leafIndex} does not match what was sealed: event ${victim.event.eventId}`,
    );

    // Two lines swapped: named as a swap of both events, at both leaves, in words and in --json.
    const original = readFileSync(exportPath, 'utf8').split('\n');
    const [first, second] = [
      original.findIndex((line) => line.includes('"leafIndex":3,')),
      original.findIndex((line) => line.includes('"leafIndex":9,')),
    ];
    [original[first], original[second]] = [original[second], original[first]];
    const swappedPath = exportPath.replace(/\.jsonl$/, '-swapped.jsonl');
    writeFileSync(swappedPath, original.join('\n'));
    const swapped = await verify(swappedPath);
    expect(swapped.code).toBe(1);
    expect(swapped.stdout).toContain('Leaves 3 and 9 are swapped in the export: ');
    const asJson = await runProgram(
      BUILT.audit,
      ['verify', swappedPath, '--tree-head', treeHead, '--public-key', publicKey, '--json'],
      offline,
    );
    expect(JSON.parse(asJson.stdout).findings).toEqual([
      expect.objectContaining({
        kind: 'swapped',
        leaves: [3, 9],
        events: [
          expect.objectContaining({ eventId: JSON.parse(original[second]).sealedEventId, line: second + 1 }),
          expect.objectContaining({ eventId: JSON.parse(original[first]).sealedEventId, line: first + 1 }),
        ],
      }),
    ]);

    const misuse = await runProgram(BUILT.audit, ['verify', exportPath], offline);
    expect(misuse.code).toBe(2);
    expect(misuse.stderr + misuse.stdout).toContain('verify needs --tree-head and --public-key');
  });

  it('stops cleanly on SIGINT (Ctrl-C) too', async () => {
    expect(await server!.stop('SIGINT')).toBe(0);
    expect(server!.output()).not.toMatch(ERROR_LINE);
    expect(stillRunning(server!.tree)).toEqual([]);
    server = undefined;
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});

describe('npm start, stopped each way a person or a machine stops it', () => {
  const dataDir = freshDataDir();

  it.each([
    { how: 'kill <npm> (SIGTERM)', signal: 'SIGTERM', group: false, npmExits: 0 },
    { how: 'kill -INT <npm>', signal: 'SIGINT', group: false, npmExits: 0 },
    // A terminal signals its whole foreground job: npm, and the server beside it.
    {
      how: 'Ctrl-C in the terminal (SIGINT to npm and the server)',
      signal: 'SIGINT',
      group: true,
      npmExits: 0,
    },
    {
      how: 'the terminal closed (SIGHUP to npm and the server)',
      signal: 'SIGHUP',
      group: true,
      npmExits: null,
    },
    // Nothing reaches the server: it sees that the process that started it is gone.
    { how: 'npm killed outright (kill -9 <npm>)', signal: 'SIGKILL', group: false, npmExits: null },
  ] as const)(
    '$how: the server and its PostgreSQL stop in order, say no ERROR, and leave nothing running',
    async ({ signal, group, npmExits }) => {
      const server = await startServer(dataDir, ['--empty'], { npm: true });
      const port = postgresPort(dataDir);
      expect(await isListening(port)).toBe(true);
      // npm, the server it started, PostgreSQL and PostgreSQL's own processes
      expect(server.tree.map(({ command }) => command)).toEqual(expect.arrayContaining(['node', 'postgres']));

      expect(await server.stop(signal, { group })).toBe(npmExits);

      expect(stillRunning(server.tree)).toEqual([]);
      expect(await isListening(port)).toBe(false);
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
      expect(server.output()).toMatch(/: finishing requests in flight, then stopping\n/);
      expect(server.output()).not.toMatch(ERROR_LINE);
    },
  );
});

describe('npm start, when no one reads what it prints any more (a closed terminal, a dead pipe)', () => {
  it('still stops in order on SIGTERM, and exits 0', async () => {
    const dataDir = freshDataDir();
    const server = await startServer(dataDir, ['--empty'], { npm: true });
    server.child.stdout!.destroy(); // every write of npm and the server now fails (EPIPE)
    server.child.stderr!.destroy();
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(stillRunning(server.tree)).toEqual([]);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});

/** A line Nest logs at the ERROR level, or npm's report of a script that failed. */
const ERROR_LINE = /\bERROR\b|^npm error/m;

/** The port the embedded PostgreSQL in `dataDir` listens on: line 4 of its postmaster.pid. */
function postgresPort(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]);
}

function isListening(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      answer(true);
    });
    socket.once('error', () => answer(false));
  });
}

describe('npm start -- --empty, and the admin CLI', () => {
  it('starts with no data and no users; an admin made with the CLI can then use the API', async () => {
    const dataDir = freshDataDir();
    const server = await startServer(dataDir, ['--empty']);
    try {
      expect(server.output()).not.toContain('Demo users');
      expect(server.output()).toContain('npm run cli -- users:create');
      // Someone else's data: no council is named for them but a neutral one.
      expect((await get(server, '/sign-in')).text).toContain(
        '<title>Sign in – VCSE pledge tracker – Council</title>',
      );
      const env = userEnvironment({ DATA_DIR: dataDir });
      const created = await runProgram(
        BUILT.cli,
        ['users:create', '--email', 'clerk@council.gov.uk', '--name', 'Casey Clerk', '--role', 'admin'],
        env,
      );
      expect(created.code).toBe(0);
      const token = /API token \(shown once\): (\S+)/.exec(created.stdout)?.[1];
      expect(token).toBeDefined();
      const strategies = await get(server, '/api/v1/strategies', token);
      expect(strategies.status).toBe(200);
      expect(strategies.json()).toEqual([]);

      const wrongRole = await runProgram(
        BUILT.cli,
        ['users:create', '--email', 'x@council.gov.uk', '--name', 'X', '--role', 'mayor'],
        env,
      );
      expect(wrongRole.code).toBe(2);
      expect(wrongRole.stderr + wrongRole.stdout).toContain(
        '--role must be one of admin, officer, scrutiny, auditor',
      );
      const listed = await runProgram(BUILT.cli, ['users:list'], env);
      expect(listed.stdout).toContain('clerk@council.gov.uk');
      expect(listed.stdout).not.toContain('x@council.gov.uk');
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
  });
});
