import { refuse } from '../../common/domain/domain-error.js';

/**
 * Wards are referred to by their ONS GSS code and organisations by their id in the partnerships
 * context. Until that context's public index is on this branch, the format of a ward code is
 * checked here, as partnerships' `parseWardCode` checks it (E05, W05, S13 or N08 and six digits);
 * that import replaces this file when both have landed. Whether the ward and the organisation
 * exist is the command handler's question, asked of partnerships' read models.
 */
const WARD_CODE = /^(?:E05|W05|S13|N08)\d{6}$/;

export function parseWardCode(raw: unknown, field: string): string {
  const code = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
  if (!WARD_CODE.test(code))
    refuse(
      'ward.code-invalid',
      'A ward code is E05, W05, S13 or N08 and 6 digits, e.g. E05010458 (Abbey, Leicester)',
      field,
    );
  return code;
}
