import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * CPU time used by this Node process and by the PostgreSQL server (its postmaster and every child
 * process), so that a figure can be read against the machine's cores. Linux only; the server's
 * share reads as 0 where /proc is not readable.
 */
export interface CpuSnapshot {
  readonly nodeMs: number;
  readonly postgresMs: number;
}

interface Sample {
  readonly nodeMs: number;
  /** CPU ticks of each PostgreSQL process by pid, so that one that ends meanwhile is not subtracted. */
  readonly postgresTicks: ReadonlyMap<number, number>;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function cpuSample(dataDir: string): Sample {
  const usage = process.cpuUsage();
  return { nodeMs: (usage.user + usage.system) / 1000, postgresTicks: postgresTicks(dataDir) };
}

/**
 * CPU used since `before`. A server process that ended in between is left out (its time is lost),
 * and one that started counts from zero, so the server's figure can be low, never negative.
 */
export function cpuSince(before: Sample, dataDir: string): CpuSnapshot {
  const now = cpuSample(dataDir);
  let ticks = 0;
  for (const [pid, total] of now.postgresTicks) ticks += total - (before.postgresTicks.get(pid) ?? 0);
  return { nodeMs: now.nodeMs - before.nodeMs, postgresMs: (ticks / TICKS_PER_SECOND) * 1000 };
}

function postgresTicks(dataDir: string): Map<number, number> {
  const ticks = new Map<number, number>();
  try {
    const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!Number.isInteger(postmaster) || postmaster <= 0) return ticks;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(Number(entry));
      if (stat && (stat.pid === postmaster || stat.ppid === postmaster)) ticks.set(stat.pid, stat.ticks);
    }
  } catch {
    // Not Linux, or /proc unreadable: the server's share reads as 0.
  }
  return ticks;
}

function readStat(pid: number): { pid: number; ppid: number; ticks: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields are counted after it.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}
