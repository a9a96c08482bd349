import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createAppPool, createOwnerPool } from '../../libs/database/index.js';
import { PostgresEventStore, type EventMetadata } from '../../libs/event-store/index.js';
import { generateSigningKey, MemoryMerkleTree, verifyTreeHead } from '../../libs/ledger/index.js';
import { createTestDatabase, type TestDatabase } from '../../libs/testing/index.js';
import { documentedFields, undocumented } from '../../test/support/export-format-doc.js';
import { envelopeColumns, envelopeFromRow, envelopeLeafHash } from './event-envelope.js';
import { writeExport } from './exporter.js';
import { verifyExport, type VerificationReport } from './export-verifier.js';
import { LedgerSealer, latestTreeHead } from './sealer.js';
import { TreeHeadSigner, type PublishedTreeHead } from './signing-key.js';

const metadata: EventMetadata = {
  actorId: 'user-1',
  actorRole: 'officer',
  correlationId: 'c-1',
  causationId: 'c-1',
  commandId: 'c-1',
  client: 'test',
};
const keys = generateSigningKey();
const signer = new TreeHeadSigner(keys);

let database: TestDatabase;
let ownerPool: pg.Pool;
let appPool: pg.Pool;
let store: PostgresEventStore;

beforeEach(async () => {
  database = await createTestDatabase();
  ownerPool = createOwnerPool(database.url, 2);
  appPool = createAppPool(database.url, 24);
  store = new PostgresEventStore(appPool);
});
afterEach(async () => {
  await appPool.end();
  await ownerPool.end();
  await database.drop();
});

const sealerOn = (pool: pg.Pool, options: Partial<ConstructorParameters<typeof LedgerSealer>[3]> = {}) =>
  new LedgerSealer(pool, store, signer, {
    treeHeadEveryEvents: 1000,
    treeHeadEverySeconds: 3600,
    ...options,
  });

async function appendMany(writers: number, eachWrites: number, prefix = 'thing-w'): Promise<void> {
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let n = 1; n <= eachWrites; n++) {
        await store.append(`${prefix}${writer}`, n - 1, [{ type: 'ThingNoted', data: { writer, n } }], {
          streamType: 'thing',
          metadata,
        });
      }
    }),
  );
}

/** The leaves as the log holds them, beside the events in commit order as the store holds them. */
async function leavesAndEvents() {
  const leaves = await ownerPool.query(
    `SELECT l.leaf_index, l.global_position::text AS position, n.hash
       FROM ledger_leaves l JOIN ledger_nodes n ON n.level = 0 AND n.node_index = l.leaf_index
      ORDER BY l.leaf_index`,
  );
  const events = await ownerPool.query(
    `SELECT ${envelopeColumns()} FROM es_events ORDER BY es_events.transaction_id, es_events.global_position`,
  );
  return { leaves: leaves.rows, events: events.rows.map(envelopeFromRow) };
}

function expectLogToSealEveryEventInCommitOrder(
  { leaves, events }: Awaited<ReturnType<typeof leavesAndEvents>>,
  head: PublishedTreeHead,
) {
  expect(leaves.map((leaf) => Number(leaf.leaf_index))).toEqual(events.map((_, i) => i));
  expect(leaves.map((leaf) => leaf.position)).toEqual(events.map((event) => event.position));
  // What docs/audit-export-format.md (section 8) says of every sealed log: each stream's versions
  // appear in the log in order, from 1, with no gap.
  const versions = new Map<string, number[]>();
  for (const event of events)
    versions.set(event.streamId, [...(versions.get(event.streamId) ?? []), event.streamVersion]);
  for (const [, seen] of versions) expect(seen).toEqual(seen.map((_, i) => i + 1));
  const tree = new MemoryMerkleTree();
  for (const event of events) tree.append(envelopeLeafHash(event));
  expect(leaves.map((leaf) => (leaf.hash as Buffer).toString('hex'))).toEqual(
    events.map((_, i) => tree.leafHash(i).toString('hex')),
  );
  expect(head).toMatchObject({ treeSize: events.length, rootHash: tree.root().toString('base64') });
  expect(verifyTreeHead(head, keys.publicKeyPem).treeSize).toBe(events.length);
}

describe('sealing', () => {
  it('under 8 concurrent writers, seals every event once, in commit order, while they write', async () => {
    const sealer = sealerOn(appPool, { batchSize: 37, pollIntervalMs: 5, gatherMs: 5 });
    sealer.start();
    const sealedMeanwhile: number[] = [];
    const watching = setInterval(() => {
      ownerPool
        .query('SELECT tree_size FROM ledger_state')
        .then(({ rows }) => sealedMeanwhile.push(Number(rows[0].tree_size)))
        .catch(() => undefined);
    }, 10);
    await appendMany(8, 40);
    clearInterval(watching);
    await sealer.stop();
    // The sealer was sealing while the writers wrote, not only after them.
    expect(sealedMeanwhile.some((size) => size > 0 && size < 320)).toBe(true);
    const head = (await sealerOn(appPool).catchUp())!;
    expectLogToSealEveryEventInCommitOrder(await leavesAndEvents(), head);
  });

  it('never seals past a transaction still writing, and seals its event first once it commits', async () => {
    await appendMany(2, 3);
    const sealer = sealerOn(appPool);
    await sealer.catchUp();
    const slow = await appPool.connect();
    try {
      // The slow writer takes its transaction id and a position first, then stays open.
      await slow.query('BEGIN');
      await slow.query(
        `INSERT INTO es_streams (stream_id, stream_type, version) VALUES ('thing-slow', 'thing', 1)`,
      );
      await slow.query(
        `INSERT INTO es_events (stream_id, stream_type, stream_version, event_id, event_type, schema_version, data, metadata, effective_at)
         VALUES ('thing-slow', 'thing', 1, '01890a5d-ac96-774b-bcce-b302099a8057', 'ThingNoted', 1, '{"n":"slow"}', '{}', now())`,
      );
      await store.append('thing-fast', 0, [{ type: 'ThingNoted', data: { n: 'fast' } }], {
        streamType: 'thing',
        metadata,
      });
      // The fast event has committed, but sealing it now would put it before the slow one for good.
      expect(await sealer.sealNextBatch()).toBe(0);
      await slow.query('COMMIT');
    } finally {
      await slow.query('ROLLBACK').catch(() => undefined);
      slow.release();
    }
    const head = (await sealer.catchUp())!;
    const sealed = await leavesAndEvents();
    expect(sealed.events.slice(-2).map((event) => event.streamId)).toEqual(['thing-slow', 'thing-fast']);
    expectLogToSealEveryEventInCommitOrder(sealed, head);
  });

  it('resumes after its session dies mid-batch, with no leaf missing or doubled', async () => {
    await appendMany(4, 25);
    // Part of the log is sealed already, so the crash comes after a checkpoint that has moved.
    expect(await sealerOn(appPool, { batchSize: 20 }).sealNextBatch()).toBe(20);
    // A pool whose sessions die just before the checkpoint moves, as if the process were killed.
    const dying = createAppPool(database.url, 2);
    dying.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      (client as unknown as { query: unknown }).query = async (...args: unknown[]) => {
        if (typeof args[0] === 'string' && args[0].startsWith('UPDATE ledger_state'))
          await query('SELECT pg_terminate_backend(pg_backend_pid())');
        return query(...args);
      };
    });
    const doomed = sealerOn(dying, { batchSize: 30 });
    await expect(doomed.sealNextBatch()).rejects.toThrow();
    await dying.end().catch(() => undefined);
    expect((await ownerPool.query('SELECT count(*)::int AS n FROM ledger_leaves')).rows[0].n).toBe(20);
    expect((await ownerPool.query('SELECT tree_size FROM ledger_state')).rows[0].tree_size).toBe('20');

    const survivor = sealerOn(appPool, { batchSize: 30 });
    expect(await survivor.sealNextBatch()).toBe(30);
    await appendMany(2, 5, 'other-w'); // more writes arrive while it catches up
    const head = (await survivor.catchUp())!;
    expectLogToSealEveryEventInCommitOrder(await leavesAndEvents(), head);
  });

  it('signs a tree head every N events, and each extends the last', async () => {
    await appendMany(1, 25);
    const sealer = sealerOn(appPool, { batchSize: 10, treeHeadEveryEvents: 10 });
    while ((await sealer.sealNextBatch()) > 0);
    const { rows } = await ownerPool.query('SELECT tree_size FROM ledger_tree_heads ORDER BY tree_size');
    expect(rows.map((row) => Number(row.tree_size))).toEqual([10, 20]);
    expect(await sealer.signIfDue()).toBeUndefined(); // 5 more, and not yet an hour
    expect((await sealer.catchUp())!.treeSize).toBe(25);
  });

  it('signs after T seconds when fewer than N events have come', async () => {
    await appendMany(1, 3);
    const sealer = sealerOn(appPool, { treeHeadEveryEvents: 1000, treeHeadEverySeconds: 1 });
    await sealer.sealNextBatch(); // the first head is signed at once
    await store.append('thing-late', 0, [{ type: 'ThingNoted', data: {} }], {
      streamType: 'thing',
      metadata,
    });
    await sealer.sealNextBatch();
    expect((await latestTreeHead(appPool))!.treeSize).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await sealer.signIfDue())!.treeSize).toBe(4);
  });

  it('cannot be rewritten through the application connection', async () => {
    await appendMany(1, 2);
    await sealerOn(appPool).catchUp();
    await expect(appPool.query(`UPDATE ledger_nodes SET hash = hash`)).rejects.toThrow(
      /permission denied|append-only/,
    );
    await expect(appPool.query(`DELETE FROM ledger_tree_heads`)).rejects.toThrow(
      /permission denied|append-only/,
    );
  });
});

describe('the offline verifier, after a superuser tampers behind the application', () => {
  let head: PublishedTreeHead;
  let dir: string;

  beforeEach(async () => {
    for (let n = 1; n <= 30; n++)
      await store.append(`thing-${n % 3}`, Math.floor((n - 1) / 3), [{ type: 'ThingNoted', data: { n } }], {
        streamType: 'thing',
        metadata,
      });
    head = (await sealerOn(appPool, { treeHeadEveryEvents: 10, batchSize: 10 }).catchUp())!;
    dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
  });

  async function exportAndVerify(earlier: PublishedTreeHead[] = []): Promise<VerificationReport> {
    const path = join(dir, 'export.jsonl');
    await writeExport(appPool, path);
    const lines = readFileSync(path, 'utf8').split('\n');
    return verifyExport(toAsync(lines), {
      treeHead: head,
      publicKeyPem: keys.publicKeyPem,
      earlierTreeHeads: earlier,
    });
  }

  /** A superuser, bypassing the append-only triggers as only a superuser can. */
  async function asSuperuser(...statements: string[]) {
    const client = new pg.Client(database.url);
    await client.connect();
    try {
      await client.query('SET session_replication_role = replica');
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  }

  const eventAt = async (leaf: number) =>
    (
      await ownerPool.query(
        `SELECT e.event_id::text AS id, e.global_position::text AS position FROM ledger_leaves l
           JOIN es_events e USING (global_position) WHERE l.leaf_index = $1`,
        [leaf],
      )
    ).rows[0] as { id: string; position: string };

  it('verifies the untouched log, with every signed head inside the export', async () => {
    const report = await exportAndVerify();
    expect(report).toMatchObject({ ok: true, leavesChecked: 30, problems: [], firstMismatch: null });
    expect(report.treeHeadsChecked).toBeGreaterThanOrEqual(4); // 10, 20, 30 in the export, and yours
  });

  it('writes every line and event as docs/audit-export-format.md describes them, field by field', async () => {
    const path = join(dir, 'export.jsonl');
    await writeExport(appPool, path);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.pop()).toBe(''); // every line ends with a line feed, the last one too
    const parsed = lines.map((line) => JSON.parse(line));
    expect(parsed.map((line) => line.kind)).toEqual([
      'header',
      'publicKey',
      'treeHead',
      'treeHead',
      'treeHead',
      ...Array(30).fill('leaf'),
    ]);
    const results = [
      ...parsed.map((line) => ({
        table: line.kind,
        problems: undocumented(line, documentedFields(line.kind)),
      })),
      ...parsed
        .filter((line) => line.kind === 'leaf')
        .map((line) => ({ table: 'event', problems: undocumented(line.event, documentedFields('event')) })),
    ];
    for (const result of results) expect(result).toEqual({ table: result.table, problems: [] });
    const leaves = parsed.filter((line) => line.kind === 'leaf');
    for (const [i, leaf] of leaves.entries()) {
      expect(leaf.leafIndex).toBe(i);
      expect(leaf.event.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect(leaf.event.effectiveAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      if (i > 0) {
        const [before, now] = [leaves[i - 1].event, leaf.event].map((e) => [
          BigInt(e.transactionId),
          BigInt(e.position),
        ]);
        expect(now[0] > before[0] || (now[0] === before[0] && now[1] > before[1])).toBe(true); // commit order
      }
    }
    expect(parsed[0].treeSize).toBe(30);
    expect(parsed.slice(2, 5).map((line) => line.treeSize)).toEqual([10, 20, 30]);
  });

  it('names the event whose data was changed', async () => {
    const victim = await eventAt(12);
    await asSuperuser(`UPDATE es_events SET data = '{"n": 999}' WHERE event_id = '${victim.id}'`);
    const report = await exportAndVerify();
    expect(report.ok).toBe(false);
    expect(report.firstMismatch).toMatchObject({ leafIndex: 12, eventId: victim.id });
    expect(report.problems[0]).toContain(`event ${victim.id}`);
    expect(report.problems.join('\n')).toContain('do not hash to the root of the tree head you gave');
  });

  it('names the event whose row was deleted', async () => {
    const victim = await eventAt(7);
    await asSuperuser(`DELETE FROM es_events WHERE event_id = '${victim.id}'`);
    const report = await exportAndVerify();
    expect(report.ok).toBe(false);
    expect(report.firstMismatch).toMatchObject({ leafIndex: 7, eventId: victim.id });
    expect(report.problems[0]).toContain('is no longer in the store');
  });

  it('names two events whose positions were swapped in the store as a swap: both events, both leaves', async () => {
    const [first, second] = [await eventAt(3), await eventAt(20)];
    await asSuperuser(
      'ALTER TABLE es_events ALTER COLUMN global_position DROP IDENTITY',
      `UPDATE es_events SET global_position = -1 WHERE event_id = '${first.id}'`,
      `UPDATE es_events SET global_position = ${first.position} WHERE event_id = '${second.id}'`,
      `UPDATE es_events SET global_position = ${second.position} WHERE event_id = '${first.id}'`,
    );
    const report = await exportAndVerify();
    expect(report.ok).toBe(false);
    expect(report.firstMismatch).toMatchObject({ leafIndex: 3, eventId: second.id });
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'swapped',
        leaves: [3, 20],
        events: [
          expect.objectContaining({ leafIndex: 3, eventId: second.id }),
          expect.objectContaining({ leafIndex: 20, eventId: first.id }),
        ],
      }),
    ]);
    expect(report.problems[0]).toMatch(
      new RegExp(
        `^Events ${first.id} and ${second.id} have swapped places in the store: ` +
          `event ${first.id} \\(ThingNoted, thing-1 v2, position ${second.position}\\) was sealed at leaf 3 and is now at leaf 20; ` +
          `event ${second.id} \\(ThingNoted, thing-0 v7, position ${first.position}\\) was sealed at leaf 20 and is now at leaf 3$`,
      ),
    );
  });

  it('catches a log rewritten with its leaf hashes, against an earlier tree head the auditor kept', async () => {
    const earlier = (await ownerPool.query(`SELECT tree_size FROM ledger_tree_heads WHERE tree_size = 10`))
      .rows;
    expect(earlier).toHaveLength(1);
    const kept = await latestTreeHeadOfSize(10);
    const victim = await eventAt(4);
    const changed = { ...(await envelopeOf(victim.id)), data: { n: -5 } };
    await asSuperuser(
      `UPDATE es_events SET data = '{"n": -5}' WHERE event_id = '${victim.id}'`,
      `UPDATE ledger_nodes SET hash = '\\x${envelopeLeafHash(changed).toString('hex')}' WHERE level = 0 AND node_index = 4`,
    );
    const report = await exportAndVerify([kept]);
    expect(report.ok).toBe(false);
    expect(report.firstMismatch).toBeNull(); // the leaf hash was rewritten to match ...
    expect(report.problems).toContain(
      'The first 10 leaves do not hash to the root of your earlier tree head (size 10): a leaf from 0 to 9 was changed along with the hash sealed for it',
    );
  });

  it('narrows a change made with its leaf hash to the leaves between two signed heads', async () => {
    const victim = await eventAt(14);
    const changed = { ...(await envelopeOf(victim.id)), data: { n: -14 } };
    await asSuperuser(
      `UPDATE es_events SET data = '{"n": -14}' WHERE event_id = '${victim.id}'`,
      `UPDATE ledger_nodes SET hash = '\\x${envelopeLeafHash(changed).toString('hex')}' WHERE level = 0 AND node_index = 14`,
    );
    const report = await exportAndVerify();
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toBe(
      "The first 20 leaves do not hash to the root of the export's signed tree head of size 20: " +
        'a leaf from 10 to 19 was changed along with the hash sealed for it (the first 10 still match a signed head)',
    );
    // The heads after it fail because of the same change: said once, not once per head.
    expect(report.problems).toContain('1 later signed tree head(s) in the export fail for the same reason');
    expect(report.problems.some((p) => p.includes('the tree head you gave (size 30)'))).toBe(true);
  });

  it('tells a rewritten stored leaf hash from a changed event: the events still reach every signed root', async () => {
    const victim = await eventAt(5);
    await asSuperuser(
      `UPDATE ledger_nodes SET hash = '\\x${'ab'.repeat(32)}' WHERE level = 0 AND node_index = 5`,
    );
    const report = await exportAndVerify();
    expect(report.ok).toBe(false);
    expect(report.firstMismatch).toBeNull(); // no event is blamed
    expect(report.problems).toEqual([
      `The hash stored for leaf 5 (event ${victim.id}) was changed after it was sealed; the event itself still hashes to the signed roots after it, so it was not altered`,
    ]);
  });

  it('clears an event whose stored hash alone was rewritten, and still places a later change made with its hash', async () => {
    const [intact, changedLater] = [await eventAt(5), await eventAt(14)];
    const changed = { ...(await envelopeOf(changedLater.id)), data: { n: -14 } };
    await asSuperuser(
      `UPDATE ledger_nodes SET hash = '\\x${'ab'.repeat(32)}' WHERE level = 0 AND node_index = 5`,
      `UPDATE es_events SET data = '{"n": -14}' WHERE event_id = '${changedLater.id}'`,
      `UPDATE ledger_nodes SET hash = '\\x${envelopeLeafHash(changed).toString('hex')}' WHERE level = 0 AND node_index = 14`,
    );
    const report = await exportAndVerify();
    expect(report.ok).toBe(false);
    expect(report.firstMismatch).toBeNull(); // event 5 is intact: the head of size 10 proves it
    expect(report.problems[0]).toContain(`The hash stored for leaf 5 (event ${intact.id}) was changed`);
    expect(report.problems).toContain(
      "The first 20 leaves do not hash to the root of the export's signed tree head of size 20: " +
        'a leaf from 10 to 19 was changed along with the hash sealed for it (the first 10 still match a signed head)',
    );
  });

  it('does not blame an event it cannot prove changed: a stored hash rewritten after an earlier change', async () => {
    const [first, later] = [await eventAt(5), await eventAt(14)];
    const changed = { ...(await envelopeOf(first.id)), data: { n: -5 } };
    await asSuperuser(
      `UPDATE es_events SET data = '{"n": -5}' WHERE event_id = '${first.id}'`,
      `UPDATE ledger_nodes SET hash = '\\x${envelopeLeafHash(changed).toString('hex')}' WHERE level = 0 AND node_index = 5`,
      `UPDATE ledger_nodes SET hash = '\\x${'cd'.repeat(32)}' WHERE level = 0 AND node_index = 14`,
    );
    const report = await exportAndVerify();
    expect(report.ok).toBe(false);
    // The signed roots fail from leaf 0 on, so nothing proves whether event 14 or its stored hash changed.
    expect(report.firstMismatch).toMatchObject({ leafIndex: 14, eventId: later.id });
    expect(report.problems[0]).toContain('the event, or that stored hash, was changed since it was sealed');
    expect(report.problems).toContain(
      "The first 10 leaves do not hash to the root of the export's signed tree head of size 10: " +
        'a leaf from 0 to 9 was changed along with the hash sealed for it',
    );
  });

  it('places a change made with its hash even beside a deleted event, which cannot explain it', async () => {
    const [deleted, changedWithHash] = [await eventAt(5), await eventAt(7)];
    const changed = { ...(await envelopeOf(changedWithHash.id)), data: { n: -7 } };
    await asSuperuser(
      `DELETE FROM es_events WHERE event_id = '${deleted.id}'`,
      `UPDATE es_events SET data = '{"n": -7}' WHERE event_id = '${changedWithHash.id}'`,
      `UPDATE ledger_nodes SET hash = '\\x${envelopeLeafHash(changed).toString('hex')}' WHERE level = 0 AND node_index = 7`,
    );
    const report = await exportAndVerify();
    expect(report.firstMismatch).toMatchObject({ leafIndex: 5, eventId: deleted.id });
    expect(report.problems).toContain(
      "The first 10 leaves do not hash to the root of the export's signed tree head of size 10: " +
        'a leaf from 0 to 9 was changed along with the hash sealed for it',
    );
  });

  it.each([
    ['its actor', `metadata = jsonb_set(metadata, '{actorId}', '"someone-else"')`],
    ['its effective date', `effective_at = effective_at - interval '1 day'`],
    ['its recorded time', `recorded_at = recorded_at + interval '1 microsecond'`],
    ['its type', `event_type = 'ThingForgotten'`],
    ['its schema version', `schema_version = schema_version + 1`],
  ])('names the event when only %s was changed: the whole envelope is sealed', async (_, change) => {
    const victim = await eventAt(17);
    await asSuperuser(`UPDATE es_events SET ${change} WHERE event_id = '${victim.id}'`);
    const report = await exportAndVerify();
    expect(report.ok).toBe(false);
    expect(report.firstMismatch).toMatchObject({ leafIndex: 17, eventId: victim.id });
    expect(report.problems[0]).toContain('has been changed since it was sealed');
  });

  describe('or after someone edits the export file', () => {
    async function exportedLines(): Promise<string[]> {
      const path = join(dir, 'export.jsonl');
      await writeExport(appPool, path);
      return readFileSync(path, 'utf8').trimEnd().split('\n');
    }
    const verifyLines = (lines: string[]) =>
      verifyExport(toAsync(lines), { treeHead: head, publicKeyPem: keys.publicKeyPem });
    const lineOfLeaf = (lines: string[], leaf: number) =>
      lines.findIndex((line) => line.startsWith(`{"kind":"leaf","leafIndex":${leaf},`));

    it('names two swapped lines as a swap of both events at both leaves, not as a leaf missing', async () => {
      const [third, twentieth] = [await eventAt(3), await eventAt(20)];
      const lines = await exportedLines();
      const [a, b] = [lineOfLeaf(lines, 3), lineOfLeaf(lines, 20)];
      [lines[a], lines[b]] = [lines[b], lines[a]];
      const report = await verifyLines(lines);
      expect(report.ok).toBe(false);
      expect(report.findings).toEqual([
        expect.objectContaining({
          kind: 'swapped',
          leaves: [3, 20],
          events: [
            expect.objectContaining({ leafIndex: 3, eventId: third.id, line: b + 1 }),
            expect.objectContaining({ leafIndex: 20, eventId: twentieth.id, line: a + 1 }),
          ],
          proven: true,
        }),
      ]);
      expect(report.problems).toHaveLength(1);
      expect(report.problems[0]).toMatch(/^Leaves 3 and 20 are swapped in the export: /);
    });

    it('names a deleted line by its leaf, and the event by its stream and version', async () => {
      const lines = await exportedLines();
      lines.splice(lineOfLeaf(lines, 7), 1);
      const report = await verifyLines(lines);
      expect(report.ok).toBe(false);
      expect(report.findings).toEqual([expect.objectContaining({ kind: 'missing', leaves: [7] })]);
      // Leaf 7 is the eighth event: thing-2's third; its second is leaf 4 and its fourth leaf 10.
      expect(report.problems[0]).toBe(
        `Leaf 7 is missing from the export: no line for it between leaf 6 (line ${lineOfLeaf(lines, 6) + 1}) and ` +
          `leaf 8 (line ${lineOfLeaf(lines, 8) + 1}). By its stream's versions it was version 3 of thing-2 ` +
          '(v2 is at leaf 4, v4 at leaf 10)',
      );
    });

    it('names a line added under a sealed leaf as an insertion', async () => {
      const lines = await exportedLines();
      const at = lineOfLeaf(lines, 12);
      const added = JSON.parse(lines[at]);
      added.event.data = { n: 1200 };
      lines.splice(at + 1, 0, JSON.stringify(added));
      const report = await verifyLines(lines);
      expect(report.ok).toBe(false);
      expect(report.findings).toEqual([
        expect.objectContaining({
          kind: 'inserted',
          leaves: [12],
          events: [expect.objectContaining({ line: at + 2 })],
        }),
      ]);
      expect(report.problems).toEqual([
        expect.stringMatching(new RegExp(`^Leaf 12 appears twice, on lines ${at + 1} and ${at + 2}: `)),
      ]);
    });
  });

  it('refuses a tree head signed by another key', async () => {
    const other = generateSigningKey();
    await expect(
      verifyExport(toAsync([]), { treeHead: head, publicKeyPem: other.publicKeyPem }),
    ).rejects.toThrow(/signature/);
  });

  async function latestTreeHeadOfSize(size: number): Promise<PublishedTreeHead> {
    const { rows } = await ownerPool.query(
      `SELECT tree_size, encode(root_hash, 'base64') AS root_hash, signed_at, encode(signature, 'base64') AS signature, key_id
         FROM ledger_tree_heads WHERE tree_size = $1`,
      [size],
    );
    const row = rows[0];
    return {
      treeSize: Number(row.tree_size),
      rootHash: row.root_hash,
      timestamp: row.signed_at.toISOString(),
      signature: row.signature.replace(/\n/g, ''),
      keyId: row.key_id,
    };
  }

  async function envelopeOf(eventId: string) {
    const { rows } = await ownerPool.query(`SELECT ${envelopeColumns()} FROM es_events WHERE event_id = $1`, [
      eventId,
    ]);
    return envelopeFromRow(rows[0]);
  }
});

async function* toAsync(lines: string[]): AsyncIterable<string> {
  yield* lines;
}
