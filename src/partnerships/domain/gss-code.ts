import { refuse } from '../../common/domain/domain-error.js';

/**
 * ONS Government Statistical Service (GSS) codes: an entity type (a letter for the nation and two
 * digits) and six digits. Electoral wards are E05 (England), W05 (Wales), S13 (Scotland) and N08
 * (Northern Ireland); the local authorities that hold them are E06 (unitary), E07 (non-metropolitan
 * district), E08 (metropolitan district), E09 (London borough), W06, S12 and N09.
 */
export type Nation = 'England' | 'Wales' | 'Scotland' | 'Northern Ireland';

const WARD_TYPES: Record<string, Nation> = {
  E05: 'England',
  W05: 'Wales',
  S13: 'Scotland',
  N08: 'Northern Ireland',
};
const LOCAL_AUTHORITY_TYPES: Record<string, Nation> = {
  E06: 'England',
  E07: 'England',
  E08: 'England',
  E09: 'England',
  W06: 'Wales',
  S12: 'Scotland',
  N09: 'Northern Ireland',
};

const GSS = /^([A-Z]\d{2})\d{6}$/;

export const WARD_CODE_FORMAT =
  'A ward code is E05, W05, S13 or N08 and 6 digits, e.g. E05010458 (Abbey, Leicester)';
export const LOCAL_AUTHORITY_CODE_FORMAT =
  'A local authority code is E06, E07, E08, E09, W06, S12 or N09 and 6 digits, e.g. E06000016 (Leicester)';

function normal(raw: unknown): string {
  return typeof raw === 'string' ? raw.trim().toUpperCase() : '';
}

export function isWardCode(raw: unknown): boolean {
  const match = GSS.exec(normal(raw));
  return match !== null && match[1] in WARD_TYPES;
}

export function parseWardCode(raw: unknown, field: string): string {
  const code = normal(raw);
  if (!isWardCode(code)) refuse('ward.code-invalid', WARD_CODE_FORMAT, field);
  return code;
}

export function isLocalAuthorityCode(raw: unknown): boolean {
  const match = GSS.exec(normal(raw));
  return match !== null && match[1] in LOCAL_AUTHORITY_TYPES;
}

export function parseLocalAuthorityCode(raw: unknown, field: string): string {
  const code = normal(raw);
  if (!isLocalAuthorityCode(code))
    refuse('ward.local-authority-code-invalid', LOCAL_AUTHORITY_CODE_FORMAT, field);
  return code;
}

export function nationOf(code: string): Nation {
  const type = code.slice(0, 3);
  return WARD_TYPES[type] ?? LOCAL_AUTHORITY_TYPES[type];
}
