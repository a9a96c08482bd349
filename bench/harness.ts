/** What every benchmark section shares: the cluster, the figures so far, and the timed-run harness. */
import { cpus, loadavg } from 'node:os';
import type pg from 'pg';
import type { PostgresEventStore } from '../libs/event-store/index.js';
import type { BenchCluster } from './cluster.js';
import { cpuSample, cpuSince, type CpuSnapshot } from './cpu.js';
import type { PledgeRef } from './load.js';
import type { Summary } from './stats.js';

export interface Options {
  runs: number;
  loadChunk: number;
  fsyncOff: boolean;
}

export interface Figure {
  name: string;
  unit: string;
  work: string;
  summary: Summary;
  /** Cores busy in the median run: node + postgres. */
  cpu: string;
}

export interface Context {
  bench: BenchCluster;
  ownerPool: pg.Pool;
  appPool: pg.Pool;
  store: PostgresEventStore;
  options: Options;
  pledges: PledgeRef[];
  figures: Figure[];
  seed: number;
}

export const out = (line = '') => console.log(line);
export const loadAverage = () =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(', ');

/**
 * A checkpoint (so that one does not fall in the middle of a figure's runs), one untimed warm-up
 * run unless told otherwise, then `runs` timed ones, each reported as it finishes.
 */
export async function timedRuns<Run extends { ms: number }>(
  context: Context,
  once: (timed: boolean) => Promise<Run>,
  describe: (run: Run) => string,
  { warmUp = true } = {},
): Promise<(Run & { cpu: CpuSnapshot })[]> {
  const runs = context.options.runs;
  const dataDir = context.bench.dataDir;
  const measured = async (timed: boolean) => {
    const before = cpuSample(dataDir);
    const result = await once(timed);
    return { ...result, cpu: cpuSince(before, dataDir) };
  };
  await context.ownerPool.query('CHECKPOINT');
  if (warmUp) {
    const warm = await measured(false);
    out(`  warm-up   ${describe(warm)}; ${cpuText(warm)} (untimed)`);
  }
  const results: (Run & { cpu: CpuSnapshot })[] = [];
  for (let run = 1; run <= runs; run++) {
    const result = await measured(true);
    results.push(result);
    out(`  run ${`${run}/${runs}`.padEnd(5)} ${describe(result)}; ${cpuText(result)}`);
  }
  return results;
}

/** CPU in use over a run, in cores: "cpu node 0.61 + postgres 0.93 of 2 cores". */
export function cpuText(run: { ms: number; cpu: CpuSnapshot }): string {
  const cores = (ms: number) => (ms / run.ms).toFixed(2);
  return `cpu node ${cores(run.cpu.nodeMs)} + postgres ${cores(run.cpu.postgresMs)} of ${cpus().length} cores`;
}

/** The CPU use of the run with the median duration, for the summary. */
export function medianCpu(runs: readonly { ms: number; cpu: CpuSnapshot }[]): string {
  const median = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
  const cores = (ms: number) => (ms / median.ms).toFixed(2);
  return `${cores(median.cpu.nodeMs)} + ${cores(median.cpu.postgresMs)}`;
}
