import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readWardLookup, type WardLookupRow } from '../import/ons-ward-lookup.js';

const file = fileURLToPath(new URL('./leicester-wards-2015.csv', import.meta.url));

describe("Leicester's wards of May 2015", () => {
  let rows: WardLookupRow[];
  beforeAll(async () => {
    rows = [];
    for await (const row of readWardLookup(createReadStream(file))) rows.push(row);
  });

  it('are 21, all in Leicester (E06000016), in the ONS 2015 column layout', () => {
    expect(rows).toHaveLength(21);
    expect(new Set(rows.map((row) => `${row.localAuthorityCode} ${row.localAuthorityName} ${row.year}`))).toEqual(
      new Set(['E06000016 Leicester 2015']),
    );
  });

  it('run from Abbey, E05010458, to Wycliffe, E05010478, each code once', () => {
    expect(rows[0]).toMatchObject({ wardCode: 'E05010458', wardName: 'Abbey' });
    expect(rows.at(-1)).toMatchObject({ wardCode: 'E05010478', wardName: 'Wycliffe' });
    expect(rows.map((row) => row.wardCode)).toEqual(
      Array.from({ length: 21 }, (_, index) => `E050${10458 + index}`),
    );
  });

  it('are named as ONS names them, with "&"', () => {
    expect(rows.map((row) => row.wardName)).toContain('Braunstone Park & Rowley Fields');
    expect(rows.map((row) => row.wardName)).toContain('Humberstone & Hamilton');
  });
});
