import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMigrations } from '../migrations/index.js';
import { ensureDatabase } from '../libs/database/database.js';
import { runMigrations } from '../libs/database/data-source.js';
import { startEmbeddedCluster, type EmbeddedCluster } from '../libs/database/embedded-postgres.js';

export interface BenchCluster {
  readonly dataDir: string;
  readonly cluster: EmbeddedCluster;
  /** Owner (superuser) connection string of the migrated benchmark database. */
  readonly url: string;
  /** The last lines PostgreSQL logged, for error messages. */
  recentLog(): string[];
  /** Stops the server and deletes its directory; safe to call more than once. */
  dispose(): Promise<void>;
}

/**
 * A fresh embedded PostgreSQL in a temporary directory with one migrated database. `durable` is
 * left to the library's default (fsync on) unless the caller asks otherwise for a diagnostic.
 */
export async function startBenchCluster(options: {
  durable?: boolean;
  database: string;
}): Promise<BenchCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pledge-bench-pg-'));
  // However the process ends, the directory goes: on a signal embedded-postgres's own exit hook
  // stops the server first; on a normal end or a failure, dispose() does.
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  const log: string[] = [];
  let cluster: EmbeddedCluster | undefined;
  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    try {
      // embedded-postgres waits for the server's exit event, which never comes if it has already
      // died: skip the wait then, and never wait for ever.
      if (cluster && postmasterAlive(dataDir)) {
        let timer: NodeJS.Timeout | undefined;
        const stopped = await Promise.race([
          cluster.stop().then(() => true),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 30_000))),
        ]).finally(() => clearTimeout(timer));
        if (!stopped) console.error(`PostgreSQL in ${dataDir} did not stop within 30 s.`);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  try {
    cluster = await startEmbeddedCluster({
      dataDir,
      ...(options.durable === undefined ? {} : { durable: options.durable }),
      log: (line) => {
        log.push(line);
        if (log.length > 50) log.shift();
      },
    });
    await ensureDatabase(cluster.adminUrl, options.database);
    const url = cluster.urlFor(options.database);
    await runMigrations(url, await loadMigrations());
    const started = cluster;
    return { dataDir, cluster: started, url, recentLog: () => [...log], dispose };
  } catch (error) {
    await dispose().catch(() => undefined);
    throw error;
  }
}

function postmasterAlive(dataDir: string): boolean {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The file system a path lives on, from /proc/self/mountinfo ("ext4 on /dev/vda"); best effort. */
export function fileSystemOf(path: string): string {
  try {
    let best: { mount: string; type: string; source: string } | undefined;
    for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
      const [left, right] = line.split(' - ');
      if (!left || !right) continue;
      const mount = left.split(' ')[4].replace(/\\040/g, ' ');
      const [type, source] = right.split(' ');
      const inside = path === mount || path.startsWith(mount.endsWith('/') ? mount : `${mount}/`);
      if (inside && (!best || mount.length >= best.mount.length)) best = { mount, type, source };
    }
    return best ? `${best.type} on ${best.source}` : 'unknown';
  } catch {
    return 'unknown';
  }
}
