import type { IsoDate } from '../../common/domain/dates.js';
import type { DomainEvent } from '../../common/domain/event-sourced-aggregate.js';
import type { Councillor, MeetingCadence, MemberRole } from './values.js';

/** Every event names the partnership and the day it took effect in the world. */
interface Dated {
  partnershipId: string;
  effectiveOn: IsoDate;
}
type Event<Type extends string, Data = object> = DomainEvent<Type, Dated & Data>;

/** Formed (status forming) on `effectiveOn`, its start date: nothing about it takes effect earlier. */
export type WardPartnershipFormed = Event<
  'WardPartnershipFormed',
  {
    name: string;
    wardCodes: string[];
    leadOfficerId: string;
    meetingCadence: MeetingCadence;
    councillors: Councillor[];
  }
>;
export type WardPartnershipActivated = Event<'WardPartnershipActivated'>;
export type WardPartnershipPutUnderReview = Event<'WardPartnershipPutUnderReview', { reason: string }>;
/** A review held: the partnership carries on, active, with the next review planned or not. */
export type WardPartnershipReviewed = Event<
  'WardPartnershipReviewed',
  { findings: string; nextReviewOn: IsoDate | null }
>;
export type WardPartnershipEnded = Event<'WardPartnershipEnded', { reason: string }>;

export type PartnershipReviewScheduled = Event<
  'PartnershipReviewScheduled',
  { previousNextReviewOn: IsoDate | null; nextReviewOn: IsoDate }
>;
export type PartnershipWardsChanged = Event<
  'PartnershipWardsChanged',
  { wardCodes: string[]; added: string[]; removed: string[]; reason: string }
>;
export type PartnershipLeadOfficerChanged = Event<
  'PartnershipLeadOfficerChanged',
  { previousLeadOfficerId: string; leadOfficerId: string; reason: string }
>;
export type WardCouncillorsChanged = Event<'WardCouncillorsChanged', { councillors: Councillor[] }>;
export type MeetingCadenceChanged = Event<
  'MeetingCadenceChanged',
  { previousMeetingCadence: MeetingCadence; meetingCadence: MeetingCadence }
>;

export type KeyGroupJoined = Event<
  'KeyGroupJoined',
  { organisationId: string; organisationName: string; role: MemberRole }
>;
export type KeyGroupLeft = Event<'KeyGroupLeft', { organisationId: string; reason: string }>;
export type KeyGroupRoleChanged = Event<
  'KeyGroupRoleChanged',
  { organisationId: string; previousRole: MemberRole; role: MemberRole; reason: string | null }
>;

export type PriorityAgreed = Event<
  'PriorityAgreed',
  { priorityId: string; title: string; description: string | null }
>;
export type PriorityAchieved = Event<'PriorityAchieved', { priorityId: string; reason: string | null }>;
export type PriorityDropped = Event<'PriorityDropped', { priorityId: string; reason: string }>;

export type PartnershipActionLinked = Event<'PartnershipActionLinked', { actionId: string }>;
export type PartnershipActionUnlinked = Event<
  'PartnershipActionUnlinked',
  { actionId: string; reason: string }
>;

export type WardPartnershipEvent =
  | WardPartnershipFormed
  | WardPartnershipActivated
  | WardPartnershipPutUnderReview
  | WardPartnershipReviewed
  | WardPartnershipEnded
  | PartnershipReviewScheduled
  | PartnershipWardsChanged
  | PartnershipLeadOfficerChanged
  | WardCouncillorsChanged
  | MeetingCadenceChanged
  | KeyGroupJoined
  | KeyGroupLeft
  | KeyGroupRoleChanged
  | PriorityAgreed
  | PriorityAchieved
  | PriorityDropped
  | PartnershipActionLinked
  | PartnershipActionUnlinked;
