import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
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
 * Writes every leaf of the log up to the newest signed tree head, with the event the store holds
 * for it now, the public keys and every signed tree head, as JSON Lines. Read in pages of leaf
 * indexes, so memory stays flat however long the log.
 */
export async function writeExport(
  db: pg.Pool,
  path: string,
  onProgress?: (written: number, total: number) => void,
): Promise<ExportResult> {
  const treeHead = await latestTreeHead(db);
  if (!treeHead)
    throw new Error('No tree head has been signed yet: start the server once, or wait for the sealer');
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = async (line: ExportLine) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };
  try {
    await write({
      kind: 'header',
      format: EXPORT_FORMAT,
      formatVersion: EXPORT_FORMAT_VERSION,
      treeSize: treeHead.treeSize,
      exportedAt: new Date().toISOString(),
      leafInput: LEAF_INPUT_DESCRIPTION,
    });
    const { rows: keys } = await db.query(
      `SELECT key_id, public_key_pem FROM ledger_signing_keys ORDER BY first_used_at`,
    );
    const publicKeys = keys.map((row) => ({
      keyId: row.key_id as string,
      publicKeyPem: row.public_key_pem as string,
    }));
    for (const key of publicKeys) await write({ kind: 'publicKey', ...key });
    const { rows: heads } = await db.query(
      `SELECT ${TREE_HEAD_COLUMNS} FROM ledger_tree_heads WHERE tree_size <= $1 ORDER BY tree_size`,
      [treeHead.treeSize],
    );
    for (const row of heads) await write({ kind: 'treeHead', ...treeHeadFromRow(row) });

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
        await write({
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
    return { treeHead, leaves: treeHead.treeSize, publicKeys };
  } finally {
    out.end();
    await once(out, 'close');
  }
}
