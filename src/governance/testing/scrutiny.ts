import type {
  CommissionMeetingScheduled,
  ScrutinyCommissionEstablished,
  ScrutinyCommissionEvent,
} from '../domain/scrutiny-commission.events.js';

const at = <E extends ScrutinyCommissionEvent>(type: E['type'], effectiveOn: string, data: object = {}) =>
  ({ type, data: { commissionId: 'nsci', ...data, effectiveOn } }) as E;

/** Leicester's Neighbourhood Services and Community Involvement Scrutiny Commission, as these specs know it. */
export const established = at<ScrutinyCommissionEstablished>('ScrutinyCommissionEstablished', '2023-05-25', {
  name: 'Neighbourhood Services and Community Involvement Scrutiny Commission',
  remit: 'Neighbourhood services, community involvement and the voluntary and community sector',
});
export const chairAppointed = at('CommissionMemberAppointed', '2023-05-25', {
  memberId: 'm1',
  name: 'Cllr Chair',
  role: 'chair',
});
export const memberAppointed = at('CommissionMemberAppointed', '2023-05-25', {
  memberId: 'm2',
  name: 'Cllr Member',
  role: 'member',
});
export const mayMeeting = at<CommissionMeetingScheduled>('CommissionMeetingScheduled', '2024-01-10', {
  meetingId: 'meeting-2024-05-08',
  date: '2024-05-08',
  title: 'Neighbourhood Services and Community Involvement Scrutiny Commission',
  venue: 'City Hall',
});
export const julyMeeting = at<CommissionMeetingScheduled>('CommissionMeetingScheduled', '2024-01-10', {
  meetingId: 'meeting-2024-07-10',
  date: '2024-07-10',
  title: 'Neighbourhood Services and Community Involvement Scrutiny Commission',
  venue: null,
});
export const commissionHistory = [established, chairAppointed, memberAppointed, mayMeeting, julyMeeting];
export { at as commissionEvent };
