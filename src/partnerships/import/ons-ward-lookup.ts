import { TextDecoder } from 'node:util';
import { DomainError } from '../../common/domain/domain-error.js';
import {
  isLocalAuthorityCode,
  isWardCode,
  LOCAL_AUTHORITY_CODE_FORMAT,
  WARD_CODE_FORMAT,
} from '../domain/gss-code.js';

/** One row of an ONS ward lookup, with the line it came from. */
export interface WardLookupRow {
  readonly line: number;
  readonly wardCode: string;
  readonly wardName: string;
  readonly localAuthorityCode: string;
  readonly localAuthorityName: string;
  /** The lookup's ward year, from the column names: WD15CD is 2015. */
  readonly year: number;
}

interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

function lineError(line: number, message: string, column?: string): DomainError {
  const text = `Line ${line}: ${message}`;
  return new DomainError(
    'ward-lookup.invalid',
    text,
    'invalid',
    column ? [{ field: column, message: text }] : [],
    {
      line,
    },
  );
}

/**
 * RFC 4180 records from text pushed in pieces of any size: quoted fields (with commas, doubled
 * quotes and line breaks inside), CRLF or LF, a UTF-8 byte order mark at the start dropped. Each
 * record carries the line it starts on. Holds only the record being read, so a file of any size
 * streams through it.
 */
class CsvReader {
  private line = 1;
  private recordLine = 1;
  private fields: string[] = [];
  private field = '';
  private state: 'start' | 'unquoted' | 'quoted' | 'quote-in-quoted' = 'start';
  private afterCarriageReturn = false;
  private atFileStart = true;

  push(text: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    for (let index = 0; index < text.length; index++) {
      const char = text[index];
      if (this.atFileStart) {
        this.atFileStart = false;
        if (char === '\uFEFF') continue;
      }
      if (this.afterCarriageReturn) {
        this.afterCarriageReturn = false;
        if (char === '\n') continue;
      }
      if (this.state === 'quoted') {
        if (char === '"') this.state = 'quote-in-quoted';
        else {
          if (char === '\n') this.line++;
          this.field += char;
        }
        continue;
      }
      if (this.state === 'quote-in-quoted') {
        if (char === '"') {
          this.field += '"';
          this.state = 'quoted';
          continue;
        }
        if (char !== ',' && char !== '\n' && char !== '\r')
          throw lineError(this.line, 'a quoted field has more text after its closing quote');
      }
      if (char === ',') {
        this.fields.push(this.field);
        this.field = '';
        this.state = 'start';
      } else if (char === '\n' || char === '\r') {
        this.afterCarriageReturn = char === '\r';
        const record = this.endRecord();
        if (record) records.push(record);
        this.line++;
        this.recordLine = this.line;
      } else if (char === '"') {
        if (this.state !== 'start')
          throw lineError(this.line, 'a quote inside a field that does not start with one');
        this.state = 'quoted';
      } else {
        this.field += char;
        this.state = 'unquoted';
      }
    }
    return records;
  }

  end(): CsvRecord[] {
    if (this.state === 'quoted') throw lineError(this.recordLine, 'a quoted field is never closed');
    const record = this.endRecord();
    return record ? [record] : [];
  }

  private endRecord(): CsvRecord | undefined {
    this.fields.push(this.field);
    const fields = this.fields;
    const blank = fields.length === 1 && fields[0] === '' && this.state === 'start';
    this.fields = [];
    this.field = '';
    this.state = 'start';
    return blank ? undefined : { line: this.recordLine, fields };
  }
}

interface Columns {
  wardCode: number;
  wardName: number;
  localAuthorityCode: number;
  localAuthorityName: number;
  year: number;
  count: number;
}

/** The ONS column names, any year: WD15CD, WD15NM, LAD15CD, LAD15NM. WD15NMW, FID, ObjectId... are not read. */
const WANTED = {
  wardCode: { pattern: /^WD(\d{2})CD$/i, what: 'the ward code, e.g. WD15CD' },
  wardName: { pattern: /^WD(\d{2})NM$/i, what: 'the ward name, e.g. WD15NM' },
  localAuthorityCode: { pattern: /^LAD(\d{2})CD$/i, what: 'the local authority code, e.g. LAD15CD' },
  localAuthorityName: { pattern: /^LAD(\d{2})NM$/i, what: 'the local authority name, e.g. LAD15NM' },
} as const;
type Wanted = keyof typeof WANTED;

function columnsOf({ line, fields }: CsvRecord): Columns {
  const header = fields.map((name) => name.trim());
  const found = {} as Record<Wanted, { index: number; year: string }>;
  for (const key of Object.keys(WANTED) as Wanted[]) {
    const matches = header.flatMap((name, index) => {
      const match = WANTED[key].pattern.exec(name);
      return match ? [{ index, year: match[1], name }] : [];
    });
    if (matches.length === 0)
      throw lineError(
        line,
        `the header has no column for ${WANTED[key].what} (its columns: ${header.join(', ')})`,
      );
    if (matches.length > 1)
      throw lineError(
        line,
        `the header has ${matches.map((match) => match.name).join(' and ')}: which one is meant is not clear`,
      );
    found[key] = matches[0];
  }
  if (found.wardCode.year !== found.wardName.year)
    throw lineError(
      line,
      `the ward columns are of two years, ${header[found.wardCode.index]} and ${header[found.wardName.index]}`,
    );
  if (found.localAuthorityCode.year !== found.localAuthorityName.year)
    throw lineError(
      line,
      `the local authority columns are of two years, ${header[found.localAuthorityCode.index]} and ${header[found.localAuthorityName.index]}`,
    );
  return {
    wardCode: found.wardCode.index,
    wardName: found.wardName.index,
    localAuthorityCode: found.localAuthorityCode.index,
    localAuthorityName: found.localAuthorityName.index,
    year: 2000 + Number(found.wardCode.year),
    count: header.length,
  };
}

function rowOf({ line, fields }: CsvRecord, columns: Columns, header: string[]): WardLookupRow {
  if (fields.length !== columns.count)
    throw lineError(line, `${fields.length} fields, but the header has ${columns.count}`);
  const value = (index: number) => fields[index].trim();
  for (const index of [
    columns.wardCode,
    columns.wardName,
    columns.localAuthorityCode,
    columns.localAuthorityName,
  ])
    if (!value(index)) throw lineError(line, `${header[index]} is empty`, header[index]);
  const wardCode = value(columns.wardCode).toUpperCase();
  if (!isWardCode(wardCode))
    throw lineError(
      line,
      `${header[columns.wardCode]} "${value(columns.wardCode)}" is not a ward code. ${WARD_CODE_FORMAT}`,
      header[columns.wardCode],
    );
  const localAuthorityCode = value(columns.localAuthorityCode).toUpperCase();
  if (!isLocalAuthorityCode(localAuthorityCode))
    throw lineError(
      line,
      `${header[columns.localAuthorityCode]} "${value(columns.localAuthorityCode)}" is not a local authority code. ${LOCAL_AUTHORITY_CODE_FORMAT}`,
      header[columns.localAuthorityCode],
    );
  return {
    line,
    wardCode,
    wardName: value(columns.wardName),
    localAuthorityCode,
    localAuthorityName: value(columns.localAuthorityName),
    year: columns.year,
  };
}

/** Turns CSV records into rows once the header has said where the columns are. */
class LookupRows {
  private columns: Columns | undefined;
  private header: string[] = [];

  take(records: readonly CsvRecord[]): WardLookupRow[] {
    const rows: WardLookupRow[] = [];
    for (const record of records) {
      if (!this.columns) {
        this.columns = columnsOf(record);
        this.header = record.fields.map((name) => name.trim());
      } else rows.push(rowOf(record, this.columns, this.header));
    }
    return rows;
  }

  finish(): void {
    if (!this.columns) throw lineError(1, 'the file is empty: an ONS ward lookup starts with a header row');
  }
}

/** Every row of a lookup held in memory as text. */
export function parseWardLookup(text: string): WardLookupRow[] {
  const csv = new CsvReader();
  const rows = new LookupRows();
  const all = [...rows.take(csv.push(text)), ...rows.take(csv.end())];
  rows.finish();
  return all;
}

/**
 * The rows of a lookup as it streams in (a file's read stream, say), each yielded as soon as its
 * line is read: memory holds one chunk, whatever the size of the file.
 */
export async function* readWardLookup(
  source: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<WardLookupRow> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const csv = new CsvReader();
  const rows = new LookupRows();
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decode(decoder, chunk, true);
    yield* rows.take(csv.push(text));
  }
  yield* rows.take(csv.push(decode(decoder, new Uint8Array(), false)));
  yield* rows.take(csv.end());
  rows.finish();
}

function decode(decoder: TextDecoder, bytes: Uint8Array, stream: boolean): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw new DomainError(
      'ward-lookup.invalid',
      'The file is not UTF-8 text: save the lookup as CSV (UTF-8)',
      'invalid',
    );
  }
}

/**
 * Each ward once, at its first row: lookups at LSOA or output-area level repeat a ward on many
 * lines. A ward that a later line names differently is refused, naming both lines.
 */
export async function* distinctWards(
  rows: AsyncIterable<WardLookupRow> | Iterable<WardLookupRow>,
): AsyncGenerator<WardLookupRow> {
  const seen = new Map<string, WardLookupRow>();
  for await (const row of rows) {
    const first = seen.get(row.wardCode);
    if (!first) {
      seen.set(row.wardCode, row);
      yield row;
      continue;
    }
    if (
      first.wardName !== row.wardName ||
      first.localAuthorityCode !== row.localAuthorityCode ||
      first.localAuthorityName !== row.localAuthorityName
    )
      throw lineError(
        row.line,
        `${row.wardCode} is "${row.wardName}" in ${row.localAuthorityName} (${row.localAuthorityCode}), but line ${first.line} has "${first.wardName}" in ${first.localAuthorityName} (${first.localAuthorityCode})`,
      );
  }
}
