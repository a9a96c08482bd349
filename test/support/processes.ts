import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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

/** A data directory of its own, which PostgreSQL's unprivileged user can reach when run as root. */
export function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-process-'));
  chmodSync(dir, 0o755);
  made.push(dir);
  return join(dir, 'data');
}

/**
 * After the tests, pass or fail: stops every server still running (SIGTERM, then SIGKILL), stops
 * any PostgreSQL a killed one left behind, and deletes the data directories.
 */
export async function cleanUp(): Promise<void> {
  await Promise.all(
    [...started].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
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

export interface RunningServer {
  readonly url: string;
  /** Everything it has printed so far, stdout and stderr together. */
  output(): string;
  /** Sends the signal and answers the exit code (null when killed by the signal). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
  readonly child: ChildProcess;
}

/** Starts the built server as `npm start` does, and waits for it to say where it is running. */
export function startServer(dataDir: string, args: string[] = []): Promise<RunningServer> {
  const child = spawn(process.execPath, [BUILT.server, ...args], {
    env: userEnvironment({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
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
        setTimeout(
          () =>
            ready({
              url,
              output: () => output,
              child,
              stop: async (signal) => {
                child.kill(signal);
                return exited;
              },
            }),
          50,
        );
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

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built command line program to its end; one that runs past a minute is killed and fails. */
export function runProgram(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<Finished> {
  const child = spawn(process.execPath, [program, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
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
