import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import type { FundEvent } from '../domain/fund.events.js';
import { awarded, gbp, ORGS, paid, WARDS } from '../testing/fixtures.js';
import { awardRecords } from './award-records.js';
import { threeSixtyGivingCsv } from './csv.js';
import { OGL, threeSixtyGivingPackage, type Grant, type GrantsPublication } from './package.js';

const SCHEMAS = new URL('./schema', import.meta.url).pathname;
const grantSchema = JSON.parse(readFileSync(`${SCHEMAS}/360-giving-schema.json`, 'utf8'));
const packageSchema = JSON.parse(readFileSync(`${SCHEMAS}/360-giving-package-schema.json`, 'utf8'));

function validator() {
  // The schemas name the 2020-12 meta-schema by its http:// address, which Ajv knows as https://,
  // and the package refers to the grant schema by its 1.4.2 address (NOTICE.md beside them).
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false });
  formats.default(ajv);
  ajv.addSchema(grantSchema);
  ajv.addSchema({ ...grantSchema, $id: grantSchema.$id.replace('1.4.3', '1.4.2') });
  return ajv.compile(packageSchema);
}

const at = (iso: string) => new Date(iso);
const recorded = (event: FundEvent, iso: string) => ({ ...event, recordedAt: at(iso) });

/** A year of Leicester's pooled funds: awards to wards, to the whole city, a match, instalments, a return and a reversal. */
const history = [
  recorded(
    {
      ...awarded('a-acc', '1,234.56'),
      data: {
        ...awarded('a-acc', '1,234.56').data,
        plannedDates: { startOn: '2019-09-01', endOn: '2020-08-31' },
        grantProgramme: { code: 'VCS-ENGAGE', title: 'VCS engagement' },
        wardCodes: [WARDS.abbey, WARDS.belgrave],
      },
    },
    '2019-07-02T09:15:00Z',
  ),
  recorded(paid('p1', 'a-acc', '0.10'), '2019-08-01T10:00:00Z'),
  recorded(paid('p2', 'a-acc', '0.20'), '2019-08-02T10:00:00Z'),
  recorded(
    {
      ...awarded('a-faiths', '450,000', { wardCodes: [], recipientId: 'org-leicester-council-of-faiths' }),
      data: {
        ...awarded('a-faiths', '450,000', { wardCodes: [], recipientId: 'org-leicester-council-of-faiths' })
          .data,
        project: {
          title: 'Faith and community engagement',
          description: 'Engaging faith communities across the city',
        },
      },
    },
    '2019-07-05T11:00:00Z',
  ),
  recorded(paid('p3', 'a-faiths', '450,000'), '2019-09-01T10:00:00Z'),
  recorded(
    {
      type: 'UnspentMoneyReturned',
      data: {
        fundId: 'f1',
        returnId: 'u1',
        awardId: 'a-faiths',
        recipientId: 'org-leicester-council-of-faiths',
        wardCodes: [],
        reason: 'Conference cancelled',
        amount: gbp('2,500'),
        effectiveOn: '2020-03-01',
      },
    },
    '2020-03-02T12:00:00Z',
  ),
  recorded(
    awarded('a-match', '7,500', { recipientId: ORGS.somali, campaignId: 'cam1', effectiveOn: '2020-10-01' }),
    '2020-10-02T08:00:00Z',
  ),
  recorded(awarded('a-mistake', '99', { recipientId: ORGS.somali }), '2019-07-03T09:00:00Z'),
  recorded(
    {
      type: 'MovementReversed',
      data: {
        fundId: 'f1',
        reversalId: 'x1',
        movementId: 'a-mistake',
        reversed: awarded('a-mistake', '99', { recipientId: ORGS.somali }),
        reason: 'Entered against the wrong fund',
        effectiveOn: '2019-07-03',
      },
    },
    '2019-07-03T09:05:00Z',
  ),
];

const publication: GrantsPublication = {
  prefix: '360G-LCC',
  funder: { orgId: 'GB-LAE-LCE', name: 'Leicester City Council' },
  authority: { gssCode: 'E06000016', name: 'Leicester' },
  awards: awardRecords(history),
  recipients: new Map([
    [ORGS.acc, { orgId: 'GB-CHC-1084520', name: 'African Caribbean Citizens Forum' }],
    ['org-leicester-council-of-faiths', { orgId: 'GB-COH-03864591', name: 'Leicester Council of Faiths' }],
    [ORGS.somali, { orgId: '360G-LCC-Somali-Development-Service', name: 'Somali Development Service' }],
  ]),
  wardNames: new Map([
    [WARDS.abbey, 'Abbey'],
    [WARDS.belgrave, 'Belgrave'],
  ]),
  modified: at('2020-10-02T09:00:00Z'),
};

describe('the 360Giving package', () => {
  const published = threeSixtyGivingPackage(publication);
  const grant = (awardId: string) => published.grants.find((g) => g.id === `360G-LCC-${awardId}`)!;

  it('is valid against the 360Giving Data Standard 1.4.3 package and grant schemas', () => {
    const validate = validator();
    expect(validate(published) ? [] : validate.errors).toEqual([]);
  });

  it('is refused by the same validator when a required field is missing, so the check has teeth', () => {
    const validate = validator();
    const broken = { ...published, grants: [{ ...published.grants[0], fundingOrganization: undefined }] };
    expect(validate(JSON.parse(JSON.stringify(broken)))).toBe(false);
  });

  it('identifies grants under the council’s prefix, funded by the council, publishing under the OGL', () => {
    expect(published.grants.map((g) => g.id)).toEqual([
      '360G-LCC-a-acc',
      '360G-LCC-a-faiths',
      '360G-LCC-a-match',
    ]);
    expect(grant('a-acc').fundingOrganization).toEqual([
      { id: 'GB-LAE-LCE', name: 'Leicester City Council' },
    ]);
    expect(published).toMatchObject({
      publisher: { identifier: 'GB-LAE-LCE' },
      license: OGL,
      version: '1.4',
    });
  });

  it('leaves out an award that was reversed: it did not go ahead', () => {
    expect(published.grants.some((g) => g.id.endsWith('a-mistake'))).toBe(false);
  });

  it('writes amounts in pounds exactly: 0.10 and 0.20 paid are 0.3 disbursed, not 0.30000000000000004', () => {
    const text = JSON.stringify(grant('a-acc'));
    expect(text).toContain('"amountAwarded":1234.56');
    expect(text).toContain('"amountDisbursed":0.3,');
    expect(grant('a-acc').disbursementTransaction?.map((t) => t.value)).toEqual([0.1, 0.2]);
  });

  it('nets a return against what was disbursed, as a negative transaction that says so', () => {
    expect(grant('a-faiths')).toMatchObject({ amountAwarded: 450000, amountDisbursed: 447500 });
    expect(grant('a-faiths').disbursementTransaction?.[1]).toMatchObject({
      value: -2500,
      description: 'Unspent money returned: Conference cancelled',
    });
  });

  it('names recipients by their org-id, a group with no registration by the council’s local identifier', () => {
    expect(grant('a-acc').recipientOrganization).toEqual([
      { id: 'GB-CHC-1084520', name: 'African Caribbean Citizens Forum', charityNumber: '1084520' },
    ]);
    expect(grant('a-faiths').recipientOrganization[0]).toMatchObject({ companyNumber: '03864591' });
    expect(grant('a-match').recipientOrganization[0].id).toBe('360G-LCC-Somali-Development-Service');
  });

  it('places beneficiaries in wards by GSS code (WD), or in the council’s whole area (UA)', () => {
    expect(grant('a-acc').beneficiaryLocation).toEqual([
      { name: 'Abbey', countryCode: 'GB', geoCode: 'E05010458', geoCodeType: 'WD' },
      { name: 'Belgrave', countryCode: 'GB', geoCode: 'E05010460', geoCodeType: 'WD' },
    ]);
    expect(grant('a-acc').locationScope).toBe('GLS060');
    expect(grant('a-faiths').beneficiaryLocation).toEqual([
      { name: 'Leicester', countryCode: 'GB', geoCode: 'E06000016', geoCodeType: 'UA' },
    ]);
    expect(grant('a-faiths').locationScope).toBe('GLS050');
  });

  it('carries planned dates, programme, one transaction per payment and when each grant last changed', () => {
    expect(grant('a-acc')).toMatchObject({
      awardDate: '2019-07-01',
      plannedDates: [{ startDate: '2019-09-01', endDate: '2020-08-31' }],
      grantProgramme: [{ code: 'VCS-ENGAGE', title: 'VCS engagement' }],
      dateModified: '2019-08-02T10:00:00.000Z',
    });
    expect(grant('a-acc').disbursementTransaction?.[0]).toEqual({
      id: '360G-LCC-a-acc-p1',
      transactionDate: '2019-08-01',
      value: 0.1,
      currency: 'GBP',
      provider: 'GB-LAE-LCE',
      recipient: 'GB-CHC-1084520',
    });
    expect(grant('a-faiths').dateModified).toBe('2020-03-02T12:00:00.000Z');
  });

  it('gives no regrant type to awards for projects, a crowdfunding match included', () => {
    expect(published.grants.map((g) => g.regrantType)).toEqual([undefined, undefined, undefined]);
    const regrant = awardRecords([
      recorded(
        {
          ...awarded('a-val', '20,000'),
          data: { ...awarded('a-val', '20,000').data, regrantType: 'FRG010' },
        },
        '2019-07-02T09:00:00Z',
      ),
    ]);
    expect(threeSixtyGivingPackage({ ...publication, awards: regrant }).grants[0].regrantType).toBe('FRG010');
  });
});

// ---- the flat form ----------------------------------------------------------------------------

type Schema = {
  title?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
};
const deref = (schema: Schema): Schema =>
  schema.$ref ? deref(grantSchema.$defs[schema.$ref.replace('#/$defs/', '')] as Schema) : schema;

/** A column name read by the standard's rules: titles joined by `:` (numbered `:n:`), or a JSON pointer path. */
function pathOf(column: string): { path: (string | number)[]; type: string } {
  const path: (string | number)[] = [];
  let schema: Schema = grantSchema;
  const steps = column.includes('/') ? column.split('/') : column.split(':');
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index];
    if (/^\d+$/.test(step)) {
      path.push(Number(step));
      continue;
    }
    const properties = deref(schema).properties ?? {};
    const name = column.includes('/')
      ? step
      : Object.keys(properties).find(
          (key) => deref(properties[key]).title === step || properties[key].title === step,
        );
    if (!name || !properties[name])
      throw new Error(`"${column}": no field "${step}" in the 360Giving schema`);
    path.push(name);
    schema = properties[name];
    if (deref(schema).type === 'array') {
      schema = deref(schema).items!;
      if (!/^\d+$/.test(steps[index + 1] ?? '')) path.push(0); // a rolled-up array's single item
    }
  }
  const type = deref(schema).type;
  return { path, type: Array.isArray(type) ? type[0] : (type ?? 'string') };
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted) {
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += ch;
  }
  return rows;
}

function unflatten(header: string[], cells: string[]): Grant {
  const grant: Record<string | number, unknown> = {};
  header.forEach((column, index) => {
    if (cells[index] === '') return;
    const { path, type } = pathOf(column);
    let node = grant as Record<string | number, unknown>;
    path.slice(0, -1).forEach((key, depth) => {
      node[key] ??= typeof path[depth + 1] === 'number' ? [] : {};
      node = node[key] as Record<string | number, unknown>;
    });
    node[path[path.length - 1]] = type === 'number' ? Number(cells[index]) : cells[index];
  });
  return grant as unknown as Grant;
}

describe('the flat CSV form', () => {
  const grants = threeSixtyGivingPackage(publication).grants;
  const [header, ...rows] = parseCsv(threeSixtyGivingCsv(grants));

  it('names every column as the standard does, each found in the schema by its titles or path', () => {
    expect(header.slice(0, 5)).toEqual(['Identifier', 'Title', 'Description', 'Currency', 'Amount Awarded']);
    expect(header).toContain('Beneficiary Location:1:Geographic Code Type');
    expect(header).toContain('disbursementTransaction/1/value');
    for (const column of header) expect(() => pathOf(column)).not.toThrow();
  });

  it('says exactly what the JSON says, read back by those names', () => {
    expect(rows.map((cells) => unflatten(header, cells))).toEqual(JSON.parse(JSON.stringify(grants)));
  });

  it('quotes what needs quoting', () => {
    const [, [, title]] = parseCsv(
      threeSixtyGivingCsv([{ ...grants[0], title: 'Lunch club, "Tuesdays"\r\nand Thursdays' }]),
    );
    expect(title).toBe('Lunch club, "Tuesdays"\r\nand Thursdays');
  });
});
