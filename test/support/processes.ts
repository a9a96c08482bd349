import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPOSITORY = resolve('.');

/** The built programs a user runs: `npm start`, `npm run cli`, `npm run audit`. */
export const BUILT = {
  server: resolve('dist/src/main.js'),
  cli: resolve('dist/src/cli.js'),
  audit: resolve('dist/src/audit-cli.js'),
};

/** Fails at once, and says why, when the programs have not been built (npm run test:int builds them). */
export function requireBuild(): void {
  const missing = Object.values(BUILT).filter((path) => !existsSync(path));
  if (missing.length)
    throw new Error(`Build first (npm run build; npm run test:int does it): missing ${missing.join(', ')}`);
}

/** Settings of the product a test runner's environment may carry; a new user has none of them. */
const PRODUCT_SETTINGS = [
  'DATABASE_URL', // these tests are about the embedded default
  'DATA_DIR',
  'PORT',
  'HOST',
  'DEMO_DATA',
  'LEDGER_SIGNING_KEY_FILE',
  'TREE_HEAD_EVERY_EVENTS',
  'TREE_HEAD_EVERY_SECONDS',
];

/** The environment of a user with nothing configured but what is given. */
export function userEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const name of PRODUCT_SETTINGS) delete env[name];
  return { ...env, ...extra };
}

const made: string[] = [];
const started = new Set<ChildProcess>();
/** Started as a job of their own: signalled as a process group. */
const groups = new WeakSet<ChildProcess>();

/** A directory of its own, empty, which PostgreSQL's unprivileged user can reach when run as root. */
export function freshDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-process-'));
  chmodSync(dir, 0o755);
  made.push(dir);
  return dir;
}

/** A data directory in a directory of its own; nothing is in it until a server starts there. */
export function freshDataDir(): string {
  return join(freshDirectory(), 'data');
}

/**
 * After the tests, pass or fail: stops every server still running (SIGTERM, then SIGKILL; for
 * `npm start`, its whole process group, so a server that outlived npm goes too), stops any
 * PostgreSQL a killed one left behind, and deletes the data directories.
 */
export async function cleanUp(): Promise<void> {
  await Promise.all(
    [...started].map(async (child) => {
      const group = groups.has(child);
      const kill = (signal: NodeJS.Signals) => {
        try {
          process.kill(group ? -child.pid! : child.pid!, signal);
        } catch {
          // already gone
        }
      };
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        kill('SIGTERM');
        const timer = setTimeout(() => kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      if (group) kill('SIGKILL');
    }),
  );
  started.clear();
  for (const dir of made.splice(0)) {
    const pidFile = join(dir, 'data', 'postgres', 'postmaster.pid');
    if (existsSync(pidFile)) await stopPostgres(Number(readFileSync(pidFile, 'utf8').split('\n')[0]));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Stops the PostgreSQL a killed server left running: fast shutdown, then SIGKILL after 10 s. */
async function stopPostgres(pid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  // The pid file may be stale and its pid reused: only a PostgreSQL is ours to stop.
  const isPostgres = () => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
    } catch {
      return false;
    }
  };
  if (!(pid > 0) || !alive() || !isPostgres()) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; alive() && waited < 10_000; waited += 50)
    await new Promise((done) => setTimeout(done, 50));
  if (alive()) process.kill(pid, 'SIGKILL');
}

/** A first start creates a cluster and records the demo: a few seconds; this is for a hang. */
const STARTING_MS = 60_000;
/** An orderly stop takes a second or two; this is for a hang. */
const STOPPING_MS = 30_000;

export interface RunningServer {
  readonly url: string;
  /** Everything it has printed so far, stdout and stderr together. */
  output(): string;
  /**
   * Sends the signal to the process started (npm, or the server itself), or with `group` to its
   * whole process group, as a terminal does on Ctrl-C (SIGINT) or when it is closed (SIGHUP).
   * Answers once every process holding the output has ended: the exit code, null when killed.
   */
  stop(signal: NodeJS.Signals, options?: { group?: boolean }): Promise<number | null>;
  /** The processes it ran as when it was ready: npm, the server, PostgreSQL and its children. */
  readonly tree: readonly ProcessInfo[];
  readonly child: ChildProcess;
}

/**
 * Starts the server as a user does and waits for it to say where it is running: with `npm`, the
 * way the README says, `npm start`, as a job of its own (its own process group, like a shell's);
 * otherwise the built program directly. npm skips `prestart`: the test run built the programs
 * already, and rebuilding dist/ here would rewrite it under other test files running it.
 */
export function startServer(
  dataDir: string,
  args: string[] = [],
  options: { npm?: boolean } = {},
): Promise<RunningServer> {
  const env = userEnvironment({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
  const child = options.npm
    ? spawn('npm', ['start', '--ignore-scripts', '--', ...args], {
        cwd: REPOSITORY,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      })
    : spawn(process.execPath, [BUILT.server, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.add(child);
  if (options.npm) groups.add(child);
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  // 'close': every process writing to these pipes has ended, the server too when npm went first.
  const closed = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
  return new Promise((ready, fail) => {
    const giveUp = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`The server did not say it was running within ${STARTING_MS / 1000} s:\n${output}`));
    }, STARTING_MS);
    const onData = (data: Buffer) => {
      output += String(data);
      const url = /Pledge tracker is running at (http:\/\/\S+)/.exec(output)?.[1];
      if (url && output.includes('Sign in at')) {
        clearTimeout(giveUp);
        // The start-up banner is printed in one write; give the rest of it a moment to arrive.
        setTimeout(() => {
          const tree = processTree(child.pid!);
          ready({
            url,
            output: () => output,
            child,
            tree,
            stop: async (signal, { group = false } = {}) => {
              process.kill(group ? -child.pid! : child.pid!, signal);
              let timer: NodeJS.Timeout | undefined;
              const hung = new Promise<never>((_, failStop) => {
                timer = setTimeout(() => {
                  const left = stillRunning(tree);
                  for (const { pid } of left) process.kill(pid, 'SIGKILL');
                  failStop(
                    new Error(
                      `Still running ${STOPPING_MS / 1000} s after ${signal}, so killed: ` +
                        `${left.map(({ pid, command }) => `${pid} ${command}`).join(', ')}\n${output}`,
                    ),
                  );
                }, STOPPING_MS);
              });
              try {
                return await Promise.race([closed, hung]);
              } finally {
                clearTimeout(timer);
              }
            },
          });
        }, 50);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(giveUp);
      fail(new Error(`The server exited (${code}) before it was ready:\n${output}`));
    });
  });
}

export interface ProcessInfo {
  readonly pid: number;
  /** When it began, in clock ticks since boot: a pid reused later is a different process. */
  readonly startTime: string;
  readonly command: string;
}

/** A process and all its descendants, as /proc shows them now. */
export function processTree(root: number): ProcessInfo[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const stat = readStat(Number(entry));
    if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(entry)]);
  }
  const tree: ProcessInfo[] = [];
  for (const pending = [root]; pending.length;) {
    const pid = pending.shift()!;
    const stat = readStat(pid);
    if (!stat) continue;
    tree.push({ pid, startTime: stat.startTime, command: stat.command });
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Those of `processes` still running: the same process (not a reused pid), and not a zombie. */
export function stillRunning(processes: readonly ProcessInfo[]): ProcessInfo[] {
  return processes.filter((known) => {
    const stat = readStat(known.pid);
    return stat !== undefined && stat.startTime === known.startTime && stat.state !== 'Z';
  });
}

function readStat(
  pid: number,
): { ppid: number; state: string; startTime: string; command: string } | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command (field 2) is in parentheses and may hold spaces; count the fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    state: fields[0],
    ppid: Number(fields[1]),
    startTime: fields[19],
    command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
  };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built command line program to its end; one that runs past a minute is killed and fails. */
export function runProgram(
  program: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { cwd?: string } = {},
): Promise<Finished> {
  const child = spawn(process.execPath, [program, ...args], {
    env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data) => (stdout += String(data)));
  child.stderr.on('data', (data) => (stderr += String(data)));
  return new Promise((done, fail) => {
    const giveUp = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${program} ${args.join(' ')} did not finish within a minute:\n${stdout}${stderr}`));
    }, 60_000);
    child.once('close', (code) => {
      clearTimeout(giveUp);
      done({ code, stdout, stderr });
    });
  });
}

/** The demo users' tokens as the server printed them on first start, by email. */
export function demoTokens(output: string): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const match of output.matchAll(/^\s+\w+\s+(\S+@\S+)\s+password \S+\s+token (\S+)$/gm))
    tokens.set(match[1], match[2]);
  return tokens;
}
