import type { IsoDate } from '../../common/domain/dates.js';
import { DomainError, refuse } from '../../common/domain/domain-error.js';
import { EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import {
  addYears,
  effectiveDay,
  optionalText,
  refuseIfBefore,
  requireDate,
  requireId,
  requireOneOf,
  requireText,
  type Acting,
} from './checks.js';
import { LIMITS } from './limits.js';
import { assertMay } from './policy.js';
import {
  AGENDA_ITEM_KINDS,
  MEMBER_ROLES,
  type AgendaItemAdded,
  type AgendaItemKind,
  type CommissionMeetingCancelled,
  type CommissionMeetingRescheduled,
  type CommissionMeetingScheduled,
  type CommissionMemberAppointed,
  type CommissionMemberRoleChanged,
  type CommissionMemberStoodDown,
  type CommissionRemitChanged,
  type MemberRole,
  type ScrutinyCommissionDissolved,
  type ScrutinyCommissionEstablished,
  type ScrutinyCommissionEvent,
} from './scrutiny-commission.events.js';

export interface CommissionMember {
  readonly memberId: string;
  readonly name: string;
  readonly role: MemberRole;
  readonly appointedOn: IsoDate;
  /** The day its role was last set: a later change of it takes effect no earlier. */
  readonly roleSince: IsoDate;
  readonly stoodDownOn: IsoDate | null;
}

export interface AgendaItem {
  readonly itemId: string;
  readonly number: number;
  readonly title: string;
  readonly refersTo: { readonly kind: AgendaItemKind; readonly id: string | null };
}

export interface CommissionMeeting {
  readonly meetingId: string;
  readonly date: IsoDate;
  readonly title: string;
  readonly venue: string | null;
  readonly cancelled: boolean;
  readonly agenda: readonly AgendaItem[];
}

/** Roles one member holds at a time. */
const SINGLE_ROLES: readonly MemberRole[] = ['chair', 'vice-chair'];

/**
 * A scrutiny commission: its remit, its members by name and role, and its meetings with their
 * agendas. Meetings live in the commission's stream: a commission meets a few times a year, a
 * meeting is only ever changed by those who keep the commission, and the report requests that name
 * a meeting read the commission once and condition their append on its version.
 *
 * A meeting's date may be ahead of today (it is scheduled); every other day it records is today or
 * earlier, and no earlier than the commission was established. A meeting is held once its date has
 * passed and it was not cancelled: no event says so.
 */
export class ScrutinyCommission extends EventSourcedAggregate<ScrutinyCommissionEvent> {
  readonly streamType = 'scrutiny-commission';
  name = '';
  remit = '';
  establishedOn: IsoDate = '';
  dissolvedOn: IsoDate | null = null;
  members: CommissionMember[] = [];
  meetings: CommissionMeeting[] = [];

  effectiveOnOf(event: ScrutinyCommissionEvent): IsoDate {
    return event.data.effectiveOn;
  }

  get currentMembers(): CommissionMember[] {
    return this.members.filter((member) => member.stoodDownOn === null);
  }

  meeting(meetingId: string): CommissionMeeting | undefined {
    return this.meetings.find((meeting) => meeting.meetingId === meetingId);
  }

  establish(input: { name: string; remit: string; effectiveOn?: string | null }, by: Acting): void {
    assertMay(by.actor, 'keep-the-register');
    if (this.exists) throw new DomainError('commission.exists', 'This commission already exists', 'conflict');
    this.apply({
      type: 'ScrutinyCommissionEstablished',
      data: {
        commissionId: this.id,
        name: requireText(LIMITS.commissionName, input.name, 'name'),
        remit: requireText(LIMITS.remit, input.remit, 'remit'),
        effectiveOn: effectiveDay(input.effectiveOn, by.today),
      },
    });
  }

  changeRemit(
    input: { name: string; remit: string; reason: string; effectiveOn?: string | null },
    by: Acting,
  ): void {
    const effectiveOn = this.changeOn(input.effectiveOn, by);
    const name = requireText(LIMITS.commissionName, input.name, 'name');
    const remit = requireText(LIMITS.remit, input.remit, 'remit');
    if (name === this.name && remit === this.remit)
      refuse('commission.remit-unchanged', 'The name and remit are the same as they are now', 'remit');
    const reason = requireText(LIMITS.reason, input.reason, 'reason');
    this.apply({
      type: 'CommissionRemitChanged',
      data: { commissionId: this.id, name, remit, reason, effectiveOn },
    });
  }

  appointMember(
    input: { memberId: string; name: string; role: string; effectiveOn?: string | null },
    by: Acting,
  ): void {
    const effectiveOn = this.changeOn(input.effectiveOn, by);
    const memberId = requireId(LIMITS.memberId, input.memberId, 'memberId');
    const name = requireText(LIMITS.commissionMemberName, input.name, 'name');
    const role = requireOneOf(MEMBER_ROLES, input.role, 'commission.role-invalid', 'The role', 'role');
    const serving = this.currentMembers.find(
      (member) => member.memberId === memberId || member.name.toLowerCase() === name.toLowerCase(),
    );
    if (serving)
      refuse(
        'commission.member-serving',
        `${serving.name} already serves on the commission as ${serving.role}`,
        'name',
      );
    this.refuseIfRoleTaken(role, memberId);
    this.apply({
      type: 'CommissionMemberAppointed',
      data: { commissionId: this.id, memberId, name, role, effectiveOn },
    });
  }

  changeMemberRole(input: { memberId: string; role: string; effectiveOn?: string | null }, by: Acting): void {
    const effectiveOn = this.changeOn(input.effectiveOn, by);
    const member = this.servingMember(input.memberId);
    const role = requireOneOf(MEMBER_ROLES, input.role, 'commission.role-invalid', 'The role', 'role');
    if (role === member.role)
      refuse('commission.role-unchanged', `${member.name} is already ${role}`, 'role');
    this.refuseIfRoleTaken(role, member.memberId);
    refuseIfBefore(
      effectiveOn,
      member.roleSince,
      'commission.role-before-last-change',
      (since, on) => `${member.name}’s role was last set on ${since}: a change cannot take effect on ${on}`,
    );
    this.apply({
      type: 'CommissionMemberRoleChanged',
      data: {
        commissionId: this.id,
        memberId: member.memberId,
        previousRole: member.role,
        role,
        effectiveOn,
      },
    });
  }

  standDownMember(
    input: { memberId: string; reason?: string | null; effectiveOn?: string | null },
    by: Acting,
  ): void {
    const effectiveOn = this.changeOn(input.effectiveOn, by);
    const member = this.servingMember(input.memberId);
    refuseIfBefore(
      effectiveOn,
      member.roleSince,
      'commission.stood-down-before-appointed',
      (since, on) => `${member.name} took this role on ${since}: they cannot stand down on ${on}`,
    );
    this.apply({
      type: 'CommissionMemberStoodDown',
      data: {
        commissionId: this.id,
        memberId: member.memberId,
        reason: optionalText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  scheduleMeeting(
    input: {
      meetingId: string;
      date: string;
      title?: string | null;
      venue?: string | null;
      effectiveOn?: string | null;
    },
    by: Acting,
  ): void {
    const effectiveOn = this.changeOn(input.effectiveOn, by);
    const meetingId = requireId(LIMITS.meetingId, input.meetingId, 'meetingId');
    if (this.meeting(meetingId))
      throw new DomainError('commission.meeting-exists', 'That meeting is already scheduled', 'conflict', [
        { field: 'meetingId', message: 'already scheduled' },
      ]);
    this.apply({
      type: 'CommissionMeetingScheduled',
      data: {
        commissionId: this.id,
        meetingId,
        date: this.meetingDate(input.date, effectiveOn),
        title: optionalText(LIMITS.meetingTitle, input.title, 'title') ?? this.name,
        venue: optionalText(LIMITS.venue, input.venue, 'venue'),
        effectiveOn,
      },
    });
  }

  rescheduleMeeting(
    input: { meetingId: string; date: string; reason: string; effectiveOn?: string | null },
    by: Acting,
  ): void {
    const effectiveOn = this.changeOn(input.effectiveOn, by);
    const meeting = this.openMeeting(input.meetingId, effectiveOn, 'rescheduled');
    const date = this.meetingDate(input.date, effectiveOn);
    if (date === meeting.date)
      refuse('commission.meeting-date-unchanged', 'The meeting is already on that day', 'date');
    this.apply({
      type: 'CommissionMeetingRescheduled',
      data: {
        commissionId: this.id,
        meetingId: meeting.meetingId,
        previousDate: meeting.date,
        date,
        reason: requireText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  cancelMeeting(input: { meetingId: string; reason: string; effectiveOn?: string | null }, by: Acting): void {
    const effectiveOn = this.changeOn(input.effectiveOn, by);
    const meeting = this.openMeeting(input.meetingId, effectiveOn, 'cancelled');
    this.apply({
      type: 'CommissionMeetingCancelled',
      data: {
        commissionId: this.id,
        meetingId: meeting.meetingId,
        reason: requireText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  /** Items are numbered in the order they are added; entering an agenda after the meeting is allowed. */
  addAgendaItem(
    input: {
      meetingId: string;
      itemId: string;
      title: string;
      refersTo?: { kind: string; id?: string | null } | null;
      effectiveOn?: string | null;
    },
    by: Acting,
  ): void {
    const effectiveOn = this.changeOn(input.effectiveOn, by);
    const meeting = this.meeting(input.meetingId);
    if (!meeting) refuse('commission.meeting-unknown', 'The commission has no such meeting', 'meetingId');
    if (meeting.cancelled) refuse('commission.meeting-cancelled', 'That meeting was cancelled', 'meetingId');
    const itemId = requireId(LIMITS.itemId, input.itemId, 'itemId');
    if (meeting.agenda.some((item) => item.itemId === itemId))
      throw new DomainError(
        'commission.agenda-item-exists',
        'That item is already on the agenda',
        'conflict',
      );
    if (meeting.agenda.length >= LIMITS.agendaItems)
      refuse('commission.agenda-full', `An agenda has at most ${LIMITS.agendaItems} items`, 'itemId');
    const kind = requireOneOf(
      AGENDA_ITEM_KINDS,
      input.refersTo?.kind ?? 'other',
      'commission.agenda-kind-invalid',
      'What the item is',
      'refersTo.kind',
    );
    const id = kind === 'other' ? null : requireId(LIMITS.agendaRef, input.refersTo?.id, 'refersTo.id');
    this.apply({
      type: 'AgendaItemAdded',
      data: {
        commissionId: this.id,
        meetingId: meeting.meetingId,
        itemId,
        number: meeting.agenda.length + 1,
        title: requireText(LIMITS.agendaTitle, input.title, 'title'),
        refersTo: { kind, id },
        effectiveOn,
      },
    });
  }

  dissolve(input: { reason: string; effectiveOn?: string | null }, by: Acting): void {
    const effectiveOn = this.changeOn(input.effectiveOn, by);
    refuseIfBefore(
      effectiveOn,
      this.latestEffectiveOn,
      'commission.dissolved-before-last-change',
      (last, on) => `The commission last changed on ${last}: it cannot be dissolved before then, on ${on}`,
    );
    this.apply({
      type: 'ScrutinyCommissionDissolved',
      data: {
        commissionId: this.id,
        reason: requireText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  /** A commission that exists and still sits: what a report request needs of it. */
  refuseUnlessSitting(field = 'commissionId'): void {
    if (!this.exists) refuse('commission.unknown', 'No such scrutiny commission', field);
    if (this.dissolvedOn)
      refuse('commission.dissolved', `This commission was dissolved on ${this.dissolvedOn}`, field);
  }

  /** Kept by those who keep the register; today or earlier, after it was established, while it sits. */
  private changeOn(value: unknown, by: Acting): IsoDate {
    assertMay(by.actor, 'keep-the-register');
    this.refuseUnlessSitting('commissionId');
    const effectiveOn = effectiveDay(value, by.today);
    refuseIfBefore(
      effectiveOn,
      this.establishedOn,
      'commission.before-established',
      (established, on) =>
        `The commission was established on ${established}: nothing in it happened on ${on}`,
    );
    return effectiveOn;
  }

  private meetingDate(value: unknown, effectiveOn: IsoDate): IsoDate {
    const date = requireDate(value, 'date', 'The date of the meeting');
    refuseIfBefore(
      date,
      this.establishedOn,
      'commission.meeting-before-established',
      (established, on) => `The commission was established on ${established}: it did not meet on ${on}`,
      'date',
    );
    if (date > addYears(effectiveOn, LIMITS.meetingHorizonYears))
      refuse(
        'commission.meeting-too-far-ahead',
        `A meeting is scheduled at most ${LIMITS.meetingHorizonYears} years ahead`,
        'date',
      );
    return date;
  }

  /** A meeting that can still change: not cancelled, and not already held (its date not passed). */
  private openMeeting(meetingId: string, on: IsoDate, becoming: string): CommissionMeeting {
    const meeting = this.meeting(meetingId);
    if (!meeting) refuse('commission.meeting-unknown', 'The commission has no such meeting', 'meetingId');
    if (meeting.cancelled) refuse('commission.meeting-cancelled', 'That meeting was cancelled', 'meetingId');
    if (meeting.date < on)
      refuse(
        'commission.meeting-held',
        `That meeting was held on ${meeting.date}: it cannot be ${becoming} afterwards`,
        'meetingId',
      );
    return meeting;
  }

  private servingMember(memberId: string): CommissionMember {
    const member = this.currentMembers.find((candidate) => candidate.memberId === memberId);
    if (!member) refuse('commission.member-unknown', 'No such member serves on the commission', 'memberId');
    return member;
  }

  private refuseIfRoleTaken(role: MemberRole, memberId: string): void {
    if (!SINGLE_ROLES.includes(role)) return;
    const holder = this.currentMembers.find((member) => member.role === role && member.memberId !== memberId);
    if (holder)
      refuse(
        `commission.${role}-taken`,
        `${holder.name} is the ${role.replace('-', ' ')}: change their role or stand them down first`,
        'role',
      );
  }

  private changeMeeting(meetingId: string, change: (meeting: CommissionMeeting) => CommissionMeeting): void {
    this.meetings = this.meetings.map((meeting) =>
      meeting.meetingId === meetingId ? change(meeting) : meeting,
    );
  }

  private changeMember(memberId: string, change: (member: CommissionMember) => CommissionMember): void {
    this.members = this.members.map((member) =>
      member.memberId === memberId && member.stoodDownOn === null ? change(member) : member,
    );
  }

  protected onScrutinyCommissionEstablished({ data }: ScrutinyCommissionEstablished): void {
    this.name = data.name;
    this.remit = data.remit;
    this.establishedOn = data.effectiveOn;
  }

  protected onCommissionRemitChanged({ data }: CommissionRemitChanged): void {
    this.name = data.name;
    this.remit = data.remit;
  }

  protected onCommissionMemberAppointed({ data }: CommissionMemberAppointed): void {
    this.members.push({
      memberId: data.memberId,
      name: data.name,
      role: data.role,
      appointedOn: data.effectiveOn,
      roleSince: data.effectiveOn,
      stoodDownOn: null,
    });
  }

  protected onCommissionMemberRoleChanged({ data }: CommissionMemberRoleChanged): void {
    this.changeMember(data.memberId, (member) => ({
      ...member,
      role: data.role,
      roleSince: data.effectiveOn,
    }));
  }

  protected onCommissionMemberStoodDown({ data }: CommissionMemberStoodDown): void {
    this.changeMember(data.memberId, (member) => ({ ...member, stoodDownOn: data.effectiveOn }));
  }

  protected onCommissionMeetingScheduled({ data }: CommissionMeetingScheduled): void {
    this.meetings.push({
      meetingId: data.meetingId,
      date: data.date,
      title: data.title,
      venue: data.venue,
      cancelled: false,
      agenda: [],
    });
  }

  protected onCommissionMeetingRescheduled({ data }: CommissionMeetingRescheduled): void {
    this.changeMeeting(data.meetingId, (meeting) => ({ ...meeting, date: data.date }));
  }

  protected onCommissionMeetingCancelled({ data }: CommissionMeetingCancelled): void {
    this.changeMeeting(data.meetingId, (meeting) => ({ ...meeting, cancelled: true }));
  }

  protected onAgendaItemAdded({ data }: AgendaItemAdded): void {
    this.changeMeeting(data.meetingId, (meeting) => ({
      ...meeting,
      agenda: [
        ...meeting.agenda,
        { itemId: data.itemId, number: data.number, title: data.title, refersTo: data.refersTo },
      ],
    }));
  }

  protected onScrutinyCommissionDissolved({ data }: ScrutinyCommissionDissolved): void {
    this.dissolvedOn = data.effectiveOn;
  }
}
