import type { EventEnvelope } from './event-envelope.js';
import type { PublishedTreeHead } from './signing-key.js';

/**
 * An audit export is JSON Lines, readable top to bottom in one pass: a header, the public keys,
 * the signed tree heads, then one line per leaf of the log in leaf order.
 */
export const EXPORT_FORMAT = 'pledge-tracker/audit-export';
export const EXPORT_FORMAT_VERSION = 1;

export interface ExportHeader {
  kind: 'header';
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  /** Leaves in this export: the size of the newest signed tree head when it was made. */
  treeSize: number;
  exportedAt: string;
  leafInput: string;
}

export interface ExportPublicKey {
  kind: 'publicKey';
  keyId: string;
  publicKeyPem: string;
}

export type ExportTreeHead = { kind: 'treeHead' } & PublishedTreeHead;

export interface ExportLeaf {
  kind: 'leaf';
  leafIndex: number;
  /** The leaf hash the sealer stored, base64. */
  sealedLeafHash: string;
  /** The event as the store holds it now; null when the sealed event is no longer there. */
  event: EventEnvelope | null;
  /** Which event the sealer sealed at this leaf, for naming it when it has gone. */
  sealedEventId: string;
  sealedPosition: string;
}

export type ExportLine = ExportHeader | ExportPublicKey | ExportTreeHead | ExportLeaf;

export const LEAF_INPUT_DESCRIPTION =
  'leaf hash = SHA-256(0x00 || UTF-8 of the RFC 8785 canonical JSON of "event"); tree = RFC 9162 Merkle tree';
