/**
 * Audit exports made in memory, line for line as the exporter writes them, for tests that need no
 * database: events in commit order, sealed with the real leaf hash, heads signed by the real signer.
 */
import { MemoryMerkleTree } from '../../libs/ledger/index.js';
import { envelopeLeafHash, type EventEnvelope } from '../../src/audit/event-envelope.js';
import { headerLine, leafLine, lineText, type ExportLeaf } from '../../src/audit/export-format.js';
import type { PublishedTreeHead, TreeHeadSigner } from '../../src/audit/signing-key.js';

export interface BuiltExport {
  lines: string[];
  /** Every head signed, by size; the last covers every event. */
  heads: PublishedTreeHead[];
  treeHead: PublishedTreeHead;
  tree: MemoryMerkleTree;
}

export function buildExport(
  events: readonly EventEnvelope[],
  options: {
    signer: TreeHeadSigner;
    /** Sizes at which a head was signed; the whole log always gets one. */
    headsAt?: number[];
    signedAt?: (treeSize: number) => Date;
    exportedAt?: Date;
  },
): BuiltExport {
  const { signer } = options;
  const signedAt = options.signedAt ?? ((size: number) => new Date(Date.UTC(2024, 6, 1, 12, 0, size)));
  const tree = new MemoryMerkleTree();
  for (const event of events) tree.append(envelopeLeafHash(event));
  const sizes = [...new Set([...(options.headsAt ?? []), events.length])].sort((a, b) => a - b);
  const heads = sizes.map((treeSize) =>
    signer.sign({ treeSize, rootHash: tree.root(treeSize), timestamp: signedAt(treeSize) }),
  );
  const lines = [
    lineText(headerLine(events.length, options.exportedAt ?? new Date('2024-07-01T13:00:00Z'))),
    lineText({ kind: 'publicKey', keyId: signer.keyId, publicKeyPem: signer.publicKeyPem }),
    ...heads.map((head) => lineText({ kind: 'treeHead', ...head })),
    ...events.map((event, i) =>
      lineText(
        leafLine(
          i,
          { leafHash: tree.leafHash(i).toString('base64'), eventId: event.eventId, position: event.position },
          event,
        ),
      ),
    ),
  ];
  return { lines, heads, treeHead: heads[heads.length - 1], tree };
}

/**
 * `count` events in commit order over `streams` streams taking turns, each stream's versions from 1,
 * one transaction per event, microsecond times, as the store would hold them.
 */
export function storyEvents(count: number, streams = 3): EventEnvelope[] {
  return Array.from({ length: count }, (_, i) => ({
    position: String(101 + i),
    transactionId: String(5001 + 2 * i),
    streamId: `action-0190b2c4-7a1e-7cc1-9f5a-2f0c6c1d8e${String(10 + (i % streams))}`,
    streamVersion: Math.floor(i / streams) + 1,
    eventId: `0190b2c4-7a1e-7cc1-9f5a-${String(i).padStart(12, '0')}`,
    type: i < streams ? 'ActionPlanned' : 'ActionProgressLogged',
    schemaVersion: 1,
    data: { percentComplete: i, narrative: `Update ${i}` },
    metadata: { actorId: 'u-7', actorRole: 'officer', client: 'test' },
    recordedAt: new Date(Date.UTC(2024, 5, 1) + i * 60_000).toISOString().replace('Z', '417Z'),
    effectiveAt: new Date(Date.UTC(2024, 4, 1) + i * 86_400_000).toISOString().replace('Z', '000Z'),
  }));
}

/** The leaf line of an export, parsed, to edit it. */
export const leafOf = (line: string) => JSON.parse(line) as ExportLeaf;

export const asLines = async function* (lines: readonly string[]): AsyncIterable<string> {
  yield* lines;
};
