import { identifierKey, localIdentifierFor, ORG_ID_LISTS, parseOrgId, requireLocalPrefix } from './org-id.js';

const PREFIX = '360G-LCC';
const parse = (raw: unknown) => parseOrgId(raw, 'identifier', PREFIX);
const refusal = (raw: unknown) => {
  try {
    parse(raw);
  } catch (error) {
    return error as { code: string; message: string; fields: { field: string }[] };
  }
  throw new Error(`${String(raw)} was accepted`);
};

describe('org-id identifiers', () => {
  it.each([
    ['GB-CHC-509300', 'GB-CHC-509300', 'GB-CHC'],
    ['GB-CHC-1053154', 'GB-CHC-1053154', 'GB-CHC'],
    ['GB-COH-01357513', 'GB-COH-01357513', 'GB-COH'],
    ['gb-coh-01357513', 'GB-COH-01357513', 'GB-COH'],
    ['GB-COH-sc123456', 'GB-COH-SC123456', 'GB-COH'],
    ['GB-COH-RS00592C', 'GB-COH-RS00592C', 'GB-COH'],
    ['GB-COH-R0000123', 'GB-COH-R0000123', 'GB-COH'],
    ['GB-COH-CE010135', 'GB-COH-CE010135', 'GB-COH'],
    ['GB-SC-SC042386', 'GB-SC-SC042386', 'GB-SC'],
    ['gb-sc-sc042386', 'GB-SC-SC042386', 'GB-SC'],
    ['GB-NIC-100019', 'GB-NIC-100019', 'GB-NIC'],
    ['GB-LAE-LCE', 'GB-LAE-LCE', 'GB-LAE'],
    ['GB-LAE-lce', 'GB-LAE-LCE', 'GB-LAE'],
    ['GB-LAS-ZET', 'GB-LAS-ZET', 'GB-LAS'],
    ['GB-LANI-BFS', 'GB-LANI-BFS', 'GB-LANI'],
    ['GB-PLA-AGY', 'GB-PLA-AGY', 'GB-PLA'],
    ['GB-NHS-RAX', 'GB-NHS-RAX', 'GB-NHS'],
    ['GB-NHS-7A1A5', 'GB-NHS-7A1A5', 'GB-NHS'],
    ['GB-EDU-125554', 'GB-EDU-125554', 'GB-EDU'],
    ['GB-UKPRN-10000346', 'GB-UKPRN-10000346', 'GB-UKPRN'],
    ['GB-GOR-PB1204', 'GB-GOR-PB1204', 'GB-GOR'],
    ['GB-GOR-D1198', 'GB-GOR-D1198', 'GB-GOR'],
    ['GB-MPR-IP031455', 'GB-MPR-IP031455', 'GB-MPR'],
    ['GB-SHPE-LH4401', 'GB-SHPE-LH4401', 'GB-SHPE'],
    ['GB-SHPE-4793', 'GB-SHPE-4793', 'GB-SHPE'],
    ['GB-WALEDU-6602130', 'GB-WALEDU-6602130', 'GB-WALEDU'],
    ['GB-SCOTEDU-8212627', 'GB-SCOTEDU-8212627', 'GB-SCOTEDU'],
    ['GB-IRN-542-0059', 'GB-IRN-542-0059', 'GB-IRN'],
    ['GB-HESA-0177', 'GB-HESA-0177', 'GB-HESA'],
    ['GB-CASC-DF679063', 'GB-CASC-df679063', 'GB-CASC'],
    ['GB-COE-608393', 'GB-COE-608393', 'GB-COE'],
  ])('accepts %s as %s in %s', (raw, identifier, scheme) => {
    expect(parse(raw)).toEqual({ identifier, scheme });
  });

  it('keeps leading zeros, and takes out spaces and the dashes word processors put in', () => {
    expect(parse('  GB-COH-0135 7513 ').identifier).toBe('GB-COH-01357513');
    expect(parse('GB\u2013CHC\u2010509300').identifier).toBe('GB-CHC-509300');
    expect(parse('GB - CHC - 509300').identifier).toBe('GB-CHC-509300');
  });

  it('refuses a company number without its leading zero, naming the list and its format', () => {
    const error = refusal('GB-COH-1357513');
    expect(error.code).toBe('organisation.identifier.invalid-for-list');
    expect(error.message).toBe(
      'A Companies House number is 8 characters, e.g. GB-COH-01234567 (keep its leading zeros)',
    );
    expect(error.fields).toEqual([expect.objectContaining({ field: 'identifier' })]);
  });

  it.each([
    ['GB-CHC-01053154', 'A charity number in England and Wales is 6 or 7 digits, e.g. GB-CHC-1053154'],
    ['GB-CHC-12345', 'A charity number in England and Wales is 6 or 7 digits, e.g. GB-CHC-1053154'],
    ['GB-SC-042386', 'A Scottish charity number is SC and 6 digits'],
    ['GB-NIC-200019', 'A Northern Ireland charity number is 6 digits starting with 1'],
    ['GB-COH-123456789', 'A Companies House number is 8 characters'],
    ['GB-COH-1234567A', 'A Companies House number is 8 characters'],
    ['GB-LAE-LC', 'A local authority in England is 3 letters, e.g. GB-LAE-LCE'],
    ['GB-NHS-R', 'An NHS organisation code is 3 to 6 letters and digits'],
    ['GB-EDU-12555', 'A school’s unique reference number (URN) is 6 digits'],
    ['GB-UKPRN-20000346', 'A UK provider reference number is 8 digits starting with 1'],
    ['GB-IRN-5420059', 'A Northern Ireland school reference is 3 digits, a hyphen and 4 digits'],
    ['GB-CASC-df67906g', 'A community amateur sports club is 8 letters a-f and digits'],
  ])('refuses %s: "%s"', (raw, message) => {
    const error = refusal(raw);
    expect(error.code).toBe('organisation.identifier.invalid-for-list');
    expect(error.message).toContain(message);
  });

  it.each([
    ['', 'organisation.identifier.required'],
    ['   ', 'organisation.identifier.required'],
    [42, 'organisation.identifier.required'],
    [null, 'organisation.identifier.required'],
    ['charity 1053154', 'organisation.identifier.invalid'],
    ['1053154', 'organisation.identifier.invalid'],
    ['GB-CHC1053154', 'organisation.identifier.invalid'],
    ['GB-XYZ-123', 'organisation.identifier.list-unknown'],
    ['US-EIN-123456789', 'organisation.identifier.list-unknown'],
    ['GB-GOVUK-cabinet-office', 'organisation.identifier.list-deprecated'],
    ['360G-blf-123456', 'organisation.identifier.not-our-prefix'],
  ])('refuses %j with %s', (raw, code) => {
    expect(refusal(raw).code).toBe(code);
  });

  it('says which list replaced a retired one, and lists the known ones for an unknown one', () => {
    expect(refusal('GB-GOVUK-x').message).toBe('org-id.guide has retired GB-GOVUK: use GB-GOR instead');
    expect(refusal('GB-XYZ-1').message).toContain('GB-CHC, GB-SC, GB-NIC, GB-COH');
  });

  it('gives every list a refusal that shows one of its own valid identifiers', () => {
    for (const list of ORG_ID_LISTS) {
      const example = /e\.g\. (\S+?)(?:\)|$| )/.exec(list.format)?.[1];
      expect(example).toBeDefined();
      expect(parse(example).identifier).toBe(example);
    }
  });
});

describe('local identifiers for groups with no registration (360Giving)', () => {
  it('accepts the council’s own prefix and keeps the case the id was given in', () => {
    expect(parse('360G-LCC-Somali-Development-Service')).toEqual({
      identifier: '360G-LCC-Somali-Development-Service',
      scheme: '360G-LCC',
    });
    expect(parse('360g-lcc-ACCF_1').identifier).toBe('360G-LCC-ACCF_1');
  });

  it.each([
    ['360G-LCC-', 'organisation.local-identifier.invalid'],
    ['360G-LCC-a/b', 'organisation.local-identifier.invalid'],
    ['360G-LCC--x', 'organisation.local-identifier.invalid'],
    [`360G-LCC-${'x'.repeat(101)}`, 'organisation.local-identifier.too-long'],
  ])('refuses %s', (raw, code) => {
    expect(refusal(raw).code).toBe(code);
  });

  it('makes one from a name: words joined by hyphens, & as "and", accents and punctuation tamed', () => {
    expect(localIdentifierFor('Gujurat Hindu Association', PREFIX).identifier).toBe(
      '360G-LCC-Gujurat-Hindu-Association',
    );
    expect(localIdentifierFor('  Friends of Spinney Hills & Park ', PREFIX).identifier).toBe(
      '360G-LCC-Friends-of-Spinney-Hills-and-Park',
    );
    expect(localIdentifierFor("St Mary's Café (Belgrave)", PREFIX).identifier).toBe(
      '360G-LCC-St-Mary_s-Cafe-Belgrave',
    );
  });

  it('compares identifiers without regard to case', () => {
    expect(identifierKey('360G-LCC-Somali-Development-Service')).toBe(
      identifierKey('360G-LCC-SOMALI-development-SERVICE'),
    );
  });

  it('refuses a configured prefix that is not a 360Giving one', () => {
    expect(requireLocalPrefix('360G-LeicesterCC')).toBe('360G-LeicesterCC');
    expect(() => requireLocalPrefix('GB-LAE-LCE')).toThrow(/360Giving publisher prefix/);
    expect(() => requireLocalPrefix('360G-')).toThrow(/360Giving publisher prefix/);
  });
});
