/**
 * The verifiable record's figures: how fast events are sealed into the Merkle log, how long an
 * inclusion proof takes in a log of the loaded events, and how fast an export is written and
 * checked by the offline verifier. They run on the events the rebuild section loaded.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { generateSigningKey, verifyInclusion } from '../libs/ledger/index.js';
import { verifyExport } from '../src/audit/export-verifier.js';
import { writeExport } from '../src/audit/exporter.js';
import { LedgerQueries } from '../src/audit/ledger.queries.js';
import { LedgerSealer } from '../src/audit/sealer.js';
import { TreeHeadSigner } from '../src/audit/signing-key.js';
import { loadConfig } from '../src/config.js';
import { medianCpu, out, timedRuns, type Context } from './harness.js';
import { formatMs, formatNumber, quantile, summarise } from './stats.js';

/** Inclusion proofs asked for per timed run, for leaves spread evenly over the log. */
const PROOFS_PER_RUN = 200;

/** The server's defaults, with nothing configured: how often it signs a tree head. */
const SERVER_DEFAULTS = loadConfig({}, []);

/** A sealer as the server makes one. */
export function benchSealer(context: Context): LedgerSealer {
  return new LedgerSealer(context.appPool, context.store, new TreeHeadSigner(generateSigningKey()), {
    treeHeadEveryEvents: SERVER_DEFAULTS.treeHeadEveryEvents,
    treeHeadEverySeconds: SERVER_DEFAULTS.treeHeadEverySeconds,
  });
}

export async function ledgerBenchmarks(context: Context, sealer: LedgerSealer): Promise<void> {
  const total = Number((await context.ownerPool.query('SELECT count(*) FROM es_events')).rows[0].count);
  await sealingBenchmark(context, sealer, total);
  const head = await sealer.catchUp();
  if (!head || head.treeSize !== total)
    throw new Error(`The log should hold all ${total} events, but its tree head has ${head?.treeSize}`);
  await inclusionProofBenchmark(context, total);
  await exportAndVerifyBenchmark(context, total);
}

/**
 * Each run seals the next equal share of the log, so that the runs together seal every event once,
 * through LedgerSealer.sealNextBatch as the server's sealer loop calls it: read a batch in commit
 * order, hash the leaves, store them and every subtree they complete, sign a tree head when due.
 */
async function sealingBenchmark(context: Context, sealer: LedgerSealer, total: number): Promise<void> {
  const share = Math.floor(total / context.options.runs);
  out();
  out(
    `sealing: each run seals the next ${formatNumber(share)} of the ${formatNumber(total)} events into the ` +
      `Merkle log, batch by batch as the server's sealer does, with its default signing interval ` +
      `(${formatNumber(SERVER_DEFAULTS.treeHeadEveryEvents)} events, so a head at the end of each batch):`,
  );
  const runs = await timedRuns(
    context,
    async () => {
      const start = performance.now();
      let sealed = 0;
      while (sealed < share) {
        const batch = await sealer.sealNextBatch();
        if (batch === 0) throw new Error(`The sealer stopped after ${sealed} of ${share} events`);
        sealed += batch;
      }
      return { ms: performance.now() - start, count: sealed };
    },
    (run) => `${formatNumber((run.count / run.ms) * 1000)} events/s (${formatNumber(run.count)} sealed)`,
    // Every run must seal new events; a warm-up would leave the last run too few.
    { warmUp: false },
  );
  const heads = Number(
    (await context.ownerPool.query('SELECT count(*) FROM ledger_tree_heads')).rows[0].count,
  );
  out(`  ${heads} signed tree heads made on the way`);
  context.figures.push({
    name: 'sealing into the Merkle log',
    unit: ' events/s',
    work: `${formatNumber(share)} events`,
    summary: summarise(runs.map((run) => (run.count / run.ms) * 1000)),
    cpu: medianCpu(runs),
  });
}

/** LedgerQueries.inclusionProof, as GET /api/v1/ledger/events/{id}/proof answers it, timed call by call. */
async function inclusionProofBenchmark(context: Context, total: number): Promise<void> {
  const queries = new LedgerQueries(context.appPool);
  const head = await queries.latestTreeHead();
  const stride = Math.max(1, Math.floor(total / PROOFS_PER_RUN));
  const { rows } = await context.ownerPool.query(
    `SELECT event_id FROM ledger_leaves WHERE leaf_index % $1 = $2 ORDER BY leaf_index LIMIT $3`,
    [stride, Math.floor(stride / 2), PROOFS_PER_RUN],
  );
  const eventIds = rows.map((row) => row.event_id as string);
  out();
  out(
    `inclusion proofs in a log of ${formatNumber(head.treeSize)} events: ${eventIds.length} proofs per run, ` +
      `one after another, for leaves spread over the log (event looked up, audit path read from the stored subtrees):`,
  );
  const latencies: number[] = [];
  const runMedians: number[] = [];
  const root = Buffer.from(head.rootHash, 'base64');
  const runs = await timedRuns(
    context,
    async (timed) => {
      const mine: number[] = [];
      const start = performance.now();
      for (const eventId of eventIds) {
        const begun = performance.now();
        const proof = await queries.inclusionProof(eventId);
        mine.push(performance.now() - begun);
        // After the call's own timing: a proof that does not check out ends the benchmark.
        verifyInclusion(
          proof.leafIndex,
          proof.treeSize,
          Buffer.from(proof.leafHash, 'base64'),
          proof.auditPath.map((node) => Buffer.from(node, 'base64')),
          root,
        );
      }
      if (timed) {
        latencies.push(...mine);
        runMedians.push(quantile(mine, 0.5));
      }
      return { ms: performance.now() - start, count: eventIds.length, median: quantile(mine, 0.5) };
    },
    (run) =>
      `median ${formatMs(run.median)} per proof, ${formatNumber((run.count / run.ms) * 1000)} proofs/s`,
  );
  out(
    `  latency per proof over all timed runs: p50 ${formatMs(quantile(latencies, 0.5))}, ` +
      `p90 ${formatMs(quantile(latencies, 0.9))}, p99 ${formatMs(quantile(latencies, 0.99))}, ` +
      `max ${formatMs(quantile(latencies, 1))}; every proof checked against the signed root`,
  );
  context.figures.push({
    name: `inclusion proof, log of ${formatNumber(head.treeSize)} events`,
    unit: ' ms per proof',
    work: `${eventIds.length} proofs, 1 client`,
    summary: summarise(runMedians),
    cpu: medianCpu(runs),
  });
}

/** writeExport (npm run audit -- export) and verifyExport over the file (npm run audit -- verify). */
async function exportAndVerifyBenchmark(context: Context, total: number): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'pledge-bench-export-'));
  const path = join(directory, 'export.jsonl');
  try {
    out();
    out(
      `export: every leaf of the log with its event, streamed to a JSON Lines file, as npm run audit -- export:`,
    );
    let head: Awaited<ReturnType<typeof writeExport>>['treeHead'] | undefined;
    let publicKeyPem = '';
    const exports = await timedRuns(
      context,
      async () => {
        const start = performance.now();
        const result = await writeExport(context.appPool, path);
        const ms = performance.now() - start;
        head = result.treeHead;
        publicKeyPem = result.publicKeys.find((key) => key.keyId === result.treeHead.keyId)!.publicKeyPem;
        return { ms, count: result.leaves };
      },
      (run) => `${formatNumber((run.count / run.ms) * 1000)} events/s, ${formatMs(run.ms)}`,
    );
    const bytes = (await stat(path)).size;
    out(`  ${formatNumber(head!.treeSize)} events, ${(bytes / 2 ** 20).toFixed(1)} MiB`);
    context.figures.push({
      name: 'export of the log',
      unit: ' events/s',
      work: `${formatNumber(total)} events, ${(bytes / 2 ** 20).toFixed(0)} MiB`,
      summary: summarise(exports.map((run) => (run.count / run.ms) * 1000)),
      cpu: medianCpu(exports),
    });

    out();
    out(
      `offline verifier: reads the export file line by line, recomputes every leaf from its event ` +
        `(canonical JSON, SHA-256), the root and every signed head in it, as npm run audit -- verify:`,
    );
    const verifies = await timedRuns(
      context,
      async () => {
        const start = performance.now();
        const lines = createInterface({
          input: createReadStream(path, { encoding: 'utf8' }),
          crlfDelay: Infinity,
        });
        const report = await verifyExport(lines, { treeHead: head!, publicKeyPem });
        const ms = performance.now() - start;
        if (!report.ok) throw new Error(`The export did not verify: ${report.problems.join('; ')}`);
        return { ms, count: report.leavesChecked, heads: report.treeHeadsChecked };
      },
      (run) =>
        `${formatNumber((run.count / run.ms) * 1000)} events/s, ${formatMs(run.ms)}, ` +
        `${run.heads} tree heads checked`,
    );
    context.figures.push({
      name: 'offline verifier on the export',
      unit: ' events/s',
      work: `${formatNumber(total)} events`,
      summary: summarise(verifies.map((run) => (run.count / run.ms) * 1000)),
      cpu: medianCpu(verifies),
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
