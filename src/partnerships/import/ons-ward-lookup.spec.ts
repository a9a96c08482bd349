import { Readable } from 'node:stream';
import { distinctWards, parseWardLookup, readWardLookup, type WardLookupRow } from './ons-ward-lookup.js';

// Header rows as ONS publishes them (jtrim-ons/ons-lookups csv/106.csv, 032.csv, 056.csv).
const LSOA_TO_WD15 = [
  'LSOA11CD,LSOA11NM,WD15CD,WD15NM,WD15NMW,LAD15CD,LAD15NM,FID',
  'E01013600,Leicester 003A,E05010458,Abbey, ,E06000016,Leicester,1',
  'E01013601,Leicester 003B,E05010458,Abbey, ,E06000016,Leicester,2',
  'E01013608,Leicester 034A,E05010459,Aylestone, ,E06000016,Leicester,3',
].join('\n');

const refusal = (text: string) => {
  try {
    parseWardLookup(text);
  } catch (error) {
    return error as { code: string; message: string; kind: string; extra: { line: number } };
  }
  throw new Error('the lookup was accepted');
};

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

describe('the ONS ward lookup', () => {
  it('reads the ward and local authority columns by name, whatever else the file holds', () => {
    expect(parseWardLookup(LSOA_TO_WD15)).toEqual([
      {
        line: 2,
        wardCode: 'E05010458',
        wardName: 'Abbey',
        localAuthorityCode: 'E06000016',
        localAuthorityName: 'Leicester',
        year: 2015,
      },
      expect.objectContaining({ line: 3, wardCode: 'E05010458' }),
      expect.objectContaining({ line: 4, wardCode: 'E05010459', wardName: 'Aylestone' }),
    ]);
  });

  it('takes any year and any column order (2019 put FID first)', () => {
    const rows = parseWardLookup(
      'FID,WD19CD,WD19NM,LAD19CD,LAD19NM\r\n1,E05010458,Abbey,E06000016,Leicester\r\n',
    );
    expect(rows).toEqual([expect.objectContaining({ wardCode: 'E05010458', wardName: 'Abbey', year: 2019 })]);
  });

  it('drops a byte order mark, reads quoted fields, and skips blank lines', () => {
    const text =
      '\uFEFFWD16CD,WD16NM,LAD16CD,LAD16NM,FID\n' +
      'W05000981,"Aber-craf and Ystradgynlais, ""Upper""",W06000023,Powys,1\n' +
      '\n' +
      'E05010462,"Braunstone Park & Rowley Fields",E06000016,"Leicester",2\n';
    expect(parseWardLookup(text)).toEqual([
      expect.objectContaining({
        line: 2,
        wardName: 'Aber-craf and Ystradgynlais, "Upper"',
        localAuthorityName: 'Powys',
      }),
      expect.objectContaining({ line: 4, wardName: 'Braunstone Park & Rowley Fields' }),
    ]);
  });

  it('counts lines inside a quoted field that spans two, so later errors name the right line', () => {
    const text =
      'WD16CD,WD16NM,LAD16CD,LAD16NM\nE05010458,"Abbey\nNorth",E06000016,Leicester\nE0501,Castle,E06000016,Leicester\n';
    expect(refusal(text).message).toMatch(/^Line 4: WD16CD "E0501" is not a ward code/);
  });

  it.each([
    ['', 'Line 1: the file is empty'],
    ['LSOA11CD,WD15NM,LAD15CD,LAD15NM\n', 'Line 1: the header has no column for the ward code, e.g. WD15CD'],
    ['WD15CD,WD16CD,WD15NM,LAD15CD,LAD15NM\n', 'Line 1: the header has WD15CD and WD16CD'],
    ['WD15CD,WD16NM,LAD15CD,LAD15NM\n', 'Line 1: the ward columns are of two years, WD15CD and WD16NM'],
    ['WD15CD,WD15NM,LAD15CD,LAD15NM\nE05010458,Abbey,E06000016\n', 'Line 2: 3 fields, but the header has 4'],
    ['WD15CD,WD15NM,LAD15CD,LAD15NM\nE05010458, ,E06000016,Leicester\n', 'Line 2: WD15NM is empty'],
    [
      'WD15CD,WD15NM,LAD15CD,LAD15NM\nE05010458,Abbey,E06000016,Leicester\nE06000016,Leicester,E06000016,Leicester\n',
      'Line 3: WD15CD "E06000016" is not a ward code. A ward code is E05, W05, S13 or N08 and 6 digits',
    ],
    [
      'WD15CD,WD15NM,LAD15CD,LAD15NM\nE05010458,Abbey,E10000018,Leicestershire\n',
      'Line 2: LAD15CD "E10000018" is not a local authority code',
    ],
    [
      'WD15CD,WD15NM,LAD15CD,LAD15NM\nE05010458,"Abbey,E06000016,Leicester\n',
      'Line 2: a quoted field is never closed',
    ],
    [
      'WD15CD,WD15NM,LAD15CD,LAD15NM\nE05010458,"Abbey"x,E06000016,Leicester\n',
      'Line 2: a quoted field has more text after its closing quote',
    ],
    [
      'WD15CD,WD15NM,LAD15CD,LAD15NM\nE05010458,Ab"bey,E06000016,Leicester\n',
      'Line 2: a quote inside a field that does not start with one',
    ],
  ])('refuses %j: "%s"', (text, message) => {
    const error = refusal(text);
    expect(error).toMatchObject({ code: 'ward-lookup.invalid', kind: 'invalid' });
    expect(error.message.startsWith(message)).toBe(true);
  });

  it('streams: a row comes out as soon as its line is in, whatever the size of the file', async () => {
    let chunksRead = 0;
    async function* file() {
      yield 'WD15CD,WD15NM,LAD15CD,LAD15NM\nE05010458,Abbey,E06000016,Leicester\n';
      for (let index = 1; index <= 100_000; index++) {
        chunksRead++;
        yield `E05${String(index).padStart(6, '0')},Ward ${index},E06000016,Leicester\n`;
      }
    }
    const rows = readWardLookup(file());
    const first = await rows.next();
    expect(first.value).toMatchObject({ line: 2, wardName: 'Abbey' });
    expect(chunksRead).toBe(0);
    let last: WardLookupRow | undefined;
    for await (const row of rows) last = row;
    expect(last).toMatchObject({ line: 100_002, wardCode: 'E05100000', wardName: 'Ward 100000' });
  });

  it('reads bytes split anywhere, even inside a character or between CR and LF', async () => {
    const text =
      'WD15CD,WD15NM,LAD15CD,LAD15NM\r\nW05000981,"Ystradgynlais – Tawe, Ynys Môn",W06000023,Powys\r\n';
    const bytes = Buffer.from(`\uFEFF${text}`, 'utf8');
    const oneByteAtATime = Readable.from([...bytes].map((byte) => Buffer.from([byte])));
    expect(await collect(readWardLookup(oneByteAtATime))).toEqual(parseWardLookup(text));
  });

  it('refuses bytes that are not UTF-8', async () => {
    const latin1 = Buffer.from(
      'WD15CD,WD15NM,LAD15CD,LAD15NM\nW05000981,Ystradgynlais \xe2,W06000023,Powys\n',
      'latin1',
    );
    await expect(collect(readWardLookup(Readable.from([latin1])))).rejects.toMatchObject({
      code: 'ward-lookup.invalid',
      message: 'The file is not UTF-8 text: save the lookup as CSV (UTF-8)',
    });
  });

  it('gives each ward once from a lookup that repeats it, and refuses one named two ways', async () => {
    expect((await collect(distinctWards(parseWardLookup(LSOA_TO_WD15)))).map((row) => row.line)).toEqual([
      2, 4,
    ]);
    const rows: WardLookupRow[] = parseWardLookup(
      'WD15CD,WD15NM,LAD15CD,LAD15NM\nE05010458,Abbey,E06000016,Leicester\nE05010458,Abbey Park,E06000016,Leicester\n',
    );
    await expect(collect(distinctWards(rows))).rejects.toMatchObject({
      message:
        'Line 3: E05010458 is "Abbey Park" in Leicester (E06000016), but line 2 has "Abbey" in Leicester (E06000016)',
    });
  });
});
