import { isIsoDate, longDate, type IsoDate } from '../../common/domain/dates.js';
import { DomainError, refuse } from '../../common/domain/domain-error.js';
import { EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import {
  effectiveDay,
  optionalText,
  refuseIfBefore,
  requireCount,
  requireDate,
  requireText,
  type Decision,
} from './checks.js';
import { parseWardCode } from './gss-code.js';
import { LIMITS } from './limits.js';
import type { Organisation } from './organisation.aggregate.js';
import { assertMayChangeWardPartnership, assertMayFormWardPartnership } from './policy.js';
import {
  MEETING_CADENCES,
  MEMBER_ROLES,
  type Councillor,
  type MeetingCadence,
  type MemberRole,
  type PartnershipStatus,
  type PriorityStatus,
} from './values.js';
import type { Ward } from './ward.aggregate.js';
import type {
  KeyGroupJoined,
  KeyGroupLeft,
  KeyGroupRoleChanged,
  MeetingCadenceChanged,
  PartnershipActionLinked,
  PartnershipActionUnlinked,
  PartnershipLeadOfficerChanged,
  PartnershipReviewScheduled,
  PartnershipWardsChanged,
  PriorityAchieved,
  PriorityAgreed,
  PriorityDropped,
  WardCouncillorsChanged,
  WardPartnershipActivated,
  WardPartnershipEnded,
  WardPartnershipEvent,
  WardPartnershipFormed,
  WardPartnershipPutUnderReview,
  WardPartnershipReviewed,
} from './ward-partnership.events.js';

export interface Membership {
  readonly organisationId: string;
  readonly organisationName: string;
  readonly role: MemberRole;
  readonly joinedOn: IsoDate;
  readonly roleChangedOn: IsoDate;
  readonly leftOn: IsoDate | null;
}

export interface Priority {
  readonly priorityId: string;
  readonly title: string;
  readonly description: string | null;
  readonly status: PriorityStatus;
  readonly agreedOn: IsoDate;
  /** The day it was achieved or dropped. */
  readonly closedOn: IsoDate | null;
  readonly reason: string | null;
}

export interface LinkedAction {
  readonly actionId: string;
  readonly linkedOn: IsoDate;
  readonly unlinkedOn: IsoDate | null;
}

export interface FormWardPartnershipInput {
  name: string;
  wardCodes: string[];
  leadOfficerId: string;
  meetingCadence: string;
  councillors?: Councillor[];
  effectiveOn?: string | null;
}

/** The facts that each replace the last: a change to one takes effect no earlier than its last change. */
type OrderedFact = 'status' | 'wards' | 'lead' | 'councillors' | 'cadence' | 'review';

const FACT_NAMES: Record<OrderedFact, string> = {
  status: 'status',
  wards: 'wards',
  lead: 'lead officer',
  councillors: 'councillors',
  cadence: 'meeting cadence',
  review: 'planned review',
};

/**
 * The council working with key groups in one or more wards. Its lead officer or an admin changes
 * it; every change takes effect on a day between its start and today; once ended it takes no more.
 * Rules that read other streams (the wards are in force, a group is open) take those aggregates as
 * input, and the handler conditions its append on their versions.
 */
export class WardPartnership extends EventSourcedAggregate<WardPartnershipEvent> {
  readonly streamType = 'ward-partnership';
  name = '';
  wardCodes: string[] = [];
  leadOfficerId = '';
  councillors: Councillor[] = [];
  meetingCadence: MeetingCadence = 'as-needed';
  status: PartnershipStatus = 'forming';
  startedOn: IsoDate = '';
  nextReviewOn: IsoDate | null = null;
  endedOn: IsoDate | null = null;
  memberships: Membership[] = [];
  priorities: Priority[] = [];
  actions: LinkedAction[] = [];
  private readonly lastChangedOn = new Map<OrderedFact, IsoDate>();

  effectiveOnOf(event: WardPartnershipEvent): IsoDate {
    return event.data.effectiveOn;
  }

  get currentMembers(): Membership[] {
    return this.memberships.filter((membership) => membership.leftOn === null);
  }

  form(input: FormWardPartnershipInput, wards: readonly Ward[], by: Decision): void {
    const leadOfficerId = requireText(LIMITS.leadOfficerId, input.leadOfficerId, 'leadOfficerId');
    assertMayFormWardPartnership(by.actor, leadOfficerId);
    if (this.exists)
      throw new DomainError('ward-partnership.exists', 'This ward partnership already exists', 'conflict');
    const effectiveOn = effectiveDay(input.effectiveOn, by.today);
    this.apply({
      type: 'WardPartnershipFormed',
      data: {
        partnershipId: this.id,
        name: requireText(LIMITS.partnershipName, input.name, 'name'),
        wardCodes: wardsInForce(input.wardCodes, wards, effectiveOn),
        leadOfficerId,
        meetingCadence: requireCadence(input.meetingCadence),
        councillors: councillorList(input.councillors),
        effectiveOn,
      },
    });
  }

  /** Becomes active only where every one of its wards is in force on that day. */
  activate(input: { effectiveOn?: string | null }, wards: readonly Ward[], by: Decision): void {
    const effectiveOn = this.changeOn('status', input.effectiveOn, by);
    if (this.status !== 'forming')
      refuse(
        'ward-partnership.not-forming',
        `This partnership is ${this.status}; only a forming one is activated`,
      );
    wardsInForce(this.wardCodes, wards, effectiveOn);
    this.apply({ type: 'WardPartnershipActivated', data: { partnershipId: this.id, effectiveOn } });
  }

  putUnderReview(input: { reason: string; effectiveOn?: string | null }, by: Decision): void {
    const effectiveOn = this.changeOn('status', input.effectiveOn, by);
    if (this.status !== 'active')
      refuse(
        'ward-partnership.not-active',
        `This partnership is ${this.status}; only an active one is put under review`,
      );
    this.apply({
      type: 'WardPartnershipPutUnderReview',
      data: {
        partnershipId: this.id,
        reason: requireText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  /** A review held: it carries on, active (so its wards must be in force), with the next review planned or not. */
  review(
    input: { findings: string; nextReviewOn?: string | null; effectiveOn?: string | null },
    wards: readonly Ward[],
    by: Decision,
  ): void {
    const effectiveOn = this.changeOn('status', input.effectiveOn, by);
    if (this.status !== 'active' && this.status !== 'under-review')
      refuse(
        'ward-partnership.not-reviewable',
        `This partnership is ${this.status}; reviews are of active partnerships`,
      );
    wardsInForce(this.wardCodes, wards, effectiveOn);
    const findings = requireText(LIMITS.reason, input.findings, 'findings');
    const nextReviewOn = input.nextReviewOn ? plannedReview(input.nextReviewOn, effectiveOn) : null;
    this.apply({
      type: 'WardPartnershipReviewed',
      data: { partnershipId: this.id, findings, nextReviewOn, effectiveOn },
    });
  }

  end(input: { reason: string; effectiveOn?: string | null }, by: Decision): void {
    const effectiveOn = this.changeOn('status', input.effectiveOn, by);
    const latest = this.latestEffectiveOn;
    refuseIfBefore(
      effectiveOn,
      latest,
      'ward-partnership.end-before-last-change',
      `A change to this partnership took effect on ${longDate(latest)}: it cannot end before`,
    );
    this.apply({
      type: 'WardPartnershipEnded',
      data: {
        partnershipId: this.id,
        reason: requireText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  /**
   * Plans the next review. The one date of this context that may be in the future: a plan is for a
   * day on or after the day it is made (today, unless the plan is being entered after the fact).
   */
  scheduleReview(input: { nextReviewOn: string; effectiveOn?: string | null }, by: Decision): void {
    const effectiveOn = this.changeOn('review', input.effectiveOn, by);
    const nextReviewOn = plannedReview(input.nextReviewOn, effectiveOn);
    if (nextReviewOn === this.nextReviewOn)
      refuse(
        'ward-partnership.review-unchanged',
        `The next review is already planned for ${longDate(nextReviewOn)}`,
        'nextReviewOn',
      );
    this.apply({
      type: 'PartnershipReviewScheduled',
      data: { partnershipId: this.id, previousNextReviewOn: this.nextReviewOn, nextReviewOn, effectiveOn },
    });
  }

  /** After a boundary change the partnership moves to the successor wards, which must be in force. */
  changeWards(
    input: { wardCodes: string[]; reason: string; effectiveOn?: string | null },
    wards: readonly Ward[],
    by: Decision,
  ): void {
    const effectiveOn = this.changeOn('wards', input.effectiveOn, by);
    const wardCodes = wardsInForce(input.wardCodes, wards, effectiveOn);
    const added = wardCodes.filter((code) => !this.wardCodes.includes(code));
    const removed = this.wardCodes.filter((code) => !wardCodes.includes(code));
    if (added.length === 0 && removed.length === 0)
      refuse(
        'ward-partnership.wards-unchanged',
        'The partnership is already in exactly these wards',
        'wardCodes',
      );
    this.apply({
      type: 'PartnershipWardsChanged',
      data: {
        partnershipId: this.id,
        wardCodes,
        added,
        removed,
        reason: requireText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  changeLeadOfficer(
    input: { leadOfficerId: string; reason: string; effectiveOn?: string | null },
    by: Decision,
  ): void {
    const effectiveOn = this.changeOn('lead', input.effectiveOn, by);
    const leadOfficerId = requireText(LIMITS.leadOfficerId, input.leadOfficerId, 'leadOfficerId');
    if (leadOfficerId === this.leadOfficerId)
      refuse('ward-partnership.same-lead', 'This officer already leads the partnership', 'leadOfficerId');
    this.apply({
      type: 'PartnershipLeadOfficerChanged',
      data: {
        partnershipId: this.id,
        previousLeadOfficerId: this.leadOfficerId,
        leadOfficerId,
        reason: requireText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  changeCouncillors(input: { councillors: Councillor[]; effectiveOn?: string | null }, by: Decision): void {
    const effectiveOn = this.changeOn('councillors', input.effectiveOn, by);
    const councillors = councillorList(input.councillors);
    if (JSON.stringify(councillors) === JSON.stringify(this.councillors))
      refuse('ward-partnership.councillors-unchanged', 'These are already its councillors', 'councillors');
    this.apply({
      type: 'WardCouncillorsChanged',
      data: { partnershipId: this.id, councillors, effectiveOn },
    });
  }

  changeMeetingCadence(input: { meetingCadence: string; effectiveOn?: string | null }, by: Decision): void {
    const effectiveOn = this.changeOn('cadence', input.effectiveOn, by);
    const meetingCadence = requireCadence(input.meetingCadence);
    if (meetingCadence === this.meetingCadence)
      refuse('ward-partnership.cadence-unchanged', `It already meets ${meetingCadence}`, 'meetingCadence');
    this.apply({
      type: 'MeetingCadenceChanged',
      data: {
        partnershipId: this.id,
        previousMeetingCadence: this.meetingCadence,
        meetingCadence,
        effectiveOn,
      },
    });
  }

  /**
   * A key group joins. It cannot be a member twice at once: not while it is a member, and not on a
   * day before it last left. The organisation must be open and registered by that day; the handler
   * conditions the append on its stream's version.
   */
  joinGroup(
    input: { role: string; effectiveOn?: string | null },
    organisation: Organisation,
    by: Decision,
  ): void {
    const effectiveOn = this.changeOn(null, input.effectiveOn, by);
    if (!organisation.exists)
      refuse('ward-partnership.organisation-unknown', 'No organisation has that id', 'organisationId');
    if (organisation.isClosed)
      refuse(
        'ward-partnership.organisation-closed',
        `${organisation.name} is ${organisation.status} and cannot join a partnership`,
        'organisationId',
      );
    const role = requireRole(input.role);
    const past = this.memberships.filter((membership) => membership.organisationId === organisation.id);
    if (past.some((membership) => membership.leftOn === null))
      refuse(
        'ward-partnership.already-a-member',
        `${organisation.name} is already a member of this partnership`,
        'organisationId',
      );
    refuseIfBefore(
      effectiveOn,
      organisation.registeredOn,
      'ward-partnership.before-organisation-registered',
      `${organisation.name} was registered on ${longDate(organisation.registeredOn)}: it cannot join before`,
    );
    const lastLeft = past
      .map((membership) => membership.leftOn!)
      .sort()
      .at(-1);
    if (lastLeft)
      refuseIfBefore(
        effectiveOn,
        lastLeft,
        'ward-partnership.rejoin-before-left',
        `${organisation.name} left on ${longDate(lastLeft)}: it can rejoin from that day, not before`,
      );
    this.apply({
      type: 'KeyGroupJoined',
      data: {
        partnershipId: this.id,
        organisationId: organisation.id,
        organisationName: organisation.name,
        role,
        effectiveOn,
      },
    });
  }

  leaveGroup(
    input: { organisationId: string; reason: string; effectiveOn?: string | null },
    by: Decision,
  ): void {
    const effectiveOn = this.changeOn(null, input.effectiveOn, by);
    const membership = this.currentMembership(input.organisationId);
    refuseIfBefore(
      effectiveOn,
      membership.roleChangedOn,
      'ward-partnership.before-membership-change',
      `${membership.organisationName}'s membership last changed on ${longDate(membership.roleChangedOn)}: it cannot leave before`,
    );
    this.apply({
      type: 'KeyGroupLeft',
      data: {
        partnershipId: this.id,
        organisationId: membership.organisationId,
        reason: requireText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  changeGroupRole(
    input: { organisationId: string; role: string; reason?: string | null; effectiveOn?: string | null },
    by: Decision,
  ): void {
    const effectiveOn = this.changeOn(null, input.effectiveOn, by);
    const membership = this.currentMembership(input.organisationId);
    const role = requireRole(input.role);
    if (role === membership.role)
      refuse('ward-partnership.same-role', `${membership.organisationName} is already ${role}`, 'role');
    refuseIfBefore(
      effectiveOn,
      membership.roleChangedOn,
      'ward-partnership.before-membership-change',
      `${membership.organisationName}'s membership last changed on ${longDate(membership.roleChangedOn)}: a new role cannot take effect before`,
    );
    this.apply({
      type: 'KeyGroupRoleChanged',
      data: {
        partnershipId: this.id,
        organisationId: membership.organisationId,
        previousRole: membership.role,
        role,
        reason: optionalText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  agreePriority(
    input: { priorityId: string; title: string; description?: string | null; effectiveOn?: string | null },
    by: Decision,
  ): void {
    const effectiveOn = this.changeOn(null, input.effectiveOn, by);
    if (!input.priorityId || this.priorities.some((priority) => priority.priorityId === input.priorityId))
      throw new DomainError(
        'ward-partnership.priority-exists',
        'This priority is already recorded',
        'conflict',
      );
    const title = requireText(LIMITS.priorityTitle, input.title, 'title');
    const agreed = this.priorities.filter((priority) => priority.status === 'agreed');
    if (agreed.some((priority) => priority.title.toLowerCase() === title.toLowerCase()))
      refuse('ward-partnership.priority-duplicate', `"${title}" is already an agreed priority`, 'title');
    if (agreed.length >= LIMITS.priorities.max)
      refuse(
        `${LIMITS.priorities.thing}.too-many`,
        `No more than ${LIMITS.priorities.max} ${LIMITS.priorities.label}: mark one achieved or dropped first`,
        'title',
      );
    this.apply({
      type: 'PriorityAgreed',
      data: {
        partnershipId: this.id,
        priorityId: input.priorityId,
        title,
        description: optionalText(LIMITS.priorityDescription, input.description, 'description'),
        effectiveOn,
      },
    });
  }

  achievePriority(
    input: { priorityId: string; reason?: string | null; effectiveOn?: string | null },
    by: Decision,
  ): void {
    const { effectiveOn, priority } = this.closePriority(input, by);
    this.apply({
      type: 'PriorityAchieved',
      data: {
        partnershipId: this.id,
        priorityId: priority.priorityId,
        reason: optionalText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  dropPriority(
    input: { priorityId: string; reason: string; effectiveOn?: string | null },
    by: Decision,
  ): void {
    const { effectiveOn, priority } = this.closePriority(input, by);
    this.apply({
      type: 'PriorityDropped',
      data: {
        partnershipId: this.id,
        priorityId: priority.priorityId,
        reason: requireText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  linkAction(input: { actionId: string; effectiveOn?: string | null }, by: Decision): void {
    const effectiveOn = this.changeOn(null, input.effectiveOn, by);
    if (!input.actionId)
      refuse('ward-partnership.action-required', 'Which action does it deliver?', 'actionId');
    const links = this.actions.filter((link) => link.actionId === input.actionId);
    if (links.some((link) => link.unlinkedOn === null))
      refuse(
        'ward-partnership.action-already-linked',
        'The partnership already delivers this action',
        'actionId',
      );
    const lastUnlinked = links
      .map((link) => link.unlinkedOn!)
      .sort()
      .at(-1);
    if (lastUnlinked)
      refuseIfBefore(
        effectiveOn,
        lastUnlinked,
        'ward-partnership.relink-before-unlinked',
        `The action was unlinked on ${longDate(lastUnlinked)}: it can be linked again from that day, not before`,
      );
    this.apply({
      type: 'PartnershipActionLinked',
      data: { partnershipId: this.id, actionId: input.actionId, effectiveOn },
    });
  }

  unlinkAction(input: { actionId: string; reason: string; effectiveOn?: string | null }, by: Decision): void {
    const effectiveOn = this.changeOn(null, input.effectiveOn, by);
    const link = this.actions.find(
      (candidate) => candidate.actionId === input.actionId && candidate.unlinkedOn === null,
    );
    if (!link)
      refuse(
        'ward-partnership.action-not-linked',
        'The partnership does not deliver this action',
        'actionId',
      );
    refuseIfBefore(
      effectiveOn,
      link.linkedOn,
      'ward-partnership.unlink-before-linked',
      `The action was linked on ${longDate(link.linkedOn)}: it cannot be unlinked before`,
    );
    this.apply({
      type: 'PartnershipActionUnlinked',
      data: {
        partnershipId: this.id,
        actionId: link.actionId,
        reason: requireText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  /**
   * Every change: to a partnership that exists and has not ended, by its lead officer or an admin,
   * on a day from its start to today, and (for a fact each change replaces) not before its last change.
   */
  private changeOn(fact: OrderedFact | null, raw: string | null | undefined, by: Decision): IsoDate {
    if (!this.exists) refuse('ward-partnership.not-formed', 'This ward partnership has not been formed');
    assertMayChangeWardPartnership(by.actor, this);
    if (this.status === 'ended')
      refuse(
        'ward-partnership.ended',
        `This partnership ended on ${longDate(this.endedOn!)} and takes no further changes`,
      );
    const on = effectiveDay(raw, by.today);
    refuseIfBefore(
      on,
      this.startedOn,
      'ward-partnership.before-start',
      `The partnership started on ${longDate(this.startedOn)}: nothing about it can take effect before`,
    );
    const last = fact && this.lastChangedOn.get(fact);
    if (fact && last)
      refuseIfBefore(
        on,
        last,
        'ward-partnership.before-last-change',
        `Its ${FACT_NAMES[fact]} last changed on ${longDate(last)}: a change to it cannot take effect before`,
      );
    return on;
  }

  private currentMembership(organisationId: string): Membership {
    const membership = this.memberships.find(
      (candidate) => candidate.organisationId === organisationId && candidate.leftOn === null,
    );
    if (!membership)
      refuse(
        'ward-partnership.not-a-member',
        'That organisation is not a member of this partnership',
        'organisationId',
      );
    return membership;
  }

  private closePriority(input: { priorityId: string; effectiveOn?: string | null }, by: Decision) {
    const effectiveOn = this.changeOn(null, input.effectiveOn, by);
    const priority = this.priorities.find((candidate) => candidate.priorityId === input.priorityId);
    if (!priority)
      refuse('ward-partnership.priority-unknown', 'The partnership has no such priority', 'priorityId');
    if (priority.status !== 'agreed')
      refuse(
        'ward-partnership.priority-closed',
        `This priority was ${priority.status} on ${longDate(priority.closedOn!)}`,
        'priorityId',
      );
    refuseIfBefore(
      effectiveOn,
      priority.agreedOn,
      'ward-partnership.before-priority-agreed',
      `The priority was agreed on ${longDate(priority.agreedOn)}: it cannot be achieved or dropped before`,
    );
    return { effectiveOn, priority };
  }

  protected onWardPartnershipFormed({ data }: WardPartnershipFormed): void {
    this.name = data.name;
    this.wardCodes = data.wardCodes;
    this.leadOfficerId = data.leadOfficerId;
    this.meetingCadence = data.meetingCadence;
    this.councillors = data.councillors;
    this.startedOn = data.effectiveOn;
  }

  protected onWardPartnershipActivated({ data }: WardPartnershipActivated): void {
    this.status = 'active';
    this.lastChangedOn.set('status', data.effectiveOn);
  }

  protected onWardPartnershipPutUnderReview({ data }: WardPartnershipPutUnderReview): void {
    this.status = 'under-review';
    this.lastChangedOn.set('status', data.effectiveOn);
  }

  protected onWardPartnershipReviewed({ data }: WardPartnershipReviewed): void {
    this.status = 'active';
    this.nextReviewOn = data.nextReviewOn;
    this.lastChangedOn.set('status', data.effectiveOn);
    this.lastChangedOn.set('review', data.effectiveOn);
  }

  protected onWardPartnershipEnded({ data }: WardPartnershipEnded): void {
    this.status = 'ended';
    this.endedOn = data.effectiveOn;
  }

  protected onPartnershipReviewScheduled({ data }: PartnershipReviewScheduled): void {
    this.nextReviewOn = data.nextReviewOn;
    this.lastChangedOn.set('review', data.effectiveOn);
  }

  protected onPartnershipWardsChanged({ data }: PartnershipWardsChanged): void {
    this.wardCodes = data.wardCodes;
    this.lastChangedOn.set('wards', data.effectiveOn);
  }

  protected onPartnershipLeadOfficerChanged({ data }: PartnershipLeadOfficerChanged): void {
    this.leadOfficerId = data.leadOfficerId;
    this.lastChangedOn.set('lead', data.effectiveOn);
  }

  protected onWardCouncillorsChanged({ data }: WardCouncillorsChanged): void {
    this.councillors = data.councillors;
    this.lastChangedOn.set('councillors', data.effectiveOn);
  }

  protected onMeetingCadenceChanged({ data }: MeetingCadenceChanged): void {
    this.meetingCadence = data.meetingCadence;
    this.lastChangedOn.set('cadence', data.effectiveOn);
  }

  protected onKeyGroupJoined({ data }: KeyGroupJoined): void {
    this.memberships = [
      ...this.memberships,
      {
        organisationId: data.organisationId,
        organisationName: data.organisationName,
        role: data.role,
        joinedOn: data.effectiveOn,
        roleChangedOn: data.effectiveOn,
        leftOn: null,
      },
    ];
  }

  protected onKeyGroupLeft({ data }: KeyGroupLeft): void {
    this.memberships = this.memberships.map((membership) =>
      membership.organisationId === data.organisationId && membership.leftOn === null
        ? { ...membership, leftOn: data.effectiveOn }
        : membership,
    );
  }

  protected onKeyGroupRoleChanged({ data }: KeyGroupRoleChanged): void {
    this.memberships = this.memberships.map((membership) =>
      membership.organisationId === data.organisationId && membership.leftOn === null
        ? { ...membership, role: data.role, roleChangedOn: data.effectiveOn }
        : membership,
    );
  }

  protected onPriorityAgreed({ data }: PriorityAgreed): void {
    this.priorities = [
      ...this.priorities,
      {
        priorityId: data.priorityId,
        title: data.title,
        description: data.description,
        status: 'agreed',
        agreedOn: data.effectiveOn,
        closedOn: null,
        reason: null,
      },
    ];
  }

  protected onPriorityAchieved({ data }: PriorityAchieved): void {
    this.closeOn(data.priorityId, 'achieved', data.effectiveOn, data.reason);
  }

  protected onPriorityDropped({ data }: PriorityDropped): void {
    this.closeOn(data.priorityId, 'dropped', data.effectiveOn, data.reason);
  }

  protected onPartnershipActionLinked({ data }: PartnershipActionLinked): void {
    this.actions = [
      ...this.actions,
      { actionId: data.actionId, linkedOn: data.effectiveOn, unlinkedOn: null },
    ];
  }

  protected onPartnershipActionUnlinked({ data }: PartnershipActionUnlinked): void {
    this.actions = this.actions.map((link) =>
      link.actionId === data.actionId && link.unlinkedOn === null
        ? { ...link, unlinkedOn: data.effectiveOn }
        : link,
    );
  }

  private closeOn(priorityId: string, status: PriorityStatus, on: IsoDate, reason: string | null): void {
    this.priorities = this.priorities.map((priority) =>
      priority.priorityId === priorityId ? { ...priority, status, closedOn: on, reason } : priority,
    );
  }
}

/**
 * The wards a partnership is in, each recorded and in force on the day: no partnership forms or
 * becomes active in a ward whose code has ended (or had not yet started).
 */
function wardsInForce(
  rawCodes: readonly string[] | undefined,
  wards: readonly Ward[],
  on: IsoDate,
): string[] {
  const codes = [
    ...new Set(
      requireCount(LIMITS.partnershipWards, rawCodes, 'wardCodes').map((code, index) =>
        parseWardCode(code, `wardCodes[${index}]`),
      ),
    ),
  ];
  codes.forEach((code, index) => {
    const ward = wards.find((candidate) => candidate.id === code);
    if (!ward?.exists)
      refuse('ward-partnership.ward-unknown', `No ward ${code} is recorded`, `wardCodes[${index}]`);
    if (!ward.isInForceOn(on))
      refuse(
        'ward-partnership.ward-not-in-force',
        ward.endedOn !== null && on >= ward.endedOn
          ? `${ward.name} (${code}) ended on ${longDate(ward.endedOn)}, in a boundary change; its successors are ${ward.successors.join(', ') || 'not recorded'}`
          : `${ward.name} (${code}) came into force on ${longDate(ward.validFrom)}, after ${longDate(on)}`,
        `wardCodes[${index}]`,
      );
  });
  return codes;
}

/** A planned review: on or after the day it is planned, and within the horizon of the limits table. */
function plannedReview(raw: string, plannedOn: IsoDate): IsoDate {
  const day = requireDate(raw, 'nextReviewOn', 'The date of the next review');
  if (day < plannedOn)
    refuse(
      'ward-partnership.review-in-past',
      `The next review must be on or after ${longDate(plannedOn)}, the day it is planned`,
      'nextReviewOn',
    );
  const horizon = addYears(plannedOn, LIMITS.reviewHorizonYears);
  if (day > horizon)
    refuse(
      'ward-partnership.review-too-far',
      `The next review must be within ${LIMITS.reviewHorizonYears} years, by ${longDate(horizon)}`,
      'nextReviewOn',
    );
  return day;
}

function addYears(day: IsoDate, years: number): IsoDate {
  const year = String(Number(day.slice(0, 4)) + years);
  // 29 February, years later, is 28 February when that year has no 29th.
  return isIsoDate(`${year}${day.slice(4)}`) ? `${year}${day.slice(4)}` : `${year}-02-28`;
}

function requireCadence(cadence: string): MeetingCadence {
  if (!MEETING_CADENCES.includes(cadence as MeetingCadence))
    refuse(
      'ward-partnership.cadence-invalid',
      `The meeting cadence must be one of ${MEETING_CADENCES.join(', ')}`,
      'meetingCadence',
    );
  return cadence as MeetingCadence;
}

function requireRole(role: string): MemberRole {
  if (!MEMBER_ROLES.includes(role as MemberRole))
    refuse(
      'ward-partnership.role-invalid',
      `A key group's role is one of ${MEMBER_ROLES.join(', ')}`,
      'role',
    );
  return role as MemberRole;
}

function councillorList(councillors: readonly Councillor[] | undefined): Councillor[] {
  return requireCount(LIMITS.councillors, councillors, 'councillors').map((councillor, index) => ({
    name: requireText(LIMITS.councillorName, councillor?.name, `councillors[${index}].name`),
    role: requireText(LIMITS.councillorRole, councillor?.role, `councillors[${index}].role`),
  }));
}
