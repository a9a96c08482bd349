import { Buffer } from 'node:buffer';
import type { EventEnvelope } from './event-envelope.js';
import type { PublishedTreeHead } from './signing-key.js';

/**
 * An audit export is JSON Lines, readable top to bottom in one pass: a header, the public keys,
 * the signed tree heads, then one line per leaf of the log in leaf order. The published
 * specification is docs/audit-export-format.md; its examples are checked against this code.
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
  /** Which event the sealer sealed at this leaf, for naming it when it has gone. */
  sealedEventId: string;
  sealedPosition: string;
  /** The event as the store holds it now; null when the sealed event is no longer there. */
  event: EventEnvelope | null;
}

export type ExportLine = ExportHeader | ExportPublicKey | ExportTreeHead | ExportLeaf;

export const LEAF_INPUT_DESCRIPTION =
  'leaf hash = SHA-256(0x00 || UTF-8 of the RFC 8785 canonical JSON of "event"); tree = RFC 9162 Merkle tree';

export function headerLine(treeSize: number, exportedAt: Date): ExportHeader {
  return {
    kind: 'header',
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    treeSize,
    exportedAt: exportedAt.toISOString(),
    leafInput: LEAF_INPUT_DESCRIPTION,
  };
}

export function leafLine(
  leafIndex: number,
  sealed: { leafHash: string; eventId: string; position: string },
  event: EventEnvelope | null,
): ExportLeaf {
  return {
    kind: 'leaf',
    leafIndex,
    sealedLeafHash: sealed.leafHash,
    sealedEventId: sealed.eventId,
    sealedPosition: sealed.position,
    event,
  };
}

/** One line of the file: the JSON text of the line, in the field order above. */
export const lineText = (line: ExportLine): string => JSON.stringify(line);

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY_ID = /^[0-9a-f]{64}$/;
const MAX_UINT64 = 2n ** 64n - 1n;

export const isDecimal = (value: unknown): value is string =>
  typeof value === 'string' && DECIMAL.test(value) && BigInt(value) <= MAX_UINT64;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Standard base64 with padding, in its only canonical form, of exactly `bytes` bytes. */
export function isBase64Of(value: unknown, bytes: number): value is string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0)
    return false;
  const decoded = Buffer.from(value, 'base64');
  return decoded.length === bytes && decoded.toString('base64') === value;
}

export type ReadLine = { line: ExportLine } | { malformed: string };

/**
 * One line of an export, checked against the specification's field table for its kind. The
 * fields of a leaf's `event` are not checked here: whatever it holds is hashed, and anything that
 * is not what was sealed shows as a change.
 */
export function readExportLine(text: string): ReadLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { malformed: 'is not JSON' };
  }
  if (!isObject(value)) return { malformed: 'is not a JSON object' };
  const wrong = (field: string, should: string) => ({ malformed: `has a ${field} that is not ${should}` });
  switch (value.kind) {
    case 'header':
      if (value.format !== EXPORT_FORMAT) return wrong('format', `"${EXPORT_FORMAT}"`);
      if (value.formatVersion !== EXPORT_FORMAT_VERSION)
        return wrong('formatVersion', `${EXPORT_FORMAT_VERSION} (the version this verifier reads)`);
      if (!isCount(value.treeSize)) return wrong('treeSize', 'a whole number');
      return { line: value as unknown as ExportHeader };
    case 'publicKey':
      if (!KEY_ID.test(String(value.keyId))) return wrong('keyId', '64 lowercase hex digits');
      if (typeof value.publicKeyPem !== 'string') return wrong('publicKeyPem', 'a string');
      return { line: value as unknown as ExportPublicKey };
    case 'treeHead':
      // Its other fields are checked with its signature.
      if (typeof value.keyId !== 'string') return wrong('keyId', 'a string');
      return { line: value as unknown as ExportTreeHead };
    case 'leaf':
      if (!isCount(value.leafIndex)) return wrong('leafIndex', 'a whole number');
      if (!isBase64Of(value.sealedLeafHash, 32)) return wrong('sealedLeafHash', 'a 32-byte hash in base64');
      if (!isUuid(value.sealedEventId)) return wrong('sealedEventId', 'a lowercase UUID');
      if (!isDecimal(value.sealedPosition)) return wrong('sealedPosition', 'a decimal string');
      if (value.event !== null && !isObject(value.event)) return wrong('event', 'an object or null');
      return { line: value as unknown as ExportLeaf };
    default:
      return { malformed: `has an unknown kind ${JSON.stringify(value.kind) ?? '(none)'}` };
  }
}
