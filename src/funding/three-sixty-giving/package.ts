import { refuse } from '../../common/domain/domain-error.js';
import { CURRENCY, pence, poundsNumber, sumPence } from '../domain/money.js';
import type { AwardRecord } from './award-records.js';

/**
 * The 360Giving Data Standard 1.4.3 (schema/360-giving-package-schema.json and
 * 360-giving-schema.json): the council's awards as a package of grants.
 */
export interface Organisation {
  /** An org-id.guide identifier (GB-CHC-1084520), or the council's local one for a group with none. */
  readonly orgId: string;
  readonly name: string;
}

export interface GrantsPublication {
  /** The council's 360Giving publisher prefix, such as `360G-LCC`: grant ids are `<prefix>-<award id>`. */
  readonly prefix: string;
  /** The council, which funds and publishes. */
  readonly funder: Organisation;
  /** The council's own area (GSS code and name), for awards made to its whole area rather than wards. */
  readonly authority: { readonly gssCode: string; readonly name: string };
  readonly awards: readonly AwardRecord[];
  /** The recipients' org-ids and names, by the organisation id the awards refer to. */
  readonly recipients: ReadonlyMap<string, Organisation>;
  /** Ward names by GSS code. */
  readonly wardNames: ReadonlyMap<string, string>;
  /** When the package was made: its `modified`. */
  readonly modified: Date;
}

const PREFIX = /^360G-[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*$/;
/** Open Government Licence v3.0, under which councils publish open data. */
export const OGL = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

/** geoCodeType for a local authority by its GSS entity (360Giving codelist geoCodeType.csv). */
const AUTHORITY_CODE_TYPES: Record<string, string> = { E06: 'UA', E07: 'NMD', E08: 'MD', E09: 'LONB' };

export interface Grant {
  id: string;
  title: string;
  description: string;
  currency: 'GBP';
  amountAwarded: number;
  amountDisbursed: number;
  awardDate: string;
  plannedDates?: { startDate: string; endDate: string }[];
  recipientOrganization: { id: string; name: string; charityNumber?: string; companyNumber?: string }[];
  fundingOrganization: { id: string; name: string }[];
  beneficiaryLocation: { name: string; countryCode: 'GB'; geoCode: string; geoCodeType: string }[];
  locationScope: 'GLS050' | 'GLS060';
  grantProgramme?: { code: string; title: string }[];
  disbursementTransaction?: {
    id: string;
    transactionDate: string;
    value: number;
    currency: 'GBP';
    description?: string;
    provider: string;
    recipient: string;
  }[];
  regrantType?: string;
  dateModified: string;
}

export function grantId(prefix: string, awardId: string): string {
  return `${prefix}-${awardId}`;
}

export function grantFor(publication: GrantsPublication, record: AwardRecord): Grant {
  const { award } = record;
  const recipient = publication.recipients.get(award.recipientId);
  if (!recipient)
    refuse(
      'export.recipient-unknown',
      `The recipient of award ${award.awardId} has no organisation identifier`,
    );
  const id = grantId(publication.prefix, award.awardId);
  const paid = sumPence(record.payments.map((payment) => payment.amount.pence));
  const returned = sumPence(record.returns.map((back) => back.amount.pence));
  const transaction = (key: string, on: string, value: number, description?: string) => ({
    id: `${id}-${key}`,
    transactionDate: on,
    value: poundsNumber(pence(value)),
    currency: CURRENCY,
    ...(description ? { description } : {}),
    provider: publication.funder.orgId,
    recipient: recipient.orgId,
  });
  const transactions = [
    ...record.payments.map((payment) => transaction(payment.id, payment.on, payment.amount.pence)),
    // A return is money the grantee gave back: a negative disbursement keeps amountDisbursed the sum of them.
    ...record.returns.map((back) =>
      transaction(back.id, back.on, -back.amount.pence, `Unspent money returned: ${back.reason}`),
    ),
  ];
  const registration = /^GB-(CHC|COH)-(.+)$/.exec(recipient.orgId);
  return {
    id,
    title: award.project.title,
    description: award.project.description,
    currency: CURRENCY,
    amountAwarded: poundsNumber(award.amount),
    amountDisbursed: poundsNumber(pence(paid - returned)),
    awardDate: award.effectiveOn,
    ...(award.plannedDates
      ? { plannedDates: [{ startDate: award.plannedDates.startOn, endDate: award.plannedDates.endOn }] }
      : {}),
    recipientOrganization: [
      {
        id: recipient.orgId,
        name: recipient.name,
        ...(registration?.[1] === 'CHC' ? { charityNumber: registration[2] } : {}),
        ...(registration?.[1] === 'COH' ? { companyNumber: registration[2] } : {}),
      },
    ],
    fundingOrganization: [{ id: publication.funder.orgId, name: publication.funder.name }],
    beneficiaryLocation:
      award.wardCodes.length > 0
        ? award.wardCodes.map((code) => ({
            name: publication.wardNames.get(code) ?? code,
            countryCode: 'GB' as const,
            geoCode: code,
            geoCodeType: 'WD',
          }))
        : [
            {
              name: publication.authority.name,
              countryCode: 'GB' as const,
              geoCode: publication.authority.gssCode,
              geoCodeType: AUTHORITY_CODE_TYPES[publication.authority.gssCode.slice(0, 3)] ?? 'UA',
            },
          ],
    locationScope: award.wardCodes.length > 0 ? 'GLS060' : 'GLS050',
    ...(award.grantProgramme
      ? { grantProgramme: [{ code: award.grantProgramme.code, title: award.grantProgramme.title }] }
      : {}),
    ...(transactions.length > 0 ? { disbursementTransaction: transactions } : {}),
    ...(award.regrantType ? { regrantType: award.regrantType } : {}),
    dateModified: record.lastModified.toISOString(),
  };
}

/** The package: the grants and who publishes them, under the Open Government Licence. */
export function threeSixtyGivingPackage(publication: GrantsPublication) {
  if (!PREFIX.test(publication.prefix))
    throw new Error(`A 360Giving prefix looks like 360G-LCC, not "${publication.prefix}"`);
  if (publication.awards.length === 0)
    refuse(
      'export.no-awards',
      'There are no awards to publish yet: a 360Giving package holds at least one grant',
    );
  return {
    version: '1.4',
    title: `${publication.funder.name}: grants from pooled funds`,
    identifier: `${publication.prefix}-grants`,
    modified: publication.modified.toISOString(),
    publisher: { identifier: publication.funder.orgId, name: publication.funder.name },
    license: OGL,
    grants: publication.awards.map((record) => grantFor(publication, record)),
  };
}
