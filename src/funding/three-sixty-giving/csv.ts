import type { Grant } from './package.js';

/**
 * The flat form of the same grants: one row per grant, a column per field. The column names are
 * the standard's own: each field's schema titles joined by `:` ("Recipient Org:Identifier"), with
 * `:<n>:` for the n-th of several ("Beneficiary Location:1:Geographic Code"), and JSON pointer
 * paths for transactions, which have no titles ("disbursementTransaction/0/value"): the rules of
 * the standard's reference page (documentation/technical/reference.md, "Spreadsheet format").
 * The spec derives every header from the schema to prove it.
 */
const GRANT_COLUMNS: [string, (grant: Grant) => string | number | undefined][] = [
  ['Identifier', (g) => g.id],
  ['Title', (g) => g.title],
  ['Description', (g) => g.description],
  ['Currency', (g) => g.currency],
  ['Amount Awarded', (g) => g.amountAwarded],
  ['Amount Disbursed', (g) => g.amountDisbursed],
  ['Award Date', (g) => g.awardDate],
  ['Planned Dates:Start Date', (g) => g.plannedDates?.[0].startDate],
  ['Planned Dates:End Date', (g) => g.plannedDates?.[0].endDate],
  ['Recipient Org:Identifier', (g) => g.recipientOrganization[0].id],
  ['Recipient Org:Name', (g) => g.recipientOrganization[0].name],
  ['Recipient Org:Charity Number', (g) => g.recipientOrganization[0].charityNumber],
  ['Recipient Org:Company Number', (g) => g.recipientOrganization[0].companyNumber],
  ['Funding Org:Identifier', (g) => g.fundingOrganization[0].id],
  ['Funding Org:Name', (g) => g.fundingOrganization[0].name],
  ['Grant Programme:Code', (g) => g.grantProgramme?.[0].code],
  ['Grant Programme:Title', (g) => g.grantProgramme?.[0].title],
  ['Location Scope', (g) => g.locationScope],
  ['For Regrant Type', (g) => g.regrantType],
  ['Last Modified', (g) => g.dateModified],
];

const LOCATION_FIELDS: [string, keyof Grant['beneficiaryLocation'][number]][] = [
  ['Name', 'name'],
  ['Country Code', 'countryCode'],
  ['Geographic Code', 'geoCode'],
  ['Geographic Code Type', 'geoCodeType'],
];

const TRANSACTION_FIELDS = [
  'id',
  'transactionDate',
  'value',
  'currency',
  'description',
  'provider',
  'recipient',
] as const;

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function threeSixtyGivingCsv(grants: readonly Grant[]): string {
  const locations = Math.max(0, ...grants.map((g) => g.beneficiaryLocation.length));
  const transactions = Math.max(0, ...grants.map((g) => g.disbursementTransaction?.length ?? 0));
  const columns: [string, (grant: Grant) => string | number | undefined][] = [...GRANT_COLUMNS];
  for (let n = 0; n < locations; n++)
    for (const [title, field] of LOCATION_FIELDS)
      columns.push([`Beneficiary Location:${n}:${title}`, (g) => g.beneficiaryLocation[n]?.[field]]);
  for (let n = 0; n < transactions; n++)
    for (const field of TRANSACTION_FIELDS)
      columns.push([`disbursementTransaction/${n}/${field}`, (g) => g.disbursementTransaction?.[n]?.[field]]);
  const rows = [columns.map(([title]) => cell(title)).join(',')];
  for (const grant of grants) rows.push(columns.map(([, value]) => cell(value(grant))).join(','));
  return `${rows.join('\r\n')}\r\n`;
}
