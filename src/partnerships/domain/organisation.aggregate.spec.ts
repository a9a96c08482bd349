import { given } from '../../../libs/testing/given-when-then.js';
import { by, people } from '../testing/fixtures.js';
import {
  identifierClaimChanges,
  Organisation,
  type RegisterOrganisationInput,
} from './organisation.aggregate.js';
import type { OrganisationEvent, OrganisationRegistered } from './organisation.events.js';

const registered: OrganisationRegistered = {
  type: 'OrganisationRegistered',
  data: {
    organisationId: 'val',
    name: 'Voluntary Action LeicesterShire',
    kind: 'registered-charity',
    identifiers: [
      { identifier: 'GB-CHC-509300', scheme: 'GB-CHC' },
      { identifier: 'GB-COH-01357513', scheme: 'GB-COH' },
    ],
    primaryIdentifier: 'GB-CHC-509300',
    website: 'https://www.valonline.org.uk/',
    wardsServed: ['E05010458', 'E05010463'],
    areasOfWork: ['Volunteering', 'Infrastructure support'],
    effectiveOn: '2019-04-01',
  },
};
const dated = <E extends OrganisationEvent>(type: E['type'], data: object, effectiveOn: string) =>
  ({ type, data: { organisationId: 'val', ...data, effectiveOn } }) as E;
const renamed = dated(
  'OrganisationRenamed',
  { previousName: 'VAL', name: 'VAL', reason: null },
  '2022-01-10',
);
const dormant = dated('OrganisationMadeDormant', { reason: null }, '2023-02-01');
const dissolved = dated('OrganisationDissolved', { reason: 'Wound up' }, '2024-03-31');

const registration: RegisterOrganisationInput = {
  name: '  Voluntary Action LeicesterShire ',
  kind: 'registered-charity',
  identifiers: ['gb-chc-509300', 'GB-COH-0135 7513'],
  website: 'www.valonline.org.uk',
  wardsServed: ['e05010458', 'E05010463', 'E05010458'],
  areasOfWork: ['Volunteering', 'Infrastructure support', 'volunteering'],
  effectiveOn: '2019-04-01',
};

const val = () => new Organisation('val');
const other = (status?: 'dissolved') => {
  const trec = new Organisation('trec').rehydrate([
    {
      ...registered,
      data: {
        ...registered.data,
        organisationId: 'trec',
        name: 'The Race Equality Centre',
        identifiers: [{ identifier: 'GB-CHC-1053154', scheme: 'GB-CHC' }],
        primaryIdentifier: 'GB-CHC-1053154',
        effectiveOn: '2020-01-01',
      },
    },
  ]);
  if (status) trec.dissolve({ effectiveOn: '2024-01-01' }, by());
  return trec;
};

describe('registering an organisation', () => {
  it('records it with its identifiers in their normal form, the first one primary', () => {
    given(val())
      .when((organisation) => organisation.register(registration, by()))
      .then(registered);
  });

  it('gives a group with no registration a local identifier under the council’s prefix', () => {
    given(new Organisation('sds'))
      .when((organisation) =>
        organisation.register(
          {
            name: 'Somali Development Service',
            kind: 'unincorporated-community-group',
            effectiveOn: '2015-03-11',
          },
          by(people.lead),
        ),
      )
      .then({
        type: 'OrganisationRegistered',
        data: {
          organisationId: 'sds',
          name: 'Somali Development Service',
          kind: 'unincorporated-community-group',
          identifiers: [{ identifier: '360G-LCC-Somali-Development-Service', scheme: '360G-LCC' }],
          primaryIdentifier: '360G-LCC-Somali-Development-Service',
          website: null,
          wardsServed: [],
          areasOfWork: [],
          effectiveOn: '2015-03-11',
        },
      });
  });

  it('takes the primary identifier it is told, and today when no date is given', () => {
    const organisation = val();
    organisation.register(
      { ...registration, primaryIdentifier: 'GB-COH-01357513', effectiveOn: undefined },
      by(),
    );
    expect(organisation.getUncommittedEvents()[0].data).toMatchObject({
      primaryIdentifier: 'GB-COH-01357513',
      effectiveOn: '2024-06-30',
    });
  });

  it.each([
    [{ name: ' ' }, 'organisation.name.required', 'name'],
    [{ name: 'x'.repeat(201) }, 'organisation.name.too-long', 'name'],
    [{ kind: 'charity' }, 'organisation.kind.invalid', 'kind'],
    [
      { identifiers: ['GB-CHC-509300', 'GB-COH-1357513'] },
      'organisation.identifier.invalid-for-list',
      'identifiers[1]',
    ],
    [
      { identifiers: ['GB-CHC-509300', 'gb-chc-509300'] },
      'organisation.identifier.duplicate',
      'identifiers[1]',
    ],
    [{ identifiers: Array(11).fill('GB-CHC-509300') }, 'organisation.identifiers.too-many', 'identifiers'],
    [{ primaryIdentifier: 'GB-CHC-1053154' }, 'organisation.identifier.not-held', 'primaryIdentifier'],
    [{ website: 'ftp://files.example.org' }, 'organisation.website.invalid', 'website'],
    [{ website: 'not a web address' }, 'organisation.website.invalid', 'website'],
    [{ wardsServed: ['E06000016'] }, 'ward.code-invalid', 'wardsServed[0]'],
    [{ wardsServed: Array(101).fill('E05010458') }, 'organisation.wards-served.too-many', 'wardsServed'],
    [{ areasOfWork: ['Youth', ''] }, 'organisation.area-of-work.required', 'areasOfWork[1]'],
    [{ areasOfWork: ['x'.repeat(101)] }, 'organisation.area-of-work.too-long', 'areasOfWork[0]'],
    [{ effectiveOn: '2024-07-01' }, 'effectiveOn.in-future', 'effectiveOn'],
    [{ effectiveOn: '2024-02-30' }, 'effectiveOn.invalid', 'effectiveOn'],
  ])('refuses %j', (change, code, field) => {
    given(val())
      .when((organisation) => organisation.register({ ...registration, ...change }, by()))
      .thenRefuses(code, field);
  });

  it('is registered once', () => {
    given(val(), registered)
      .when((organisation) => organisation.register(registration, by()))
      .thenRefuses('organisation.exists');
  });

  it.each([people.scrutiny, people.auditor])('is not for the $role role', (actor) => {
    given(val())
      .when((organisation) => organisation.register(registration, by(actor)))
      .thenRefuses('organisation.read-only');
  });
});

describe('changing an organisation', () => {
  it('renames it, remembering the name it had', () => {
    given(val(), registered)
      .when((organisation) =>
        organisation.rename(
          { name: 'VAL', reason: 'Known by its initials', effectiveOn: '2022-01-10' },
          by(people.lead),
        ),
      )
      .then(
        dated(
          'OrganisationRenamed',
          { previousName: 'Voluntary Action LeicesterShire', name: 'VAL', reason: 'Known by its initials' },
          '2022-01-10',
        ),
      );
  });

  it.each([
    [
      'to the name it has',
      { name: 'Voluntary Action LeicesterShire' },
      'organisation.name.unchanged',
      'name',
    ],
    [
      'before it was registered',
      { name: 'VAL', effectiveOn: '2019-03-31' },
      'organisation.before-registered',
      'effectiveOn',
    ],
    ['in the future', { name: 'VAL', effectiveOn: '2024-07-01' }, 'effectiveOn.in-future', 'effectiveOn'],
  ])('refuses a rename %s', (_, input, code, field) => {
    given(val(), registered)
      .when((organisation) => organisation.rename(input, by()))
      .thenRefuses(code, field);
  });

  it('refuses a rename that would take effect before the last one, since each replaces the last', () => {
    given(val(), registered, renamed)
      .when((organisation) =>
        organisation.rename({ name: 'Voluntary Action', effectiveOn: '2021-12-31' }, by()),
      )
      .thenRefuses('organisation.before-last-change', 'effectiveOn');
    given(val(), registered, renamed)
      .when((organisation) =>
        organisation.rename({ name: 'Voluntary Action', effectiveOn: '2022-01-10' }, by()),
      )
      .then(
        dated(
          'OrganisationRenamed',
          { previousName: 'VAL', name: 'Voluntary Action', reason: null },
          '2022-01-10',
        ),
      );
  });

  it('lets a change of another field take effect earlier than the rename', () => {
    given(val(), registered, renamed)
      .when((organisation) => organisation.changeWebsite({ website: null, effectiveOn: '2020-05-01' }, by()))
      .then(
        dated(
          'OrganisationWebsiteChanged',
          { previousWebsite: 'https://www.valonline.org.uk/', website: null },
          '2020-05-01',
        ),
      );
  });

  it('changes its kind when a group incorporates', () => {
    given(val(), registered)
      .when((organisation) =>
        organisation.changeKind(
          { kind: 'charitable-incorporated-organisation', effectiveOn: '2023-04-01' },
          by(),
        ),
      )
      .then(
        dated(
          'OrganisationKindChanged',
          { previousKind: 'registered-charity', kind: 'charitable-incorporated-organisation', reason: null },
          '2023-04-01',
        ),
      );
    given(val(), registered)
      .when((organisation) => organisation.changeKind({ kind: 'registered-charity' }, by()))
      .thenRefuses('organisation.kind.unchanged', 'kind');
  });

  it('says which wards it starts and stops serving', () => {
    given(val(), registered)
      .when((organisation) =>
        organisation.changeWardsServed({ wardsServed: ['E05010463', 'E05010478'] }, by()),
      )
      .then(
        dated(
          'OrganisationWardsServedChanged',
          { wardsServed: ['E05010463', 'E05010478'], added: ['E05010478'], removed: ['E05010458'] },
          '2024-06-30',
        ),
      );
    given(val(), registered)
      .when((organisation) =>
        organisation.changeWardsServed({ wardsServed: ['E05010463', 'E05010458'] }, by()),
      )
      .thenRefuses('organisation.wards-served.unchanged', 'wardsServed');
  });

  it('keeps each area of work once, and refuses a change that changes nothing', () => {
    given(val(), registered)
      .when((organisation) =>
        organisation.changeAreasOfWork({ areasOfWork: ['Youth', 'youth ', 'Older people'] }, by()),
      )
      .then(
        dated('OrganisationAreasOfWorkChanged', { areasOfWork: ['Youth', 'Older people'] }, '2024-06-30'),
      );
    given(val(), registered)
      .when((organisation) =>
        organisation.changeAreasOfWork({ areasOfWork: ['Volunteering', 'Infrastructure support'] }, by()),
      )
      .thenRefuses('organisation.areas-of-work.unchanged', 'areasOfWork');
  });

  it('refuses every change from someone who may only read', () => {
    given(val(), registered)
      .when((organisation) => organisation.rename({ name: 'VAL' }, by(people.scrutiny)))
      .thenRefuses('organisation.read-only');
  });
});

describe('an organisation’s identifiers', () => {
  it('takes a new identifier, in its normal form', () => {
    given(val(), registered)
      .when((organisation) => organisation.addIdentifier({ identifier: 'gb-sc-sc042386' }, by()))
      .then(
        dated('OrganisationIdentifierAdded', { identifier: 'GB-SC-SC042386', scheme: 'GB-SC' }, '2024-06-30'),
      );
  });

  it.each([
    ['one it has, however it is written', 'gb-coh-01357513', 'organisation.identifier.already-held'],
    ['one in no list', 'GB-XYZ-1', 'organisation.identifier.list-unknown'],
  ])('refuses to add %s', (_, identifier, code) => {
    given(val(), registered)
      .when((organisation) => organisation.addIdentifier({ identifier }, by()))
      .thenRefuses(code, 'identifier');
  });

  it('holds no more than ten', () => {
    const organisation = val().rehydrate([registered]);
    for (let index = 0; index < 8; index++)
      organisation.addIdentifier({ identifier: `GB-EDU-12555${index}` }, by());
    expect(() => organisation.addIdentifier({ identifier: 'GB-EDU-125559' }, by())).toThrow(
      expect.objectContaining({ code: 'organisation.identifiers.too-many' }),
    );
  });

  it('removes one with a reason, but not its primary identifier nor one it does not have', () => {
    given(val(), registered)
      .when((organisation) =>
        organisation.removeIdentifier({ identifier: 'GB-COH-01357513', reason: 'Typed in error' }, by()),
      )
      .then(
        dated(
          'OrganisationIdentifierRemoved',
          { identifier: 'GB-COH-01357513', reason: 'Typed in error' },
          '2024-06-30',
        ),
      );
    given(val(), registered)
      .when((organisation) =>
        organisation.removeIdentifier({ identifier: 'GB-COH-01357513', reason: ' ' }, by()),
      )
      .thenRefuses('reason.required', 'reason');
    given(val(), registered)
      .when((organisation) =>
        organisation.removeIdentifier({ identifier: 'GB-CHC-509300', reason: 'Wrong' }, by()),
      )
      .thenRefuses('organisation.identifier.primary', 'identifier');
    given(val(), registered)
      .when((organisation) =>
        organisation.removeIdentifier({ identifier: 'GB-CHC-1053154', reason: 'Wrong' }, by()),
      )
      .thenRefuses('organisation.identifier.not-held', 'identifier');
  });

  it('makes another of its identifiers primary, from the day it had it', () => {
    const added = dated(
      'OrganisationIdentifierAdded',
      { identifier: 'GB-SC-SC042386', scheme: 'GB-SC' },
      '2023-01-01',
    );
    given(val(), registered, added)
      .when((organisation) =>
        organisation.makeIdentifierPrimary({ identifier: 'GB-SC-SC042386', effectiveOn: '2023-01-01' }, by()),
      )
      .then(
        dated(
          'OrganisationPrimaryIdentifierChanged',
          { previousIdentifier: 'GB-CHC-509300', identifier: 'GB-SC-SC042386' },
          '2023-01-01',
        ),
      );
    given(val(), registered, added)
      .when((organisation) =>
        organisation.makeIdentifierPrimary({ identifier: 'GB-SC-SC042386', effectiveOn: '2022-12-31' }, by()),
      )
      .thenRefuses('organisation.before-last-change', 'effectiveOn');
    given(val(), registered)
      .when((organisation) => organisation.makeIdentifierPrimary({ identifier: 'GB-CHC-509300' }, by()))
      .thenRefuses('organisation.identifier.already-primary', 'identifier');
  });

  it('adds an identifier back only from the day it was removed', () => {
    const removed = dated(
      'OrganisationIdentifierRemoved',
      { identifier: 'GB-COH-01357513', reason: 'Wrong' },
      '2023-05-01',
    );
    given(val(), registered, removed)
      .when((organisation) =>
        organisation.addIdentifier({ identifier: 'GB-COH-01357513', effectiveOn: '2023-04-30' }, by()),
      )
      .thenRefuses('organisation.before-last-change', 'effectiveOn');
    given(val(), registered, removed)
      .when((organisation) =>
        organisation.addIdentifier({ identifier: 'GB-COH-01357513', effectiveOn: '2023-05-01' }, by()),
      )
      .then(
        dated(
          'OrganisationIdentifierAdded',
          { identifier: 'GB-COH-01357513', scheme: 'GB-COH' },
          '2023-05-01',
        ),
      );
  });

  it('names the claims each decision must make or release in the same append', () => {
    const organisation = val();
    organisation.register(registration, by());
    expect(identifierClaimChanges(organisation.getUncommittedEvents())).toEqual({
      claimed: registered.data.identifiers,
      released: [],
    });
    const changed = val().rehydrate([registered]);
    changed.addIdentifier({ identifier: 'GB-SC-SC042386' }, by());
    expect(identifierClaimChanges(changed.getUncommittedEvents())).toEqual({
      claimed: [{ identifier: 'GB-SC-SC042386', scheme: 'GB-SC' }],
      released: [],
    });
    const removing = val().rehydrate([registered]);
    removing.removeIdentifier({ identifier: 'GB-COH-01357513', reason: 'Wrong' }, by());
    expect(identifierClaimChanges(removing.getUncommittedEvents())).toEqual({
      claimed: [],
      released: ['GB-COH-01357513'],
    });
  });
});

describe('an organisation’s status', () => {
  it('is made dormant and reactivated, in that order of days', () => {
    given(val(), registered)
      .when((organisation) =>
        organisation.makeDormant({ reason: 'No trustees', effectiveOn: '2023-02-01' }, by()),
      )
      .then(dated('OrganisationMadeDormant', { reason: 'No trustees' }, '2023-02-01'));
    given(val(), registered, dormant)
      .when((organisation) => organisation.reactivate({ effectiveOn: '2023-09-01' }, by()))
      .then(dated('OrganisationReactivated', { reason: null }, '2023-09-01'));
    given(val(), registered, dormant)
      .when((organisation) => organisation.reactivate({ effectiveOn: '2023-01-31' }, by()))
      .thenRefuses('organisation.before-last-change', 'effectiveOn');
    given(val(), registered)
      .when((organisation) => organisation.reactivate({}, by()))
      .thenRefuses('organisation.not-dormant');
    given(val(), registered, dormant)
      .when((organisation) => organisation.makeDormant({}, by()))
      .thenRefuses('organisation.not-active');
  });

  it('is dissolved on a date, and then takes no change at all', () => {
    given(val(), registered, dormant)
      .when((organisation) => organisation.dissolve({ reason: 'Wound up', effectiveOn: '2024-03-31' }, by()))
      .then(dissolved);
    for (const change of [
      (organisation: Organisation) => organisation.rename({ name: 'VAL' }, by()),
      (organisation: Organisation) => organisation.addIdentifier({ identifier: 'GB-SC-SC042386' }, by()),
      (organisation: Organisation) => organisation.reactivate({}, by()),
      (organisation: Organisation) => organisation.dissolve({}, by()),
    ])
      given(val(), registered, dissolved).when(change).thenRefuses('organisation.closed');
  });

  it('is not dissolved before a change already in effect', () => {
    given(val(), registered, renamed)
      .when((organisation) => organisation.dissolve({ effectiveOn: '2021-06-01' }, by()))
      .thenRefuses('organisation.before-last-change', 'effectiveOn');
  });

  it('merges into another organisation that is open and was registered by then', () => {
    given(val(), registered)
      .when((organisation) =>
        organisation.mergeInto(other(), { reason: 'Joined forces', effectiveOn: '2024-04-01' }, by()),
      )
      .then(
        dated(
          'OrganisationMerged',
          {
            mergedIntoOrganisationId: 'trec',
            mergedIntoName: 'The Race Equality Centre',
            reason: 'Joined forces',
          },
          '2024-04-01',
        ),
      );
  });

  it.each([
    ['itself', () => val().rehydrate([registered]), {}, 'organisation.merge-into-itself'],
    ['one not registered', () => new Organisation('nobody'), {}, 'organisation.merge-target-unknown'],
    ['one dissolved', () => other('dissolved'), {}, 'organisation.merge-target-closed'],
    [
      'one before it was registered',
      () => other(),
      { effectiveOn: '2019-12-31' },
      'organisation.merge-before-target-registered',
    ],
  ])('does not merge into %s', (_, into, input, code) => {
    given(val(), registered)
      .when((organisation) => organisation.mergeInto(into(), input, by()))
      .thenRefuses(code);
  });

  it('takes no change once merged', () => {
    const merged = dated(
      'OrganisationMerged',
      { mergedIntoOrganisationId: 'trec', mergedIntoName: 'The Race Equality Centre', reason: null },
      '2024-04-01',
    );
    given(val(), registered, merged)
      .when((organisation) => organisation.changeWebsite({ website: null }, by()))
      .thenRefuses('organisation.closed');
    const organisation = val().rehydrate([registered, merged]);
    expect(organisation).toMatchObject({
      status: 'merged',
      mergedIntoOrganisationId: 'trec',
      isClosed: true,
    });
  });
});
