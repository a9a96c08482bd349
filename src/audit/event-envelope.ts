import { Buffer } from 'node:buffer';
import { canonicalJson, leafHash } from '../../libs/ledger/index.js';

/**
 * Everything the store holds about one event, exactly as stored: the leaf input of the Merkle log
 * is the RFC 8785 canonical JSON of this object. Times keep PostgreSQL's microseconds and
 * positions are decimal strings, so no field is rounded on its way into the hash.
 */
export interface EventEnvelope {
  readonly position: string;
  readonly transactionId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly recordedAt: string;
  readonly effectiveAt: string;
}

/** SELECT list over es_events (or the alias given) that envelopeFromRow reads. */
export function envelopeColumns(alias?: string): string {
  const at = alias ? `${alias}.` : '';
  const utc = (column: string) =>
    `to_char(${at}${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ${column}`;
  return [
    `${at}global_position::text AS global_position`,
    `${at}transaction_id::text AS transaction_id`,
    `${at}stream_id`,
    `${at}stream_version::int AS stream_version`,
    `${at}event_id::text AS event_id`,
    `${at}event_type`,
    `${at}schema_version`,
    `${at}data`,
    `${at}metadata`,
    utc('recorded_at'),
    utc('effective_at'),
  ].join(', ');
}

export function envelopeFromRow(row: Record<string, unknown>): EventEnvelope {
  return {
    position: row.global_position as string,
    transactionId: row.transaction_id as string,
    streamId: row.stream_id as string,
    streamVersion: row.stream_version as number,
    eventId: row.event_id as string,
    type: row.event_type as string,
    schemaVersion: row.schema_version as number,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at as string,
    effectiveAt: row.effective_at as string,
  };
}

export function envelopeLeafHash(envelope: EventEnvelope): Buffer {
  return leafHash(Buffer.from(canonicalJson(envelope), 'utf8'));
}
