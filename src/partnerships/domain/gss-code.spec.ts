import { isWardCode, nationOf, parseLocalAuthorityCode, parseWardCode } from './gss-code.js';

describe('ONS GSS codes', () => {
  it.each([
    ['E05010458', 'England'],
    ['W05000981', 'Wales'],
    ['S13002516', 'Scotland'],
    ['N08000101', 'Northern Ireland'],
  ])('knows %s as a ward in %s', (code, nation) => {
    expect(parseWardCode(code, 'wardCode')).toBe(code);
    expect(nationOf(code)).toBe(nation);
  });

  it('takes a code as people type it', () => {
    expect(parseWardCode(' e05010458 ', 'wardCode')).toBe('E05010458');
  });

  it.each(['E0501045', 'E050104580', 'E06000016', 'E10000018', 'X05010458', 'E05 010458', '', null, 5010458])(
    'refuses %j as a ward code, saying what one looks like',
    (raw) => {
      expect(isWardCode(raw)).toBe(false);
      expect(() => parseWardCode(raw, 'wardCodes[2]')).toThrow(
        expect.objectContaining({
          code: 'ward.code-invalid',
          message: 'A ward code is E05, W05, S13 or N08 and 6 digits, e.g. E05010458 (Abbey, Leicester)',
          fields: [expect.objectContaining({ field: 'wardCodes[2]' })],
        }),
      );
    },
  );

  it.each(['E06000016', 'E07000134', 'E08000025', 'E09000033', 'W06000015', 'S12000036', 'N09000003'])(
    'knows %s as a local authority',
    (code) => {
      expect(parseLocalAuthorityCode(code, 'localAuthorityCode')).toBe(code);
    },
  );

  it.each(['E10000018', 'E05010458', 'E0600001', 'W07000015'])('refuses %s as a local authority', (code) => {
    expect(() => parseLocalAuthorityCode(code, 'localAuthorityCode')).toThrow(
      expect.objectContaining({ code: 'ward.local-authority-code-invalid' }),
    );
  });
});
