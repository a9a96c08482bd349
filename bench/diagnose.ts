import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { APP_ROLE, createAppPool } from '../libs/database/database.js';
import { PostgresEventStore, START, type NewEvent, type Position } from '../libs/event-store/index.js';
import { rebuildProjection } from '../libs/projections/index.js';
import { loadContextRegistry } from '../src/common/contexts/discover.js';
import { startBenchCluster } from './cluster.js';
import { cpuSample, cpuSince } from './cpu.js';
import { ActionHistory, importMetadata, newId, streamIdFor } from './events.js';
import { loadEvents, REBUILD_SHAPE } from './load.js';
import { formatMs, formatNumber, summarise } from './stats.js';

/**
 * DIAGNOSTICS, not benchmark figures: measurements that explain what limits the figures of
 * `npm run bench`. Run with `npm run build && node dist/bench/diagnose.js [--fsync-off]`.
 */

const out = (line = '') => console.log(line);
const REPEATS = 3;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'fsync-off': { type: 'boolean', default: false } } });
  const fsyncOff = values['fsync-off'];
  out(
    `DIAGNOSTICS (not benchmark figures) — cluster with fsync ${fsyncOff ? 'OFF (durable: false)' : 'on (default)'}`,
  );
  const bench = await startBenchCluster({ database: 'pledge_diag', ...(fsyncOff ? { durable: false } : {}) });
  const owner = new pg.Pool({ connectionString: bench.url, max: 10 });
  const app = createAppPool(bench.url, 16);
  owner.on('error', () => undefined);
  try {
    const show = async (name: string) => (await owner.query(`SHOW ${name}`)).rows[0][name];
    out(`fsync=${await show('fsync')} synchronous_commit=${await show('synchronous_commit')}`);
    await notifyCost(owner);
    const loaded = await loadEvents(bench.url, REBUILD_SHAPE, 1, bench.dataDir);
    out(`\nloaded ${formatNumber(REBUILD_SHAPE.events)} events in ${formatMs(loaded.ms)}`);
    await owner.query('VACUUM (ANALYZE) es_events, es_streams');
    await owner.query('CHECKPOINT');
    const sizes = (
      await owner.query(
        `SELECT pg_total_relation_size('es_events') AS total, avg(pg_column_size(data))::int AS data,
                avg(pg_column_size(metadata))::int AS metadata, avg(length(data::text))::int AS data_text
           FROM es_events`,
      )
    ).rows[0];
    out(
      `es_events: ${(sizes.total / 2 ** 20).toFixed(1)} MiB with indexes; per event data ${sizes.data} B ` +
        `(${sizes.data_text} B as JSON text), metadata ${sizes.metadata} B`,
    );
    // The reads and rebuilds first, while the store holds exactly the loaded events.
    await readPath(app, bench.dataDir);
    await rebuildWal(owner, app, bench.dataDir);
    await appendWaits(owner, app, bench.dataDir, loaded.pledges);
    await appendPlans(owner, app, loaded.pledges);
    await appendWhatIfs(app, loaded.pledges);
  } finally {
    await app.end().catch(() => undefined);
    await owner.end().catch(() => undefined);
    await bench.dispose();
  }
}

/** Commits of a one-row INSERT by 1 and by 8 sessions, with and without a pg_notify in the same transaction. */
async function notifyCost(owner: pg.Pool): Promise<void> {
  out('\n[A] one-row INSERT commits per second, with and without pg_notify in the same statement');
  await owner.query('CREATE TABLE probe (n int)');
  const plain = 'INSERT INTO probe VALUES ($1)';
  const notifying = `WITH n AS (SELECT pg_notify('bench_probe', '')) INSERT INTO probe SELECT $1 FROM n`;
  for (const sessions of [1, 8]) {
    for (const [label, sql] of [
      ['plain', plain],
      ['pg_notify', notifying],
    ] as const) {
      const perSession = sessions === 1 ? 600 : 150;
      const rates: number[] = [];
      for (let repeat = 0; repeat <= REPEATS; repeat++) {
        const clients = await Promise.all(Array.from({ length: sessions }, () => owner.connect()));
        const start = performance.now();
        await Promise.all(
          clients.map(async (client) => {
            for (let n = 0; n < perSession; n++) await client.query(sql, [n]);
          }),
        );
        const ms = performance.now() - start;
        clients.forEach((client) => client.release());
        if (repeat > 0) rates.push(((sessions * perSession) / ms) * 1000);
      }
      const s = summarise(rates);
      out(
        `  ${sessions} session${sessions > 1 ? 's' : ' '} ${label.padEnd(9)} median ${formatNumber(s.median)} commits/s ` +
          `(min ${formatNumber(s.min)}, max ${formatNumber(s.max)}, ${s.runs} runs)`,
      );
    }
  }
  await owner.query('DROP TABLE probe');
}

/** Where 1 and 8 store writers wait, sampled from pg_stat_activity; WAL written per append. */
async function appendWaits(
  owner: pg.Pool,
  app: pg.Pool,
  dataDir: string,
  pledges: Awaited<ReturnType<typeof loadEvents>>['pledges'],
): Promise<void> {
  const store = new PostgresEventStore(app);
  out('\n[B] single-event appends through the store: what the writing sessions were doing');
  out('    (pg_stat_activity sampled every ~2 ms by one more session, which itself costs some CPU)');
  let seed = 5_000_000;
  for (const writers of [1, 8]) {
    const perWriter = writers === 1 ? 1000 : 250;
    const plans = Array.from({ length: writers }, (_, writer) => {
      const history = new ActionHistory(pledges[writer % pledges.length], 3000 + writer, seed++);
      return { history, events: history.history(perWriter - 1) as NewEvent[] };
    });
    const lsnBefore = (await owner.query('SELECT pg_current_wal_lsn() AS lsn')).rows[0].lsn;
    const sampler = await owner.connect();
    const tally = new Map<string, number>();
    let sampling = true;
    let samples = 0;
    const sampled = (async () => {
      while (sampling) {
        const { rows } = await sampler.query(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'on CPU (no wait event)') AS w, count(*)::int AS n
             FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()
              AND query LIKE '%es_streams%'
            GROUP BY 1`,
        );
        samples++;
        for (const row of rows) tally.set(row.w, (tally.get(row.w) ?? 0) + row.n);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const cpu = cpuSample(dataDir);
    const start = performance.now();
    await Promise.all(
      plans.map(async ({ history, events }) => {
        let version = 0;
        for (const event of events) {
          version = (
            await store.append(history.streamId, version, [event], {
              streamType: 'action',
              metadata: importMetadata(history.leadOfficerId),
            })
          ).version;
        }
      }),
    );
    const ms = performance.now() - start;
    const used = cpuSince(cpu, dataDir);
    sampling = false;
    await sampled;
    sampler.release();
    const wal = (
      await owner.query('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::bigint AS bytes', [lsnBefore])
    ).rows[0].bytes;
    const appends = writers * perWriter;
    out(
      `  ${writers} writer${writers > 1 ? 's' : ''}: ${formatNumber((appends / ms) * 1000)} appends/s; ` +
        `${formatNumber(Number(wal) / appends)} WAL bytes per append; cpu node ${(used.nodeMs / ms).toFixed(2)} + ` +
        `postgres ${(used.postgresMs / ms).toFixed(2)} cores`,
    );
    const seen = [...tally.values()].reduce((sum, n) => sum + n, 0);
    out(
      `    ${samples} samples, on average ${(seen / samples).toFixed(2)} of ${writers} writers inside a statement:`,
    );
    for (const [what, n] of [...tally].sort((a, b) => b[1] - a[1])) {
      out(`      ${what.padEnd(40)} ${((n / seen) * 100).toFixed(0).padStart(3)}% of in-statement samples`);
    }
  }
}

/**
 * The store's append statement as PostgreSQL runs it: the SQL and parameters of real appends are
 * captured on their way to the pool, then run under EXPLAIN ANALYZE in a transaction that is rolled
 * back, so planning and execution (with each trigger, such as the foreign-key check) are timed apart.
 */
async function appendPlans(
  owner: pg.Pool,
  app: pg.Pool,
  pledges: Awaited<ReturnType<typeof loadEvents>>['pledges'],
): Promise<void> {
  out('\n[E] the append statement under EXPLAIN ANALYZE (rolled back), median of 20');
  const captured: { text: string; values: unknown[] }[] = [];
  const capturing = new Proxy(app, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property === 'query') {
        return (text: string, values: unknown[]) => {
          if (typeof text === 'string' && text.includes('INSERT INTO es_events'))
            captured.push({ text, values });
          return (value as (t: string, v: unknown[]) => Promise<unknown>).call(target, text, values);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const store = new PostgresEventStore(capturing);
  const history = new ActionHistory(pledges[0], 4000, 6_000_000);
  const events = history.history(199) as NewEvent[];
  const options = { streamType: 'action', metadata: importMetadata(history.leadOfficerId) };
  await store.append(history.streamId, 0, events.slice(0, 100), options); // new stream, 100 events
  await store.append(history.streamId, 100, events.slice(100, 101), options); // existing stream, 1 event
  // Re-run each captured statement against the state it first saw: the stream at the same version
  // (or absent), and new event ids, since those are unique.
  const cases: [string, { text: string; values: unknown[] }, () => unknown[]][] = [
    [
      '1 event to an existing stream',
      captured[1],
      () => Object.assign([...captured[1].values], { 2: 101, 4: [newId()] }),
    ],
    [
      '100 events to a new stream',
      captured[0],
      () =>
        Object.assign([...captured[0].values], {
          0: streamIdFor('action', newId()),
          4: Array.from({ length: 100 }, () => newId()),
        }),
    ],
  ];
  const client = await owner.connect();
  try {
    for (const [label, call, fresh] of cases) {
      const planning: number[] = [];
      const execution: number[] = [];
      let triggers: string[] = [];
      for (let repeat = 0; repeat < 20; repeat++) {
        await client.query('BEGIN');
        try {
          const { rows } = await client.query(`EXPLAIN (ANALYZE, SUMMARY, TIMING OFF) ${call.text}`, fresh());
          const lines = rows.map((row) => row['QUERY PLAN'] as string);
          planning.push(Number(/Planning Time: ([\d.]+)/.exec(lines.join('\n'))?.[1]));
          execution.push(Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1]));
          triggers = lines.filter((line) => line.startsWith('Trigger'));
        } finally {
          await client.query('ROLLBACK');
        }
      }
      out(
        `  ${label}: planning ${formatMs(summarise(planning).median)}, execution ${formatMs(summarise(execution).median)}`,
      );
      for (const trigger of triggers) out(`    ${trigger}`);
    }
  } finally {
    client.release();
  }
}

/**
 * What-ifs, for diagnosis only: the store's own append statement, changed on its way to the pool
 * (pg_notify taken out of the SQL; or sent as a named, prepared statement so that PostgreSQL
 * parses and plans it once per session), against the statement as it is, alternating.
 */
async function appendWhatIfs(
  app: pg.Pool,
  pledges: Awaited<ReturnType<typeof loadEvents>>['pledges'],
): Promise<void> {
  out("\n[F] what-ifs on the store's append SQL (diagnosis only), 1 and 8 writers, durable");
  let rewritten = 0;
  let stripped = 0;
  const variant = (noNotify: boolean, prepared: boolean) =>
    new Proxy(app, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (property === 'query') {
          return (text: unknown, values: unknown[]) => {
            if (typeof text === 'string' && text.includes('INSERT INTO es_events')) {
              rewritten++;
              if (noNotify) {
                const before = text;
                text = text.replace(/\(SELECT pg_notify\([^)]*\)\) AS notified/, 'NULL AS notified');
                if (text !== before) stripped++;
              }
              if (prepared)
                text = {
                  name: `bench_${createHash('sha1')
                    .update(text as string)
                    .digest('hex')}`,
                  text,
                  values,
                };
            }
            const query = value as (t: unknown, v?: unknown[]) => Promise<unknown>;
            return typeof text === 'string' ? query.call(target, text, values) : query.call(target, text);
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  // Whether the append statement still sends a NOTIFY inside its transaction: learnt from one append.
  let notifies = false;
  const probe = new PostgresEventStore(
    new Proxy(app, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (property === 'query') {
          return (text: unknown, values?: unknown[]) => {
            if (
              typeof text === 'string' &&
              text.includes('INSERT INTO es_events') &&
              /pg_notify/.test(text)
            ) {
              notifies = true;
            }
            return (value as (t: unknown, v?: unknown[]) => Promise<unknown>).call(target, text, values);
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }),
  );
  const sample = new ActionHistory(pledges[0], 4999, 6_999_999);
  await probe.append(sample.streamId, 0, [sample.planned()], {
    streamType: 'action',
    metadata: importMetadata(sample.leadOfficerId),
  });
  if (!notifies)
    out('  (the append statement holds no pg_notify any more: only the prepared what-if applies)');
  const stores: Record<string, PostgresEventStore> = {
    'as is': new PostgresEventStore(app),
    ...(notifies ? { 'no pg_notify': new PostgresEventStore(variant(true, false)) } : {}),
    prepared: new PostgresEventStore(variant(false, true)),
    ...(notifies ? { 'prepared, no pg_notify': new PostgresEventStore(variant(true, true)) } : {}),
  };
  let seed = 7_000_000;
  for (const writers of [1, 8]) {
    const perWriter = writers === 1 ? 600 : 150;
    const rates: Record<string, number[]> = Object.fromEntries(Object.keys(stores).map((key) => [key, []]));
    for (let repeat = 0; repeat < 4; repeat++) {
      for (const [label, store] of Object.entries(stores)) {
        const plans = Array.from({ length: writers }, (_, writer) => {
          const history = new ActionHistory(pledges[writer % pledges.length], 5000 + writer, seed++);
          return { history, events: history.history(perWriter - 1) as NewEvent[] };
        });
        const start = performance.now();
        await Promise.all(
          plans.map(async ({ history, events }) => {
            let version = 0;
            for (const event of events) {
              version = (
                await store.append(history.streamId, version, [event], {
                  streamType: 'action',
                  metadata: importMetadata(history.leadOfficerId),
                })
              ).version;
            }
          }),
        );
        const ms = performance.now() - start;
        if (repeat > 0) rates[label].push(((writers * perWriter) / ms) * 1000);
      }
    }
    for (const [label, values] of Object.entries(rates)) {
      const s = summarise(values);
      out(
        `  ${writers} writer${writers > 1 ? 's' : ' '} ${label.padEnd(22)} median ${formatNumber(s.median)} appends/s ` +
          `(min ${formatNumber(s.min)}, max ${formatNumber(s.max)}, ${s.runs} runs)`,
      );
    }
  }
  if (rewritten === 0 || (notifies && stripped === 0)) {
    throw new Error('The what-if pools changed no append SQL: they measured nothing');
  }
}

/** The readAll query taken apart: server alone, rows as text, JSON parsing, and the store's own readAll. */
async function readPath(app: pg.Pool, dataDir: string): Promise<void> {
  out('\n[C] reading all events in pages of 2000, as readAll does for a rebuild; median of 3 passes each');
  const store = new PostgresEventStore(app);
  const boundaries: Position[] = [START];
  let total = 0;
  for (let after = START; ;) {
    const { events } = await store.readAll({ after, limit: 2000 });
    if (events.length === 0) break;
    total += events.length;
    after = events[events.length - 1];
    boundaries.push(after);
  }
  boundaries.pop();
  const where = `FROM es_events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
      AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY transaction_id, global_position LIMIT 2000`;
  const params = (p: Position) => [p.transactionId.toString(), p.globalPosition.toString()];
  const columns = `global_position, transaction_id::text AS txid, stream_id, stream_version, event_id, event_type,
      schema_version, DATA, METADATA, recorded_at, effective_at`;
  const texts: string[] = [];
  const passes: [string, () => Promise<void>][] = [
    [
      'server only (count(*) over the same query, no rows sent)',
      async () => {
        for (const p of boundaries) await app.query(`SELECT count(*) FROM (SELECT 1 ${where}) q`, params(p));
      },
    ],
    [
      'server only, jsonb turned to text but not sent (sum of lengths)',
      async () => {
        for (const p of boundaries) {
          await app.query(
            `SELECT sum(length(data::text) + length(metadata::text)) FROM (SELECT data, metadata ${where}) q`,
            params(p),
          );
        }
      },
    ],
    [
      'rows sent, jsonb as text (no JSON.parse)',
      async () => {
        texts.length = 0;
        for (const p of boundaries) {
          const { rows } = await app.query(
            `SELECT ${columns.replace('DATA', 'data::text AS data').replace('METADATA', 'metadata::text AS metadata')} ${where}`,
            params(p),
          );
          for (const row of rows) texts.push(row.data, row.metadata);
        }
      },
    ],
    [
      'JSON.parse of those texts alone',
      async () => {
        for (const text of texts) JSON.parse(text);
      },
    ],
    [
      'rows sent, parsed by pg (jsonb → JSON.parse, timestamps → Date)',
      async () => {
        for (const p of boundaries) {
          await app.query(
            `SELECT ${columns.replace('DATA', 'data').replace('METADATA', 'metadata')} ${where}`,
            params(p),
          );
        }
      },
    ],
    [
      'PostgresEventStore.readAll (the above + RecordedEvent, BigInt, upcasting)',
      async () => {
        for (let after = START; ;) {
          const { events } = await store.readAll({ after, limit: 2000 });
          if (events.length === 0) break;
          after = events[events.length - 1];
        }
      },
    ],
  ];
  for (const [label, pass] of passes) {
    const runs: { ms: number; node: number; postgres: number }[] = [];
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      const cpu = cpuSample(dataDir);
      const start = performance.now();
      await pass();
      const ms = performance.now() - start;
      const used = cpuSince(cpu, dataDir);
      runs.push({ ms, node: used.nodeMs / ms, postgres: used.postgresMs / ms });
    }
    const median = runs.sort((a, b) => a.ms - b.ms)[Math.floor(REPEATS / 2)];
    out(
      `  ${label.padEnd(70)} ${formatMs(median.ms).padStart(9)} ${formatNumber(total / (median.ms / 1000)).padStart(10)} events/s` +
        `  cpu node ${median.node.toFixed(2)} + postgres ${median.postgres.toFixed(2)} cores`,
    );
  }
}

/** Each projection rebuilt once more: its time, the WAL it writes and the CPU it uses. */
async function rebuildWal(owner: pg.Pool, app: pg.Pool, dataDir: string): Promise<void> {
  out('\n[D] one rebuild of each projection: WAL written and CPU used');
  const store = new PostgresEventStore(app);
  for (const projection of (await loadContextRegistry()).projections()) {
    await owner.query('CHECKPOINT');
    const before = (await owner.query('SELECT pg_current_wal_lsn() AS lsn')).rows[0].lsn;
    const cpu = cpuSample(dataDir);
    const start = performance.now();
    const { applied } = await rebuildProjection(owner, store, projection, { appRole: APP_ROLE });
    const ms = performance.now() - start;
    const used = cpuSince(cpu, dataDir);
    const wal = (await owner.query('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::bigint AS b', [before]))
      .rows[0].b;
    out(
      `  ${projection.name.padEnd(16)} ${formatNumber(applied)} events in ${formatMs(ms).padStart(8)}, ` +
        `${formatNumber((applied / ms) * 1000)} events/s  ` +
        `WAL ${(Number(wal) / 2 ** 20).toFixed(1)} MiB (${formatNumber(Number(wal) / applied)} B/event)  ` +
        `cpu node ${(used.nodeMs / ms).toFixed(2)} + postgres ${(used.postgresMs / ms).toFixed(2)} cores`,
    );
  }
}

function fail(error: unknown): void {
  console.error(`\nDiagnostics failed: ${(error as Error)?.stack ?? String(error)}`);
  process.exit(1);
}
process.on('uncaughtException', fail);
main().then(() => process.exit(0), fail);
