import { given } from '../../../libs/testing/given-when-then.js';
import { by, people } from '../testing/fixtures.js';
import { Ward } from './ward.aggregate.js';
import type { WardEvent } from './ward.events.js';

const abbey = { name: 'Abbey', localAuthorityCode: 'E06000016', localAuthorityName: 'Leicester' };
const recorded: WardEvent = {
  type: 'WardRecorded',
  data: { wardCode: 'E05010458', ...abbey, validFrom: '2015-05-07', effectiveOn: '2015-05-07' },
};
const renamed: WardEvent = {
  type: 'WardRenamed',
  data: {
    wardCode: 'E05010458',
    previousName: 'Abbey',
    name: 'Abbey Park',
    previousLocalAuthorityName: 'Leicester',
    localAuthorityName: 'Leicester',
    reason: null,
    effectiveOn: '2020-01-01',
  },
};
const ended: WardEvent = {
  type: 'WardEnded',
  data: {
    wardCode: 'E05010458',
    successors: ['E05099991', 'E05099992'],
    reason: 'LGBCE review',
    effectiveOn: '2023-05-04',
  },
};
const importer = by(people.importer);

describe('a ward', () => {
  it('is keyed by its GSS code as people type it', () => {
    expect(Ward.for(' e05010458').streamId).toBe('ward-E05010458');
    expect(() => Ward.for('E0501045')).toThrow(expect.objectContaining({ code: 'ward.code-invalid' }));
  });

  it('is recorded with its local authority and the day its code came into force', () => {
    given(Ward.for('E05010458'))
      .when((ward) => ward.record({ ...abbey, validFrom: '2015-05-07' }, importer))
      .then(recorded);
  });

  it.each([
    [{ name: '' }, 'ward.name.required', 'name'],
    [{ name: 'x'.repeat(101) }, 'ward.name.too-long', 'name'],
    [{ localAuthorityCode: 'E10000018' }, 'ward.local-authority-code-invalid', 'localAuthorityCode'],
    [{ localAuthorityCode: 'W06000015' }, 'ward.local-authority-nation-mismatch', 'localAuthorityCode'],
    [{ localAuthorityName: ' ' }, 'ward.local-authority-name.required', 'localAuthorityName'],
    [{ validFrom: '' }, 'validFrom.required', 'validFrom'],
    [{ validFrom: '2015-13-01' }, 'validFrom.invalid', 'validFrom'],
    [{ validFrom: '2024-07-01' }, 'validFrom.in-future', 'validFrom'],
  ])('refuses %j', (change, code, field) => {
    given(Ward.for('E05010458'))
      .when((ward) => ward.record({ ...abbey, validFrom: '2015-05-07', ...change }, importer))
      .thenRefuses(code, field);
  });

  it('is recorded once', () => {
    given(Ward.for('E05010458'), recorded)
      .when((ward) => ward.record({ ...abbey, validFrom: '2015-05-07' }, importer))
      .thenRefuses('ward.exists');
  });

  it.each([people.lead, people.scrutiny])(
    'is recorded and changed only by an admin or the import, not $role',
    (actor) => {
      given(Ward.for('E05010458'))
        .when((ward) => ward.record({ ...abbey, validFrom: '2015-05-07' }, by(actor)))
        .thenRefuses('ward.read-only');
      given(Ward.for('E05010458'), recorded)
        .when((ward) => ward.end({ successors: [] }, by(actor)))
        .thenRefuses('ward.read-only');
    },
  );

  it('is in force from the day its code starts up to the day it ends', () => {
    const ward = Ward.for('E05010458').rehydrate([recorded, ended]);
    expect(ward.isInForceOn('2015-05-06')).toBe(false);
    expect(ward.isInForceOn('2015-05-07')).toBe(true);
    expect(ward.isInForceOn('2023-05-03')).toBe(true);
    expect(ward.isInForceOn('2023-05-04')).toBe(false);
    expect(Ward.for('E05010459').isInForceOn('2020-01-01')).toBe(false);
  });
});

describe('importing a row of an ONS lookup', () => {
  const options = { validFrom: '2015-05-07' };

  it('records a ward it does not know', () => {
    given(Ward.for('E05010458'))
      .when((ward) => ward.importRow(abbey, options, importer))
      .then(recorded);
  });

  it('decides nothing for the same row a second time', () => {
    given(Ward.for('E05010458'), recorded)
      .when((ward) => ward.importRow({ ...abbey }, options, importer))
      .then();
  });

  it('decides a rename when ONS has corrected a name', () => {
    given(Ward.for('E05010458'), recorded)
      .when((ward) =>
        ward.importRow(
          { ...abbey, name: 'Abbey Park', localAuthorityName: 'Leicester City' },
          options,
          importer,
        ),
      )
      .then({
        type: 'WardRenamed',
        data: {
          wardCode: 'E05010458',
          previousName: 'Abbey',
          name: 'Abbey Park',
          previousLocalAuthorityName: 'Leicester',
          localAuthorityName: 'Leicester City',
          reason: 'Name in the ONS lookup',
          effectiveOn: '2024-06-30',
        },
      });
  });

  it('refuses a row that moves a ward code to another local authority', () => {
    given(Ward.for('E05010458'), recorded)
      .when((ward) => ward.importRow({ ...abbey, localAuthorityCode: 'E06000017' }, options, importer))
      .thenRefuses('ward.local-authority-changed', 'localAuthorityCode');
  });
});

describe('renaming and ending a ward', () => {
  it('renames it, and not to the names it has', () => {
    given(Ward.for('E05010458'), recorded)
      .when((ward) => ward.rename({ name: 'Abbey Park', effectiveOn: '2020-01-01' }, by()))
      .then(renamed);
    given(Ward.for('E05010458'), recorded)
      .when((ward) => ward.rename({ name: 'Abbey' }, by()))
      .thenRefuses('ward.name.unchanged', 'name');
  });

  it('takes a rename no earlier than the last name', () => {
    given(Ward.for('E05010458'), recorded, renamed)
      .when((ward) => ward.rename({ name: 'Abbey', effectiveOn: '2019-12-31' }, by()))
      .thenRefuses('ward.before-last-change', 'effectiveOn');
    given(Ward.for('E05010458'), recorded)
      .when((ward) => ward.rename({ name: 'Abbey Park', effectiveOn: '2015-05-06' }, by()))
      .thenRefuses('ward.before-last-change', 'effectiveOn');
  });

  it('ends it in a boundary change, naming the codes that succeed it', () => {
    given(Ward.for('E05010458'), recorded)
      .when((ward) =>
        ward.end(
          {
            successors: ['e05099991', 'E05099992', 'E05099991'],
            reason: 'LGBCE review',
            effectiveOn: '2023-05-04',
          },
          by(),
        ),
      )
      .then(ended);
  });

  it.each([
    [{ successors: ['E05010458'] }, 'ward.successor-itself', 'successors'],
    [{ successors: ['E06000016'] }, 'ward.code-invalid', 'successors[0]'],
    [{ effectiveOn: '2015-05-07' }, 'ward.ends-before-it-starts', 'effectiveOn'],
    [{ effectiveOn: '2024-07-01' }, 'effectiveOn.in-future', 'effectiveOn'],
  ])('refuses to end it with %j', (input, code, field) => {
    given(Ward.for('E05010458'), recorded)
      .when((ward) => ward.end(input, by()))
      .thenRefuses(code, field);
  });

  it('ends once, and then a rename only corrects the name it had before', () => {
    given(Ward.for('E05010458'), recorded, ended)
      .when((ward) => ward.end({}, by()))
      .thenRefuses('ward.ended');
    given(Ward.for('E05010458'), recorded, ended)
      .when((ward) => ward.rename({ name: 'Abbey Park' }, by()))
      .thenRefuses('ward.ended', 'effectiveOn');
    given(Ward.for('E05010458'), recorded, ended)
      .when((ward) => ward.rename({ name: 'Abbey Park', effectiveOn: '2020-01-01' }, by()))
      .then(renamed);
  });
});
