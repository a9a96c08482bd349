import { refuse } from '../../common/domain/domain-error.js';
import { LIMITS } from './limits.js';

/**
 * A list of organisation identifiers in org-id.guide (register @f500b45, lists/gb/*.json). The
 * register gives examples, not formats: each pattern here is derived from its list's published
 * examples and guidance (see DESIGN.md), and applies to the part after `<code>-`.
 */
export interface OrgIdList {
  readonly code: string;
  readonly register: string;
  readonly pattern: RegExp;
  /** How the list writes its identifiers: most in capitals, GB-CASC in lower-case hexadecimal. */
  readonly letters: 'upper' | 'lower';
  /** The refusal: what a valid identifier looks like, with one of the list's own examples. */
  readonly format: string;
}

const list = (
  code: string,
  register: string,
  pattern: RegExp,
  format: string,
  letters: 'upper' | 'lower' = 'upper',
): OrgIdList => ({ code, register, pattern, format, letters });

export const ORG_ID_LISTS: readonly OrgIdList[] = [
  list(
    'GB-CHC',
    'Charity Commission for England and Wales',
    /^[1-9]\d{5,6}$/,
    'A charity number in England and Wales is 6 or 7 digits, e.g. GB-CHC-1053154',
  ),
  list(
    'GB-SC',
    'Scottish Charity Register',
    /^SC\d{6}$/,
    'A Scottish charity number is SC and 6 digits, kept after the list code, e.g. GB-SC-SC042386',
  ),
  list(
    'GB-NIC',
    'Charity Commission for Northern Ireland',
    /^1\d{5}$/,
    'A Northern Ireland charity number is 6 digits starting with 1, e.g. GB-NIC-100019',
  ),
  list(
    'GB-COH',
    'Companies House',
    // 8 digits (leading zeros kept), or a 2-letter prefix (SC, NI, OC, RS, CE, ...) and 6 digits
    // (5 and a letter for some registered societies), or R0 and 6 digits.
    /^(?:\d{8}|[A-Z]{2}\d{6}|[A-Z]{2}\d{5}[A-Z]|R0\d{6})$/,
    'A Companies House number is 8 characters, e.g. GB-COH-01234567 (keep its leading zeros)',
  ),
  list(
    'GB-LAE',
    'Local authorities in England',
    /^[A-Z]{3}$/,
    'A local authority in England is 3 letters, e.g. GB-LAE-LCE',
  ),
  list(
    'GB-LAS',
    'Local authorities in Scotland',
    /^[A-Z]{3}$/,
    'A local authority in Scotland is 3 letters, e.g. GB-LAS-ZET',
  ),
  list(
    'GB-LANI',
    'Local authorities in Northern Ireland',
    /^[A-Z]{3}$/,
    'A local authority in Northern Ireland is 3 letters, e.g. GB-LANI-BFS',
  ),
  list(
    'GB-PLA',
    'Principal local authorities in Wales',
    /^[A-Z]{3}$/,
    'A principal local authority in Wales is 3 letters, e.g. GB-PLA-AGY',
  ),
  list(
    'GB-NHS',
    'NHS Organisation Data Service',
    // The register gives examples from 3 to 5 characters; 6 is a margin, not a published limit.
    /^[A-Z0-9]{3,6}$/,
    'An NHS organisation code is 3 to 6 letters and digits, e.g. GB-NHS-RAX',
  ),
  list(
    'GB-EDU',
    'Register of Schools (England and Wales)',
    /^\d{6}$/,
    'A school’s unique reference number (URN) is 6 digits, e.g. GB-EDU-125554',
  ),
  list(
    'GB-UKPRN',
    'UK Register of Learning Providers',
    /^1\d{7}$/,
    'A UK provider reference number is 8 digits starting with 1, e.g. GB-UKPRN-10000346',
  ),
  list(
    'GB-GOR',
    'Government Organisation Register',
    /^[A-Z]{1,2}\d{4}$/,
    'A Government Organisation Register code is 1 or 2 letters and 4 digits, e.g. GB-GOR-PB1204',
  ),
  list(
    'GB-MPR',
    'Mutuals Public Register',
    // The register states no structure (examples 235C, IP031455).
    /^[A-Z0-9]{1,10}$/,
    'A Mutuals Public Register number is up to 10 letters and digits, e.g. GB-MPR-IP031455',
  ),
  list(
    'GB-SHPE',
    'Registered social housing providers (England)',
    /^(?:L?H)?\d{4}$/,
    'A social housing provider code is 4 digits, after H or LH for some, e.g. GB-SHPE-LH4401',
  ),
  list(
    'GB-WALEDU',
    'Register of Schools (Wales)',
    /^\d{7}$/,
    'A school number in Wales is 7 digits, e.g. GB-WALEDU-6602130',
  ),
  list(
    'GB-SCOTEDU',
    'Register of Schools (Scotland)',
    /^\d{7}$/,
    'A Scottish school’s SEED code is 7 digits, e.g. GB-SCOTEDU-8212627',
  ),
  list(
    'GB-IRN',
    'Schools Plus (Northern Ireland)',
    /^\d{3}-\d{4}$/,
    'A Northern Ireland school reference is 3 digits, a hyphen and 4 digits, e.g. GB-IRN-542-0059',
  ),
  list(
    'GB-HESA',
    'Higher Education Statistics Agency',
    /^\d{4}$/,
    'A HESA institution code is 4 digits, e.g. GB-HESA-0177',
  ),
  list(
    'GB-CASC',
    'Community amateur sports clubs registered with HMRC',
    /^[0-9a-f]{8}$/,
    'A community amateur sports club is 8 letters a-f and digits, e.g. GB-CASC-df679063',
    'lower',
  ),
  list(
    'GB-COE',
    'Church of England church codes',
    /^\d{6}$/,
    'A Church of England church code is 6 digits, e.g. GB-COE-608393',
  ),
];

/** Lists org-id.guide has retired, with the list that replaced each. */
const DEPRECATED_LISTS: Record<string, string> = { 'GB-GOVUK': 'GB-GOR' };

/**
 * An identifier an organisation is known by, in its normal form: the list code in capitals, the
 * identifier as its list writes it (leading zeros kept), no spaces. `scheme` is the list's code,
 * or the council's own 360Giving prefix for a local identifier.
 */
export interface OrgId {
  readonly identifier: string;
  readonly scheme: string;
}

/**
 * The council's own identifiers for groups with no registration number, after 360Giving's rule
 * ("Organisations without official registration numbers", ThreeSixtyGiving/standard
 * documentation/technical/identifiers.md): the publisher prefix, a hyphen and an internal id,
 * e.g. 360G-XYZFunder-ABC-Recipient.
 */
export const LOCAL_PREFIX = /^360G-[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*$/;
const LOCAL_ID = /^[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*$/;

/** Refuses a configured prefix that is not a 360Giving one: configuration is checked at boot. */
export function requireLocalPrefix(prefix: string): string {
  if (!LOCAL_PREFIX.test(prefix))
    throw new Error(
      `The council's identifier prefix must be a 360Giving publisher prefix such as 360G-LeicesterCC, not "${prefix}"`,
    );
  return prefix;
}

/** Hyphens people paste from documents (‐ ‑ ‒ – — ―, minus) are the hyphen an org-id uses. */
const DASHES = /[\u2010-\u2015\u2212]/g;

export function parseOrgId(raw: unknown, field: string, localPrefix: string): OrgId {
  if (typeof raw !== 'string' || !raw.trim())
    refuse('organisation.identifier.required', 'An organisation identifier is required', field);
  const compact = raw.replace(/\s+/g, '').replace(DASHES, '-');
  if (compact.toUpperCase().startsWith('360G-')) return parseLocal(compact, field, localPrefix);
  const match = /^([A-Za-z]{2}-[A-Za-z]+)-(.+)$/.exec(compact);
  if (!match)
    refuse(
      'organisation.identifier.invalid',
      `An organisation identifier is a list code and the identifier in that list, e.g. GB-CHC-1053154 for a charity, GB-COH-01234567 for a company, or ${localPrefix}-<name> for a group with no registration`,
      field,
    );
  const code = match[1].toUpperCase();
  const replacement = DEPRECATED_LISTS[code];
  if (replacement)
    refuse(
      'organisation.identifier.list-deprecated',
      `org-id.guide has retired ${code}: use ${replacement} instead`,
      field,
    );
  const orgList = ORG_ID_LISTS.find((candidate) => candidate.code === code);
  if (!orgList)
    refuse(
      'organisation.identifier.list-unknown',
      `${code} is not a list the council checks; use one of ${ORG_ID_LISTS.map((known) => known.code).join(', ')}, or ${localPrefix}-<name> for a group with no registration`,
      field,
    );
  const identifier = orgList.letters === 'upper' ? match[2].toUpperCase() : match[2].toLowerCase();
  if (!orgList.pattern.test(identifier))
    refuse('organisation.identifier.invalid-for-list', `${orgList.format}`, field);
  return { identifier: `${code}-${identifier}`, scheme: code };
}

function parseLocal(compact: string, field: string, localPrefix: string): OrgId {
  if (!compact.toUpperCase().startsWith(`${localPrefix.toUpperCase()}-`))
    refuse(
      'organisation.identifier.not-our-prefix',
      `A 360G identifier here is the council's own, for a group with no registration: ${localPrefix}-<name>`,
      field,
    );
  const local = compact.slice(localPrefix.length + 1);
  if (local.length > LIMITS.localIdentifier.max)
    refuse(
      `${LIMITS.localIdentifier.thing}.too-long`,
      `${LIMITS.localIdentifier.label} must be ${LIMITS.localIdentifier.max} characters or fewer after ${localPrefix}-`,
      field,
    );
  if (!LOCAL_ID.test(local))
    refuse(
      `${LIMITS.localIdentifier.thing}.invalid`,
      `A local identifier is ${localPrefix}- and letters, digits, hyphens or underscores, e.g. ${localPrefix}-Somali-Development-Service`,
      field,
    );
  return { identifier: `${localPrefix}-${local}`, scheme: localPrefix };
}

/**
 * A local identifier from a group's name, as 360Giving suggests when there is no account number:
 * words joined by hyphens, other characters as underscores, accents dropped.
 */
export function localIdentifierFor(name: string, localPrefix: string): OrgId {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, ''))
    .filter(Boolean)
    .join('-')
    .slice(0, LIMITS.localIdentifier.max)
    .replace(/[_-]+$/, '');
  return parseOrgId(`${localPrefix}-${slug}`, 'name', localPrefix);
}

/**
 * What makes two identifiers the same for "no two organisations hold the same identifier": the
 * normal form, compared without regard to case (a local identifier keeps the case it was given).
 */
export function identifierKey(identifier: string): string {
  return identifier.toUpperCase();
}
