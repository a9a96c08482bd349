import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type pg from 'pg';
import { envelopeColumns, envelopeFromRow } from './event-envelope.js';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  LEAF_INPUT_DESCRIPTION,
  type ExportLine,
} from './export-format.js';
import { latestTreeHead, TREE_HEAD_COLUMNS, treeHeadFromRow } from './sealer.js';
import type { PublishedTreeHead } from './signing-key.js';

const PAGE = 5000;

export interface ExportResult {
  treeHead: PublishedTreeHead;
  leaves: number;
  publicKeys: { keyId: string; publicKeyPem: string }[];
}

/**
 * The export's lines, one JSON document each: every leaf of the log up to `treeHead`, with the
 * event the store holds for it now, after the public keys and the signed tree heads. Read in pages
 * of leaf indexes, so memory stays flat however long the log.
 */
export async function* exportLines(
  db: pg.Pool,
  treeHead: PublishedTreeHead,
  onProgress?: (written: number, total: number) => void,
): AsyncGenerator<string> {
  const line = (value: ExportLine) => JSON.stringify(value);
  yield line({
    kind: 'header',
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    treeSize: treeHead.treeSize,
    exportedAt: new Date().toISOString(),
    leafInput: LEAF_INPUT_DESCRIPTION,
  });
  for (const key of await publicKeys(db)) yield line({ kind: 'publicKey', ...key });
  const { rows: heads } = await db.query(
    `SELECT ${TREE_HEAD_COLUMNS} FROM ledger_tree_heads WHERE tree_size <= $1 ORDER BY tree_size`,
    [treeHead.treeSize],
  );
  for (const row of heads) yield line({ kind: 'treeHead', ...treeHeadFromRow(row) });

  for (let from = 0; from < treeHead.treeSize; from += PAGE) {
    const { rows } = await db.query(
      `SELECT l.leaf_index, l.event_id::text AS sealed_event_id, l.global_position::text AS sealed_position,
              encode(n.hash, 'base64') AS sealed_leaf_hash, e.event_id IS NOT NULL AS present,
              ${envelopeColumns('e')}
         FROM ledger_leaves l
         JOIN ledger_nodes n ON n.level = 0 AND n.node_index = l.leaf_index
         LEFT JOIN es_events e ON e.global_position = l.global_position
        WHERE l.leaf_index >= $1 AND l.leaf_index < $2
        ORDER BY l.leaf_index`,
      [from, Math.min(from + PAGE, treeHead.treeSize)],
    );
    for (const row of rows) {
      yield line({
        kind: 'leaf',
        leafIndex: Number(row.leaf_index),
        sealedLeafHash: row.sealed_leaf_hash,
        sealedEventId: row.sealed_event_id,
        sealedPosition: row.sealed_position,
        event: row.present ? envelopeFromRow(row) : null,
      });
    }
    onProgress?.(Math.min(from + PAGE, treeHead.treeSize), treeHead.treeSize);
  }
}

/** Writes the export up to the newest signed tree head to `path`. */
export async function writeExport(
  db: pg.Pool,
  path: string,
  onProgress?: (written: number, total: number) => void,
): Promise<ExportResult> {
  const treeHead = await latestTreeHead(db);
  if (!treeHead)
    throw new Error('No tree head has been signed yet: start the server once, or wait for the sealer');
  const out = createWriteStream(path, { encoding: 'utf8' });
  try {
    for await (const line of exportLines(db, treeHead, onProgress)) {
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { treeHead, leaves: treeHead.treeSize, publicKeys: await publicKeys(db) };
}

async function publicKeys(db: pg.Pool): Promise<{ keyId: string; publicKeyPem: string }[]> {
  const { rows } = await db.query(
    `SELECT key_id, public_key_pem FROM ledger_signing_keys ORDER BY first_used_at`,
  );
  return rows.map((row) => ({ keyId: row.key_id as string, publicKeyPem: row.public_key_pem as string }));
}
