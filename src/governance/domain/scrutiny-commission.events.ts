import type { IsoDate } from '../../common/domain/dates.js';
import type { DomainEvent } from '../../common/domain/event-sourced-aggregate.js';

export const MEMBER_ROLES = ['chair', 'vice-chair', 'member', 'co-opted-member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const AGENDA_ITEM_KINDS = ['report-request', 'decision', 'other'] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

/** Every event carries its commission's id and the day it took effect, `effectiveOn` (never later than today). */
type Data<D> = { commissionId: string; effectiveOn: IsoDate } & D;

export type ScrutinyCommissionEstablished = DomainEvent<
  'ScrutinyCommissionEstablished',
  Data<{ name: string; remit: string }>
>;
export type CommissionRemitChanged = DomainEvent<
  'CommissionRemitChanged',
  Data<{ name: string; remit: string; reason: string }>
>;
export type CommissionMemberAppointed = DomainEvent<
  'CommissionMemberAppointed',
  Data<{ memberId: string; name: string; role: MemberRole }>
>;
export type CommissionMemberRoleChanged = DomainEvent<
  'CommissionMemberRoleChanged',
  Data<{ memberId: string; previousRole: MemberRole; role: MemberRole }>
>;
export type CommissionMemberStoodDown = DomainEvent<
  'CommissionMemberStoodDown',
  Data<{ memberId: string; reason: string | null }>
>;
/** `date` is the meeting's, and may be ahead of `effectiveOn`, the day it was scheduled. */
export type CommissionMeetingScheduled = DomainEvent<
  'CommissionMeetingScheduled',
  Data<{ meetingId: string; date: IsoDate; title: string; venue: string | null }>
>;
export type CommissionMeetingRescheduled = DomainEvent<
  'CommissionMeetingRescheduled',
  Data<{ meetingId: string; previousDate: IsoDate; date: IsoDate; reason: string }>
>;
export type CommissionMeetingCancelled = DomainEvent<
  'CommissionMeetingCancelled',
  Data<{ meetingId: string; reason: string }>
>;
export type AgendaItemAdded = DomainEvent<
  'AgendaItemAdded',
  Data<{
    meetingId: string;
    itemId: string;
    number: number;
    title: string;
    refersTo: { kind: AgendaItemKind; id: string | null };
  }>
>;
export type ScrutinyCommissionDissolved = DomainEvent<
  'ScrutinyCommissionDissolved',
  Data<{ reason: string }>
>;

export type ScrutinyCommissionEvent =
  | ScrutinyCommissionEstablished
  | CommissionRemitChanged
  | CommissionMemberAppointed
  | CommissionMemberRoleChanged
  | CommissionMemberStoodDown
  | CommissionMeetingScheduled
  | CommissionMeetingRescheduled
  | CommissionMeetingCancelled
  | AgendaItemAdded
  | ScrutinyCommissionDissolved;
