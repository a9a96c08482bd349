import { given } from '../../../libs/testing/given-when-then.js';
import { by, people } from '../testing/fixtures.js';
import { commissionEvent, commissionHistory, established, mayMeeting } from '../testing/scrutiny.js';
import { ScrutinyCommission } from './scrutiny-commission.aggregate.js';

const nsci = () => new ScrutinyCommission('nsci');

describe('a scrutiny commission and its members', () => {
  it('is established with its name and remit', () => {
    given(nsci())
      .when((commission) =>
        commission.establish(
          { name: established.data.name, remit: established.data.remit, effectiveOn: '2023-05-25' },
          by(),
        ),
      )
      .then(established);
  });

  it('appoints members by name and role', () => {
    given(nsci(), established)
      .when((commission) =>
        commission.appointMember(
          { memberId: 'm3', name: 'Cllr Co', role: 'vice-chair', effectiveOn: '2023-06-01' },
          by(),
        ),
      )
      .then(
        commissionEvent('CommissionMemberAppointed', '2023-06-01', {
          memberId: 'm3',
          name: 'Cllr Co',
          role: 'vice-chair',
        }),
      );
  });

  it.each([
    [{ role: 'chair' }, 'commission.chair-taken', 'role'],
    [{ name: 'cllr member' }, 'commission.member-serving', 'name'],
    [{ memberId: 'm2' }, 'commission.member-serving', 'name'],
    [{ role: 'treasurer' }, 'commission.role-invalid', 'role'],
    [{ name: '' }, 'commission.member-name.required', 'name'],
    [{ effectiveOn: '2023-05-24' }, 'commission.before-established', 'effectiveOn'],
    [{ effectiveOn: '2024-07-01' }, 'effectiveOn.in-future', 'effectiveOn'],
  ])('refuses an appointment %j', (change, code, field) => {
    given(nsci(), ...commissionHistory)
      .when((commission) =>
        commission.appointMember({ memberId: 'm9', name: 'Cllr New', role: 'member', ...change }, by()),
      )
      .thenRefuses(code, field);
  });

  it('changes a chair only once the old one has another role or has stood down', () => {
    given(nsci(), ...commissionHistory)
      .when((commission) => commission.changeMemberRole({ memberId: 'm2', role: 'chair' }, by()))
      .thenRefuses('commission.chair-taken', 'role');
    given(
      nsci(),
      ...commissionHistory,
      commissionEvent('CommissionMemberStoodDown', '2024-05-20', { memberId: 'm1', reason: null }),
    )
      .when((commission) =>
        commission.changeMemberRole({ memberId: 'm2', role: 'chair', effectiveOn: '2024-05-20' }, by()),
      )
      .then(
        commissionEvent('CommissionMemberRoleChanged', '2024-05-20', {
          memberId: 'm2',
          previousRole: 'member',
          role: 'chair',
        }),
      );
  });

  it('refuses a member who left standing down again, and a role change before the last', () => {
    given(
      nsci(),
      ...commissionHistory,
      commissionEvent('CommissionMemberStoodDown', '2024-05-20', { memberId: 'm1', reason: null }),
    )
      .when((commission) => commission.standDownMember({ memberId: 'm1' }, by()))
      .thenRefuses('commission.member-unknown', 'memberId');
    given(nsci(), ...commissionHistory)
      .when((commission) =>
        commission.changeMemberRole({ memberId: 'm2', role: 'vice-chair', effectiveOn: '2023-05-24' }, by()),
      )
      .thenRefuses('commission.before-established', 'effectiveOn');
  });

  it('is kept by admins; scrutiny members read it', () => {
    given(nsci(), established)
      .when((commission) =>
        commission.appointMember({ memberId: 'm3', name: 'Cllr Co', role: 'member' }, by(people.scrutiny)),
      )
      .thenRefuses('governance.may-not-keep-the-register');
  });

  it('takes nothing more once dissolved, and is not dissolved before its last change', () => {
    const dissolved = commissionEvent('ScrutinyCommissionDissolved', '2024-06-01', { reason: 'Merged' });
    given(nsci(), ...commissionHistory, dissolved)
      .when((commission) =>
        commission.appointMember({ memberId: 'm3', name: 'Cllr Co', role: 'member' }, by()),
      )
      .thenRefuses('commission.dissolved');
    given(nsci(), ...commissionHistory)
      .when((commission) => commission.dissolve({ reason: 'Merged', effectiveOn: '2023-12-31' }, by()))
      .thenRefuses('commission.dissolved-before-last-change', 'effectiveOn');
  });
});

describe('a commission’s meetings', () => {
  it('schedules a meeting ahead of today: the one day that may be in the future', () => {
    given(nsci(), established)
      .when((commission) =>
        commission.scheduleMeeting(
          { meetingId: 'meeting-2024-09-11', date: '2024-09-11', venue: 'City Hall' },
          by(),
        ),
      )
      .then(
        commissionEvent('CommissionMeetingScheduled', '2024-06-30', {
          meetingId: 'meeting-2024-09-11',
          date: '2024-09-11',
          title: established.data.name,
          venue: 'City Hall',
        }),
      );
  });

  it.each([
    [{ date: '2026-07-01' }, 'commission.meeting-too-far-ahead', 'date'],
    [{ date: '2023-05-24' }, 'commission.meeting-before-established', 'date'],
    [{ date: 'next Tuesday' }, 'date.invalid', 'date'],
    [{ meetingId: 'meeting-2024-05-08' }, 'commission.meeting-exists', 'meetingId'],
  ])('refuses scheduling %j', (change, code, field) => {
    given(nsci(), ...commissionHistory)
      .when((commission) =>
        commission.scheduleMeeting({ meetingId: 'new', date: '2024-09-11', ...change }, by()),
      )
      .thenRefuses(code, field);
  });

  it('reschedules or cancels a meeting not yet held, with a reason', () => {
    given(nsci(), ...commissionHistory)
      .when((commission) =>
        commission.rescheduleMeeting(
          { meetingId: 'meeting-2024-07-10', date: '2024-07-17', reason: 'Clash with Council' },
          by(),
        ),
      )
      .then(
        commissionEvent('CommissionMeetingRescheduled', '2024-06-30', {
          meetingId: 'meeting-2024-07-10',
          previousDate: '2024-07-10',
          date: '2024-07-17',
          reason: 'Clash with Council',
        }),
      );
    given(nsci(), ...commissionHistory)
      .when((commission) => commission.cancelMeeting({ meetingId: 'meeting-2024-05-08', reason: 'x' }, by()))
      .thenRefuses('commission.meeting-held', 'meetingId');
  });

  it('numbers agenda items in order, and refuses them on a cancelled meeting', () => {
    given(nsci(), ...commissionHistory)
      .when((commission) => {
        commission.addAgendaItem(
          {
            meetingId: mayMeeting.data.meetingId,
            itemId: 'i1',
            title: 'Declarations of interest',
            effectiveOn: '2024-04-30',
          },
          by(),
        );
        commission.addAgendaItem(
          {
            meetingId: mayMeeting.data.meetingId,
            itemId: 'i2',
            title: 'VCS support review',
            refersTo: { kind: 'decision', id: 'vcs-review' },
            effectiveOn: '2024-04-30',
          },
          by(),
        );
      })
      .then(
        commissionEvent('AgendaItemAdded', '2024-04-30', {
          meetingId: mayMeeting.data.meetingId,
          itemId: 'i1',
          number: 1,
          title: 'Declarations of interest',
          refersTo: { kind: 'other', id: null },
        }),
        commissionEvent('AgendaItemAdded', '2024-04-30', {
          meetingId: mayMeeting.data.meetingId,
          itemId: 'i2',
          number: 2,
          title: 'VCS support review',
          refersTo: { kind: 'decision', id: 'vcs-review' },
        }),
      );
    given(
      nsci(),
      ...commissionHistory,
      commissionEvent('CommissionMeetingCancelled', '2024-06-01', {
        meetingId: 'meeting-2024-07-10',
        reason: 'x',
      }),
    )
      .when((commission) =>
        commission.addAgendaItem({ meetingId: 'meeting-2024-07-10', itemId: 'i1', title: 'x' }, by()),
      )
      .thenRefuses('commission.meeting-cancelled', 'meetingId');
    given(nsci(), ...commissionHistory)
      .when((commission) =>
        commission.addAgendaItem(
          { meetingId: 'meeting-2024-07-10', itemId: 'i1', title: 'x', refersTo: { kind: 'decision' } },
          by(),
        ),
      )
      .thenRefuses('commission.agenda-ref.required', 'refersTo.id');
  });
});
