import { given } from '../../../libs/testing/given-when-then.js';
import { OrganisationIdentifierClaim, type IdentifierClaimEvent } from './identifier-claim.aggregate.js';

const claimed: IdentifierClaimEvent = {
  type: 'OrganisationIdentifierClaimed',
  data: { identifier: 'GB-CHC-509300', organisationId: 'val', effectiveOn: '2019-04-01' },
};
const released: IdentifierClaimEvent = {
  type: 'OrganisationIdentifierReleased',
  data: { identifier: 'GB-CHC-509300', organisationId: 'val', effectiveOn: '2023-05-01' },
};
const claim = (organisationId: string, effectiveOn = '2024-06-30') => ({
  identifier: 'GB-CHC-509300',
  organisationId,
  effectiveOn,
});

describe('the claim on an identifier', () => {
  it('has one stream per identifier, whatever its capitals', () => {
    expect(OrganisationIdentifierClaim.for('360G-LCC-Somali-Development-Service').streamId).toBe(
      'organisation-identifier-360G-LCC-SOMALI-DEVELOPMENT-SERVICE',
    );
    expect(OrganisationIdentifierClaim.for('360g-lcc-somali-development-service').streamId).toBe(
      OrganisationIdentifierClaim.for('360G-LCC-Somali-Development-Service').streamId,
    );
  });

  it('is claimed by the first organisation that holds it', () => {
    given(OrganisationIdentifierClaim.for('GB-CHC-509300'))
      .when((identifier) => identifier.claim(claim('val', '2019-04-01'), 'identifiers[0]'))
      .then(claimed);
  });

  it('is refused to a second organisation, naming the field and the holder', () => {
    given(OrganisationIdentifierClaim.for('GB-CHC-509300'), claimed)
      .when((identifier) => identifier.claim(claim('impostor'), 'identifiers[1]'))
      .thenRefuses('organisation.identifier.taken', 'identifiers[1]');
    const identifier = OrganisationIdentifierClaim.for('GB-CHC-509300').rehydrate([claimed]);
    expect(() => identifier.claim(claim('impostor'), 'identifier')).toThrow(
      expect.objectContaining({ kind: 'conflict', extra: { heldBy: 'val' } }),
    );
  });

  it('decides nothing when its holder claims it again, so a retried command converges', () => {
    given(OrganisationIdentifierClaim.for('GB-CHC-509300'), claimed)
      .when((identifier) => identifier.claim(claim('val'), 'identifier'))
      .then();
  });

  it('can be claimed by another organisation once its holder released it', () => {
    given(OrganisationIdentifierClaim.for('GB-CHC-509300'), claimed)
      .when((identifier) => identifier.release(claim('val', '2023-05-01')))
      .then(released);
    given(OrganisationIdentifierClaim.for('GB-CHC-509300'), claimed, released)
      .when((identifier) => identifier.claim(claim('trec'), 'identifier'))
      .then({ type: 'OrganisationIdentifierClaimed', data: claim('trec') });
  });

  it('is released only by its holder', () => {
    given(OrganisationIdentifierClaim.for('GB-CHC-509300'), claimed)
      .when((identifier) => identifier.release(claim('trec')))
      .thenRefuses('organisation.identifier.not-held');
  });

  it('sends two organisations claiming it at once to the same stream at expected version 0, where the store lets one through', () => {
    const first = OrganisationIdentifierClaim.for('GB-CHC-509300');
    const second = OrganisationIdentifierClaim.for('GB-CHC-509300');
    first.claim(claim('val'), 'identifier');
    second.claim(claim('impostor'), 'identifier');
    expect([first.streamId, first.version]).toEqual([second.streamId, second.version]);
    expect(first.version).toBe(0);
  });
});
