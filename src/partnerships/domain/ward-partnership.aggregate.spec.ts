import { given } from '../../../libs/testing/given-when-then.js';
import type { Actor } from '../../common/domain/actor.js';
import { by, people, TODAY } from '../testing/fixtures.js';
import { Organisation } from './organisation.aggregate.js';
import type { OrganisationEvent } from './organisation.events.js';
import { PartnershipsPolicy } from './policy.js';
import { WardPartnership, type FormWardPartnershipInput } from './ward-partnership.aggregate.js';
import type { WardPartnershipEvent } from './ward-partnership.events.js';
import { Ward } from './ward.aggregate.js';

const ward = (code: string, name: string, validFrom = '2015-05-07', endedOn?: string) =>
  Ward.for(code).rehydrate([
    {
      type: 'WardRecorded',
      data: {
        wardCode: code,
        name,
        localAuthorityCode: 'E06000016',
        localAuthorityName: 'Leicester',
        validFrom,
        effectiveOn: validFrom,
      },
    },
    ...(endedOn
      ? [
          {
            type: 'WardEnded' as const,
            data: { wardCode: code, successors: ['E05099991'], reason: null, effectiveOn: endedOn },
          },
        ]
      : []),
  ]);
const abbey = ward('E05010458', 'Abbey');
const belgrave = ward('E05010461', 'Belgrave');
const endedWard = ward('E05003001', 'Latimer', '2003-05-01', '2015-05-07');
const laterWard = ward('E05099991', 'Abbey Meadows', '2024-05-02');
const wards = [abbey, belgrave, endedWard, laterWard];

const organisation = (
  id: string,
  name: string,
  registeredOn = '2015-01-01',
  extra: OrganisationEvent[] = [],
) =>
  new Organisation(id).rehydrate([
    {
      type: 'OrganisationRegistered',
      data: {
        organisationId: id,
        name,
        kind: 'registered-charity',
        identifiers: [{ identifier: `360G-LCC-${id}`, scheme: '360G-LCC' }],
        primaryIdentifier: `360G-LCC-${id}`,
        website: null,
        wardsServed: [],
        areasOfWork: [],
        effectiveOn: registeredOn,
      },
    },
    ...extra,
  ]);
const fmo = organisation('fmo', 'Federation of Muslim Organisations');
const trec = organisation('trec', 'The Race Equality Centre');
const accf = organisation('accf', 'African Caribbean Citizens Forum', '2015-01-01', [
  {
    type: 'OrganisationDissolved',
    data: { organisationId: 'accf', reason: null, effectiveOn: '2016-09-20' },
  },
]);
const newcomer = organisation('new', 'Abbey Youth Forum', '2024-01-15');

const input: FormWardPartnershipInput = {
  name: ' Abbey Ward Partnership ',
  wardCodes: ['e05010458'],
  leadOfficerId: 'priya',
  meetingCadence: 'every-six-weeks',
  councillors: [{ name: 'Cllr Vi Dempster', role: 'Ward councillor' }],
  effectiveOn: '2024-01-10',
};
const at = <E extends WardPartnershipEvent>(type: E['type'], effectiveOn: string, data: object = {}) =>
  ({ type, data: { partnershipId: 'abbey', ...data, effectiveOn } }) as E;
const formed = at('WardPartnershipFormed', '2024-01-10', {
  name: 'Abbey Ward Partnership',
  wardCodes: ['E05010458'],
  leadOfficerId: 'priya',
  meetingCadence: 'every-six-weeks',
  councillors: [{ name: 'Cllr Vi Dempster', role: 'Ward councillor' }],
});
const activated = at('WardPartnershipActivated', '2024-02-01');
const underReview = at('WardPartnershipPutUnderReview', '2024-04-01', { reason: 'Attendance fell' });
const fmoJoined = at('KeyGroupJoined', '2024-02-01', {
  organisationId: 'fmo',
  organisationName: 'Federation of Muslim Organisations',
  role: 'lead-partner',
});
const fmoLeft = at('KeyGroupLeft', '2024-03-15', { organisationId: 'fmo', reason: 'Moved to Belgrave' });
const priority = at('PriorityAgreed', '2024-02-14', {
  priorityId: 'p1',
  title: 'Safer parks',
  description: null,
});
const linked = at('PartnershipActionLinked', '2024-02-20', { actionId: 'a3.2' });
const ended = at('WardPartnershipEnded', '2024-05-31', { reason: 'Merged into the north-east partnership' });

const abbeyPartnership = () => new WardPartnership('abbey');
const lead = by(people.lead);

describe('forming a ward partnership', () => {
  it('is formed in wards in force, with its lead officer, cadence and councillors', () => {
    given(abbeyPartnership())
      .when((partnership) => partnership.form(input, wards, by()))
      .then(formed);
  });

  it.each([
    [{ name: '' }, 'ward-partnership.name.required', 'name'],
    [{ wardCodes: [] }, 'ward-partnership.wards.too-few', 'wardCodes'],
    [{ wardCodes: ['E06000016'] }, 'ward.code-invalid', 'wardCodes[0]'],
    [{ wardCodes: ['E05010458', 'E05010470'] }, 'ward-partnership.ward-unknown', 'wardCodes[1]'],
    [{ wardCodes: ['E05003001'] }, 'ward-partnership.ward-not-in-force', 'wardCodes[0]'],
    [{ wardCodes: ['E05099991'] }, 'ward-partnership.ward-not-in-force', 'wardCodes[0]'],
    [{ leadOfficerId: ' ' }, 'ward-partnership.lead-officer.required', 'leadOfficerId'],
    [{ meetingCadence: 'sometimes' }, 'ward-partnership.cadence-invalid', 'meetingCadence'],
    [
      { councillors: [{ name: 'Cllr Dempster', role: '' }] },
      'ward-partnership.councillor-role.required',
      'councillors[0].role',
    ],
    [
      { councillors: [{ name: 'x'.repeat(101), role: 'Chair' }] },
      'ward-partnership.councillor-name.too-long',
      'councillors[0].name',
    ],
    [{ effectiveOn: '2024-07-01' }, 'effectiveOn.in-future', 'effectiveOn'],
  ])('refuses %j', (change, code, field) => {
    given(abbeyPartnership())
      .when((partnership) => partnership.form({ ...input, ...change }, wards, by()))
      .thenRefuses(code, field);
  });

  it('says when a ward ended, and what succeeded it', () => {
    const partnership = abbeyPartnership();
    expect(() => partnership.form({ ...input, wardCodes: ['E05003001'] }, wards, by())).toThrow(
      'Latimer (E05003001) ended on 7 May 2015, in a boundary change; its successors are E05099991',
    );
  });

  it('is formed by an admin for any officer, or by an officer who will lead it', () => {
    given(abbeyPartnership())
      .when((partnership) => partnership.form(input, wards, lead))
      .then(formed);
    given(abbeyPartnership())
      .when((partnership) => partnership.form(input, wards, by(people.otherOfficer)))
      .thenRefuses('ward-partnership.may-not-form');
    given(abbeyPartnership())
      .when((partnership) => partnership.form(input, wards, by(people.scrutiny)))
      .thenRefuses('ward-partnership.may-not-form');
  });

  it('is formed once', () => {
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.form(input, wards, by()))
      .thenRefuses('ward-partnership.exists');
  });
});

describe('who may change a ward partnership', () => {
  it.each<[string, Actor, boolean]>([
    ['its lead officer', people.lead, true],
    ['an admin', people.admin, true],
    ['another officer', people.otherOfficer, false],
    ['scrutiny', people.scrutiny, false],
    ['an auditor', people.auditor, false],
  ])('%s: %s', (_, actor, may) => {
    const partnership = abbeyPartnership().rehydrate([formed]);
    expect(PartnershipsPolicy.mayChangeWardPartnership(actor, partnership)).toBe(may);
    const change = () => partnership.changeMeetingCadence({ meetingCadence: 'monthly' }, by(actor));
    if (may) expect(change).not.toThrow();
    else
      expect(change).toThrow(
        expect.objectContaining({ code: 'ward-partnership.not-your-partnership', kind: 'forbidden' }),
      );
  });

  it('follows the lead when it changes: the new lead may, the old one may not', () => {
    const handedOver = at('PartnershipLeadOfficerChanged', '2024-03-01', {
      previousLeadOfficerId: 'priya',
      leadOfficerId: 'tom',
      reason: 'Priya moved to housing',
    });
    given(abbeyPartnership(), formed, handedOver)
      .when((partnership) => partnership.changeMeetingCadence({ meetingCadence: 'monthly' }, lead))
      .thenRefuses('ward-partnership.not-your-partnership');
    given(abbeyPartnership(), formed, handedOver)
      .when((partnership) =>
        partnership.changeMeetingCadence({ meetingCadence: 'monthly' }, by(people.otherOfficer)),
      )
      .then(
        at('MeetingCadenceChanged', TODAY, {
          previousMeetingCadence: 'every-six-weeks',
          meetingCadence: 'monthly',
        }),
      );
  });
});

describe('a ward partnership’s status', () => {
  it('becomes active where its wards are in force', () => {
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.activate({ effectiveOn: '2024-02-01' }, wards, lead))
      .then(activated);
  });

  it('does not become active in a ward whose code has ended', () => {
    const boundaryChanged = ward('E05010458', 'Abbey', '2015-05-07', '2024-03-01');
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.activate({ effectiveOn: '2024-03-01' }, [boundaryChanged], lead))
      .thenRefuses('ward-partnership.ward-not-in-force', 'wardCodes[0]');
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.activate({ effectiveOn: '2024-02-29' }, [boundaryChanged], lead))
      .then(at('WardPartnershipActivated', '2024-02-29'));
  });

  it('is activated from forming only, and not before it started', () => {
    given(abbeyPartnership(), formed, activated)
      .when((partnership) => partnership.activate({}, wards, lead))
      .thenRefuses('ward-partnership.not-forming');
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.activate({ effectiveOn: '2024-01-09' }, wards, lead))
      .thenRefuses('ward-partnership.before-start', 'effectiveOn');
  });

  it('is put under review with a reason, and reviewed back to active with its next review planned', () => {
    given(abbeyPartnership(), formed, activated)
      .when((partnership) =>
        partnership.putUnderReview({ reason: 'Attendance fell', effectiveOn: '2024-04-01' }, lead),
      )
      .then(underReview);
    given(abbeyPartnership(), formed, activated)
      .when((partnership) => partnership.putUnderReview({ reason: '' }, lead))
      .thenRefuses('reason.required', 'reason');
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.putUnderReview({ reason: 'Why not' }, lead))
      .thenRefuses('ward-partnership.not-active');
    given(abbeyPartnership(), formed, activated, underReview)
      .when((partnership) =>
        partnership.review(
          { findings: 'New chair; meets monthly', nextReviewOn: '2025-04-01', effectiveOn: '2024-05-01' },
          wards,
          lead,
        ),
      )
      .then(
        at('WardPartnershipReviewed', '2024-05-01', {
          findings: 'New chair; meets monthly',
          nextReviewOn: '2025-04-01',
        }),
      );
  });

  it('is not reviewed back to active once its ward has ended, nor before it went under review', () => {
    const boundaryChanged = ward('E05010458', 'Abbey', '2015-05-07', '2024-04-15');
    given(abbeyPartnership(), formed, activated, underReview)
      .when((partnership) =>
        partnership.review({ findings: 'Carry on', effectiveOn: '2024-05-01' }, [boundaryChanged], lead),
      )
      .thenRefuses('ward-partnership.ward-not-in-force', 'wardCodes[0]');
    given(abbeyPartnership(), formed, activated, underReview)
      .when((partnership) =>
        partnership.review({ findings: 'Carry on', effectiveOn: '2024-03-31' }, wards, lead),
      )
      .thenRefuses('ward-partnership.before-last-change', 'effectiveOn');
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.review({ findings: 'Carry on' }, wards, lead))
      .thenRefuses('ward-partnership.not-reviewable');
  });

  it('ends with a reason, no earlier than anything already in effect, and then takes no changes', () => {
    given(abbeyPartnership(), formed, activated, priority)
      .when((partnership) =>
        partnership.end(
          { reason: 'Merged into the north-east partnership', effectiveOn: '2024-05-31' },
          lead,
        ),
      )
      .then(ended);
    given(abbeyPartnership(), formed, activated, priority)
      .when((partnership) => partnership.end({ reason: 'Wound up', effectiveOn: '2024-02-13' }, lead))
      .thenRefuses('ward-partnership.end-before-last-change', 'effectiveOn');
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.end({ reason: ' ' }, lead))
      .thenRefuses('reason.required', 'reason');
    for (const change of [
      (partnership: WardPartnership) => partnership.activate({}, wards, lead),
      (partnership: WardPartnership) => partnership.joinGroup({ role: 'member' }, trec, lead),
      (partnership: WardPartnership) =>
        partnership.agreePriority({ priorityId: 'p2', title: 'Clean streets' }, lead),
      (partnership: WardPartnership) => partnership.scheduleReview({ nextReviewOn: '2024-09-01' }, lead),
      (partnership: WardPartnership) => partnership.end({ reason: 'Again' }, by()),
    ])
      given(abbeyPartnership(), formed, activated, ended).when(change).thenRefuses('ward-partnership.ended');
  });
});

describe('key groups', () => {
  it('joins an organisation with its role, on a day from the start to today', () => {
    given(abbeyPartnership(), formed)
      .when((partnership) =>
        partnership.joinGroup({ role: 'lead-partner', effectiveOn: '2024-02-01' }, fmo, lead),
      )
      .then(fmoJoined);
  });

  it('cannot be a member twice at once', () => {
    given(abbeyPartnership(), formed, fmoJoined)
      .when((partnership) => partnership.joinGroup({ role: 'member' }, fmo, lead))
      .thenRefuses('ward-partnership.already-a-member', 'organisationId');
  });

  it('rejoins after leaving, from the day it left, never overlapping its last membership', () => {
    given(abbeyPartnership(), formed, fmoJoined, fmoLeft)
      .when((partnership) => partnership.joinGroup({ role: 'member', effectiveOn: '2024-03-15' }, fmo, lead))
      .then(
        at('KeyGroupJoined', '2024-03-15', {
          organisationId: 'fmo',
          organisationName: 'Federation of Muslim Organisations',
          role: 'member',
        }),
      );
    given(abbeyPartnership(), formed, fmoJoined, fmoLeft)
      .when((partnership) => partnership.joinGroup({ role: 'member', effectiveOn: '2024-03-14' }, fmo, lead))
      .thenRefuses('ward-partnership.rejoin-before-left', 'effectiveOn');
  });

  it.each([
    [
      'an organisation not registered',
      () => new Organisation('nobody'),
      {},
      'ward-partnership.organisation-unknown',
    ],
    ['a dissolved organisation', () => accf, {}, 'ward-partnership.organisation-closed'],
    [
      'before the organisation was registered',
      () => newcomer,
      { effectiveOn: '2024-01-14' },
      'ward-partnership.before-organisation-registered',
    ],
    [
      'before the partnership started',
      () => trec,
      { effectiveOn: '2024-01-09' },
      'ward-partnership.before-start',
    ],
    ['in the future', () => trec, { effectiveOn: '2024-07-01' }, 'effectiveOn.in-future'],
    ['with a role it does not have', () => trec, { role: 'chair' }, 'ward-partnership.role-invalid'],
  ])('refuses a group joining: %s', (_, group, change, code) => {
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.joinGroup({ role: 'member', ...change }, group(), lead))
      .thenRefuses(code);
  });

  it('leaves with a reason, and changes role, as a member and not before its membership last changed', () => {
    given(abbeyPartnership(), formed, fmoJoined)
      .when((partnership) =>
        partnership.leaveGroup(
          { organisationId: 'fmo', reason: 'Moved to Belgrave', effectiveOn: '2024-03-15' },
          lead,
        ),
      )
      .then(fmoLeft);
    given(abbeyPartnership(), formed, fmoJoined)
      .when((partnership) =>
        partnership.leaveGroup({ organisationId: 'fmo', reason: 'Left', effectiveOn: '2024-01-31' }, lead),
      )
      .thenRefuses('ward-partnership.before-membership-change', 'effectiveOn');
    given(abbeyPartnership(), formed, fmoJoined, fmoLeft)
      .when((partnership) => partnership.leaveGroup({ organisationId: 'fmo', reason: 'Again' }, lead))
      .thenRefuses('ward-partnership.not-a-member', 'organisationId');
    given(abbeyPartnership(), formed, fmoJoined)
      .when((partnership) =>
        partnership.changeGroupRole(
          { organisationId: 'fmo', role: 'member', effectiveOn: '2024-03-01' },
          lead,
        ),
      )
      .then(
        at('KeyGroupRoleChanged', '2024-03-01', {
          organisationId: 'fmo',
          previousRole: 'lead-partner',
          role: 'member',
          reason: null,
        }),
      );
    given(abbeyPartnership(), formed, fmoJoined)
      .when((partnership) =>
        partnership.changeGroupRole({ organisationId: 'fmo', role: 'lead-partner' }, lead),
      )
      .thenRefuses('ward-partnership.same-role', 'role');
  });

  it('keeps every membership, so the history shows a group that left and came back', () => {
    const rejoined = at('KeyGroupJoined', '2024-04-01', {
      organisationId: 'fmo',
      organisationName: 'Federation of Muslim Organisations',
      role: 'member',
    });
    const partnership = abbeyPartnership().rehydrate([formed, fmoJoined, fmoLeft, rejoined]);
    expect(partnership.memberships).toEqual([
      expect.objectContaining({ joinedOn: '2024-02-01', leftOn: '2024-03-15', role: 'lead-partner' }),
      expect.objectContaining({ joinedOn: '2024-04-01', leftOn: null, role: 'member' }),
    ]);
    expect(partnership.currentMembers).toHaveLength(1);
  });
});

describe('agreed priorities', () => {
  it('are agreed, each with its own status, and achieved or dropped from the day they were agreed', () => {
    given(abbeyPartnership(), formed)
      .when((partnership) =>
        partnership.agreePriority(
          { priorityId: 'p1', title: ' Safer parks ', effectiveOn: '2024-02-14' },
          lead,
        ),
      )
      .then(priority);
    given(abbeyPartnership(), formed, priority)
      .when((partnership) =>
        partnership.achievePriority(
          { priorityId: 'p1', reason: 'Lighting installed', effectiveOn: '2024-05-01' },
          lead,
        ),
      )
      .then(at('PriorityAchieved', '2024-05-01', { priorityId: 'p1', reason: 'Lighting installed' }));
    given(abbeyPartnership(), formed, priority)
      .when((partnership) => partnership.dropPriority({ priorityId: 'p1', reason: 'No funding' }, lead))
      .then(at('PriorityDropped', TODAY, { priorityId: 'p1', reason: 'No funding' }));
  });

  it.each([
    [
      'with a title already agreed',
      (p: WardPartnership) => p.agreePriority({ priorityId: 'p2', title: 'safer PARKS' }, lead),
      'ward-partnership.priority-duplicate',
    ],
    [
      'twice with one id',
      (p: WardPartnership) => p.agreePriority({ priorityId: 'p1', title: 'Jobs' }, lead),
      'ward-partnership.priority-exists',
    ],
    [
      'with no title',
      (p: WardPartnership) => p.agreePriority({ priorityId: 'p2', title: '' }, lead),
      'ward-partnership.priority-title.required',
    ],
    [
      'dropped with no reason',
      (p: WardPartnership) => p.dropPriority({ priorityId: 'p1', reason: '' }, lead),
      'reason.required',
    ],
    [
      'achieved before it was agreed',
      (p: WardPartnership) => p.achievePriority({ priorityId: 'p1', effectiveOn: '2024-02-13' }, lead),
      'ward-partnership.before-priority-agreed',
    ],
    [
      'achieved when unknown',
      (p: WardPartnership) => p.achievePriority({ priorityId: 'p9' }, lead),
      'ward-partnership.priority-unknown',
    ],
  ])('refuses a priority %s', (_, decide, code) => {
    given(abbeyPartnership(), formed, priority).when(decide).thenRefuses(code);
  });

  it('are achieved or dropped once', () => {
    const achieved = at('PriorityAchieved', '2024-05-01', { priorityId: 'p1', reason: null });
    given(abbeyPartnership(), formed, priority, achieved)
      .when((partnership) =>
        partnership.dropPriority({ priorityId: 'p1', reason: 'Changed our minds' }, lead),
      )
      .thenRefuses('ward-partnership.priority-closed', 'priorityId');
    given(abbeyPartnership(), formed, priority, achieved)
      .when((partnership) => partnership.agreePriority({ priorityId: 'p2', title: 'Safer parks' }, lead))
      .then(at('PriorityAgreed', TODAY, { priorityId: 'p2', title: 'Safer parks', description: null }));
  });
});

describe('the review date, the lead, councillors, cadence and wards', () => {
  it('plans the next review for today or later, the one date that may be in the future', () => {
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.scheduleReview({ nextReviewOn: '2025-01-31' }, lead))
      .then(
        at('PartnershipReviewScheduled', TODAY, { previousNextReviewOn: null, nextReviewOn: '2025-01-31' }),
      );
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.scheduleReview({ nextReviewOn: TODAY }, lead))
      .then(at('PartnershipReviewScheduled', TODAY, { previousNextReviewOn: null, nextReviewOn: TODAY }));
  });

  it.each([
    [{ nextReviewOn: '2024-06-29' }, 'ward-partnership.review-in-past', 'nextReviewOn'],
    [{ nextReviewOn: '2029-07-01' }, 'ward-partnership.review-too-far', 'nextReviewOn'],
    [{ nextReviewOn: '2024-06-31' }, 'nextReviewOn.invalid', 'nextReviewOn'],
    [{ nextReviewOn: '2024-09-01', effectiveOn: '2024-07-01' }, 'effectiveOn.in-future', 'effectiveOn'],
  ])('refuses a planned review %j', (change, code, field) => {
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.scheduleReview(change, lead))
      .thenRefuses(code, field);
  });

  it('lets a plan entered after the fact be for a day that has since passed, but not before it was made', () => {
    given(abbeyPartnership(), formed)
      .when((partnership) =>
        partnership.scheduleReview({ nextReviewOn: '2024-03-01', effectiveOn: '2024-01-10' }, lead),
      )
      .then(
        at('PartnershipReviewScheduled', '2024-01-10', {
          previousNextReviewOn: null,
          nextReviewOn: '2024-03-01',
        }),
      );
    given(abbeyPartnership(), formed)
      .when((partnership) =>
        partnership.scheduleReview({ nextReviewOn: '2024-01-09', effectiveOn: '2024-01-10' }, lead),
      )
      .thenRefuses('ward-partnership.review-in-past', 'nextReviewOn');
  });

  it('changes its lead officer with a reason, to someone else', () => {
    given(abbeyPartnership(), formed)
      .when((partnership) =>
        partnership.changeLeadOfficer({ leadOfficerId: 'tom', reason: 'Priya moved' }, by()),
      )
      .then(
        at('PartnershipLeadOfficerChanged', TODAY, {
          previousLeadOfficerId: 'priya',
          leadOfficerId: 'tom',
          reason: 'Priya moved',
        }),
      );
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.changeLeadOfficer({ leadOfficerId: 'priya', reason: 'x' }, by()))
      .thenRefuses('ward-partnership.same-lead', 'leadOfficerId');
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.changeLeadOfficer({ leadOfficerId: 'tom', reason: '' }, by()))
      .thenRefuses('reason.required', 'reason');
  });

  it('changes its councillors (names and roles only), each change after the last', () => {
    const councillors = [
      { name: 'Cllr Vi Dempster', role: 'Ward councillor' },
      { name: 'Cllr Ross Willmott', role: 'Chair' },
    ];
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.changeCouncillors({ councillors, effectiveOn: '2024-05-03' }, lead))
      .then(at('WardCouncillorsChanged', '2024-05-03', { councillors }));
    given(abbeyPartnership(), formed, at('WardCouncillorsChanged', '2024-05-03', { councillors }))
      .when((partnership) =>
        partnership.changeCouncillors({ councillors: [], effectiveOn: '2024-05-02' }, lead),
      )
      .thenRefuses('ward-partnership.before-last-change', 'effectiveOn');
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.changeCouncillors({ councillors: input.councillors! }, lead))
      .thenRefuses('ward-partnership.councillors-unchanged', 'councillors');
  });

  it('moves to other wards after a boundary change, only to wards in force', () => {
    given(abbeyPartnership(), formed)
      .when((partnership) =>
        partnership.changeWards(
          { wardCodes: ['E05010458', 'E05010461'], reason: 'Belgrave joins', effectiveOn: '2024-03-01' },
          wards,
          lead,
        ),
      )
      .then(
        at('PartnershipWardsChanged', '2024-03-01', {
          wardCodes: ['E05010458', 'E05010461'],
          added: ['E05010461'],
          removed: [],
          reason: 'Belgrave joins',
        }),
      );
    given(abbeyPartnership(), formed)
      .when((partnership) =>
        partnership.changeWards({ wardCodes: ['E05003001'], reason: 'Old ward' }, wards, lead),
      )
      .thenRefuses('ward-partnership.ward-not-in-force', 'wardCodes[0]');
    given(abbeyPartnership(), formed)
      .when((partnership) =>
        partnership.changeWards({ wardCodes: ['E05010458'], reason: 'Same' }, wards, lead),
      )
      .thenRefuses('ward-partnership.wards-unchanged', 'wardCodes');
  });
});

describe('the actions it delivers', () => {
  it('links an action once at a time, and unlinks it with a reason, not before it was linked', () => {
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.linkAction({ actionId: 'a3.2', effectiveOn: '2024-02-20' }, lead))
      .then(linked);
    given(abbeyPartnership(), formed, linked)
      .when((partnership) => partnership.linkAction({ actionId: 'a3.2' }, lead))
      .thenRefuses('ward-partnership.action-already-linked', 'actionId');
    given(abbeyPartnership(), formed, linked)
      .when((partnership) =>
        partnership.unlinkAction(
          { actionId: 'a3.2', reason: 'Delivered citywide', effectiveOn: '2024-02-19' },
          lead,
        ),
      )
      .thenRefuses('ward-partnership.unlink-before-linked', 'effectiveOn');
    given(abbeyPartnership(), formed, linked)
      .when((partnership) =>
        partnership.unlinkAction({ actionId: 'a3.2', reason: 'Delivered citywide' }, lead),
      )
      .then(at('PartnershipActionUnlinked', TODAY, { actionId: 'a3.2', reason: 'Delivered citywide' }));
    given(abbeyPartnership(), formed)
      .when((partnership) => partnership.unlinkAction({ actionId: 'a3.2', reason: 'x' }, lead))
      .thenRefuses('ward-partnership.action-not-linked', 'actionId');
  });
});

describe('every change', () => {
  it('needs the partnership to exist', () => {
    given(abbeyPartnership())
      .when((partnership) => partnership.agreePriority({ priorityId: 'p1', title: 'Jobs' }, by()))
      .thenRefuses('ward-partnership.not-formed');
  });

  it('takes effect on one day, so one append has one effective date', () => {
    const partnership = abbeyPartnership().rehydrate([formed]);
    partnership.joinGroup({ role: 'member', effectiveOn: '2024-02-01' }, trec, lead);
    expect(partnership.getUncommittedEvents().map((event) => partnership.effectiveOnOf(event))).toEqual([
      '2024-02-01',
    ]);
  });
});
