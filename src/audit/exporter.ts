import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type pg from 'pg';
import { envelopeColumns, envelopeFromRow } from './event-envelope.js';
import { headerLine, leafLine, lineText } from './export-format.js';
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
  yield lineText(headerLine(treeHead.treeSize, new Date()));
  for (const key of await publicKeys(db)) yield lineText({ kind: 'publicKey', ...key });
  const { rows: heads } = await db.query(
    `SELECT ${TREE_HEAD_COLUMNS} FROM ledger_tree_heads WHERE tree_size <= $1 ORDER BY tree_size`,
    [treeHead.treeSize],
  );
  for (const row of heads) yield lineText({ kind: 'treeHead', ...treeHeadFromRow(row) });

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
      const sealed = {
        leafHash: row.sealed_leaf_hash,
        eventId: row.sealed_event_id,
        position: row.sealed_position,
      };
      yield lineText(leafLine(Number(row.leaf_index), sealed, row.present ? envelopeFromRow(row) : null));
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
