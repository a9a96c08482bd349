import type { Actor } from '../../common/domain/actor.js';
import type { IsoDate } from '../../common/domain/dates.js';
import { DomainError, forbidden, refuse } from '../../common/domain/domain-error.js';
import { EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import type {
  ActionCancelled,
  ActionCompleted,
  ActionDeferred,
  ActionEvent,
  ActionLeadReassigned,
  ActionPlanned,
  ActionProgressLogged,
  ActionReopened,
  DueDateRevised,
  MilestoneAchieved,
  MilestoneAdded,
} from './action.events.js';
import { effectiveOnOf } from './effective-dates.js';
import type { Pledge } from './pledge.aggregate.js';
import { effectiveDay, optionalText, refuseIfBefore, requireDate, requireText } from './rules.js';
import {
  CLOSED_ACTION_STATUSES,
  ORG_ID,
  RAGS,
  statusForRag,
  type ActionStatus,
  type EvidenceLink,
  type Milestone,
  type PartnerOrganisation,
  type Rag,
} from './values.js';
import { ACTION_STREAM } from './stream-types.js';

export const ACTION_REFERENCE = /^A([1-9]\d{0,2})\.([1-9]\d{0,2})$/;

export interface PlanActionInput {
  reference: string;
  title: string;
  description: string;
  leadOfficerId: string;
  partners: PartnerOrganisation[];
  startDate: string;
  dueDate: string;
  milestones: { id: string; title: string; dueDate: string }[];
  effectiveOn?: string;
}

export interface LogProgressInput {
  narrative: string;
  rag: Rag;
  ragJustification?: string | null;
  percentComplete: number;
  evidence: EvidenceLink[];
  effectiveOn?: string;
}

/** The changes that open or close an action: nothing else about it takes effect before the last. */
type StatusChange = 'planned' | 'completed' | 'cancelled' | 'deferred' | 'reopened';

/**
 * An action under a pledge, led by one officer. Its baseline dates never move: a revised due date
 * is kept beside the baseline so slippage stays visible.
 *
 * Business time. Progress updates are reports, and a missed one may be filed late, so they arrive
 * in any effective order: the RAG, percent and status an action has are those of the update with
 * the latest effective date (the later recorded, on one day), live and "as effective at" alike.
 * Decisions — its status changes, due-date revisions and lead changes — each name what they
 * replace, so each takes effect no earlier than the one before it; and a change that needs the
 * action open takes effect while it was open.
 */
export class Action extends EventSourcedAggregate<ActionEvent> {
  readonly streamType = ACTION_STREAM;
  pledgeId = '';
  strategyId = '';
  reference = '';
  leadOfficerId = '';
  baselineStart: IsoDate = '';
  baselineDue: IsoDate = '';
  currentDue: IsoDate = '';
  status: ActionStatus = 'not-started';
  rag: Rag | null = null;
  percentComplete = 0;
  milestones: Milestone[] = [];
  /** Its last change of status, and the day it took effect. */
  statusChange: { change: StatusChange; on: IsoDate } = { change: 'planned', on: '' };
  /** The day the due date was last set (planned or revised), and the lead last set. */
  dueDateSetOn: IsoDate = '';
  leadSetOn: IsoDate = '';
  /** The effective date of its latest progress update. */
  lastProgressOn: IsoDate | null = null;
  /** Every update's day and RAG, in the order recorded: what the RAG was on any day. */
  private reports: { on: IsoDate; rag: Rag }[] = [];
  private milestoneAddedOn = new Map<string, IsoDate>();

  get isClosed(): boolean {
    return CLOSED_ACTION_STATUSES.includes(this.status);
  }

  /** Officers change only the actions they lead; admins any; scrutiny and auditors none. */
  assertMayChange(actor: Actor): void {
    if (actor.role === 'admin' || actor.role === 'system') return;
    if (actor.role === 'officer' && actor.id === this.leadOfficerId) return;
    forbidden(
      'action.not-your-action',
      actor.role === 'officer'
        ? 'Only the lead officer of this action or an admin can change it'
        : `The ${actor.role} role can read actions but not change them`,
    );
  }

  plan(pledge: Pledge, input: PlanActionInput, today: IsoDate): void {
    if (this.exists)
      throw new DomainError(
        'action.reference-taken',
        `Action ${input.reference} already exists in this strategy`,
        'conflict',
        [{ field: 'reference', message: 'already used in this strategy' }],
      );
    pledge.refuseUnlessActive();
    const reference = ACTION_REFERENCE.exec(input.reference);
    if (!reference)
      refuse(
        'action.reference-invalid',
        'An action reference is A, the pledge number, a dot and a number, such as A3.2 (no leading zeros)',
        'reference',
      );
    if (`P${reference[1]}` !== pledge.reference) {
      refuse(
        'action.reference-mismatch',
        `Actions under pledge ${pledge.reference} are numbered A${pledge.reference.slice(1)}.n`,
        'reference',
      );
    }
    const startDate = requireDate(input.startDate, 'startDate', 'The start date');
    const dueDate = requireDate(input.dueDate, 'dueDate', 'The due date');
    if (dueDate < startDate)
      refuse('action.due-before-start', 'The due date must not be before the start date', 'dueDate');
    const milestones = input.milestones.map((milestone, index) => ({
      id: milestone.id,
      title: requireText(milestone.title, `milestones[${index}].title`, 'Milestone title', 200),
      dueDate: requireDate(milestone.dueDate, `milestones[${index}].dueDate`, 'Milestone due date'),
      achievedOn: null,
    }));
    const effectiveOn = effectiveDay(input.effectiveOn, today, 'The date the action was planned');
    refuseIfBefore(
      effectiveOn,
      pledge.activeSince,
      'action.before-pledge',
      'effectiveOn',
      (since, on) =>
        `Pledge ${pledge.reference} was ${pledge.lastChange === 'reinstated' ? 'reinstated' : 'made'} on ${since}: an action under it cannot be planned on ${on}`,
    );
    this.apply({
      type: 'ActionPlanned',
      data: {
        actionId: this.id,
        strategyId: pledge.strategyId,
        themeId: pledge.themeId,
        pledgeId: pledge.id,
        reference: input.reference,
        title: requireText(input.title, 'title', 'Title', 300),
        description: requireText(input.description, 'description', 'Description', 5000),
        leadOfficerId: input.leadOfficerId,
        partners: input.partners.map((partner, index) => validPartner(partner, index)),
        startDate,
        dueDate,
        milestones,
        effectiveOn,
      },
    });
  }

  logProgress(input: LogProgressInput, today: IsoDate): void {
    this.refuseIfClosed('take no further progress');
    const narrative = requireText(input.narrative, 'narrative', 'What has happened', 5000);
    if (!RAGS.includes(input.rag))
      refuse('action.rag-invalid', 'RAG status must be red, amber or green', 'rag');
    const ragJustification = optionalText(
      input.ragJustification,
      'ragJustification',
      'Why the RAG status changed',
      2000,
    );
    const effectiveOn = this.afterStatusChange(
      effectiveDay(input.effectiveOn, today, 'The date of this update'),
      'an update cannot take effect',
    );
    // The RAG it changes is the one in effect on its day, which for a late report is not the latest.
    const previousRag = this.ragOn(effectiveOn);
    if (previousRag !== null && input.rag !== previousRag && !ragJustification) {
      refuse(
        'action.rag-justification-required',
        `Explain why the RAG status changes from ${previousRag} to ${input.rag}`,
        'ragJustification',
      );
    }
    if (
      !Number.isInteger(input.percentComplete) ||
      input.percentComplete < 0 ||
      input.percentComplete > 100
    ) {
      refuse(
        'action.percent-invalid',
        'Percent complete must be a whole number from 0 to 100',
        'percentComplete',
      );
    }
    this.apply({
      type: 'ActionProgressLogged',
      data: {
        actionId: this.id,
        narrative,
        rag: input.rag,
        previousRag,
        ragJustification,
        percentComplete: input.percentComplete,
        evidence: input.evidence.map((link, index) => validEvidence(link, index)),
        effectiveOn,
      },
    });
  }

  reviseDueDate(input: { newDueDate: string; reason: string; effectiveOn?: string }, today: IsoDate): void {
    this.refuseIfClosed('cannot have their due date revised');
    const newDueDate = requireDate(input.newDueDate, 'newDueDate', 'The new due date');
    const reason = requireText(input.reason, 'reason', 'The reason for the new date');
    if (newDueDate === this.currentDue)
      refuse('action.due-date-unchanged', `The action is already due on ${newDueDate}`, 'newDueDate');
    if (newDueDate < this.baselineStart)
      refuse('action.due-before-start', 'The due date must not be before the start date', 'newDueDate');
    const effectiveOn = this.afterStatusChange(
      effectiveDay(input.effectiveOn, today, 'The date the due date was revised'),
      'its due date cannot be revised',
    );
    // It revises the date the last revision set, so it cannot take effect before that one did.
    refuseIfBefore(
      effectiveOn,
      this.dueDateSetOn,
      'action.due-date-revised-before-last',
      'effectiveOn',
      (last, on) => `The due date was last set on ${last}: a revision of it cannot take effect on ${on}`,
    );
    this.apply({
      type: 'DueDateRevised',
      data: {
        actionId: this.id,
        previousDueDate: this.currentDue,
        newDueDate,
        baselineDueDate: this.baselineDue,
        reason,
        effectiveOn,
      },
    });
  }

  addMilestone(
    input: { id: string; title: string; dueDate: string; effectiveOn?: string },
    today: IsoDate,
  ): void {
    this.refuseIfClosed('take no new milestones');
    const milestone = {
      id: input.id,
      title: requireText(input.title, 'title', 'Milestone title', 200),
      dueDate: requireDate(input.dueDate, 'dueDate', 'Milestone due date'),
      achievedOn: null,
    };
    const effectiveOn = this.afterStatusChange(
      effectiveDay(input.effectiveOn, today, 'The date the milestone was added'),
      'a milestone cannot be added',
    );
    this.apply({ type: 'MilestoneAdded', data: { actionId: this.id, milestone, effectiveOn } });
  }

  achieveMilestone(input: { milestoneId: string; achievedOn?: string }, today: IsoDate): void {
    this.refuseIfClosed('cannot record milestones');
    const milestone = this.milestones.find((candidate) => candidate.id === input.milestoneId);
    if (!milestone) refuse('milestone.not-found', 'This action has no such milestone', 'milestoneId');
    if (milestone.achievedOn)
      refuse('milestone.already-achieved', `This milestone was achieved on ${milestone.achievedOn}`);
    const achievedOn = this.afterStatusChange(
      effectiveDay(input.achievedOn, today, 'The date it was achieved', 'achievedOn'),
      'a milestone cannot be achieved',
      'achievedOn',
    );
    refuseIfBefore(
      achievedOn,
      this.milestoneAddedOn.get(milestone.id) ?? '',
      'milestone.achieved-before-added',
      'achievedOn',
      (added, on) =>
        `The milestone "${milestone.title}" was added on ${added}: it cannot have been achieved on ${on}`,
    );
    this.apply({
      type: 'MilestoneAchieved',
      data: { actionId: this.id, milestoneId: milestone.id, achievedOn },
    });
  }

  /** A reason is needed when it is completed after its due date: scrutiny will ask why it was late. */
  complete(input: { completedOn?: string; summary: string; reason?: string | null }, today: IsoDate): void {
    this.refuseIfClosed('cannot be completed again');
    const completedOn = this.closingDay(
      effectiveDay(input.completedOn, today, 'The completion date', 'completedOn'),
      'completed',
      'completedOn',
    );
    const summary = requireText(input.summary, 'summary', 'What was delivered', 5000);
    const reason = optionalText(input.reason, 'reason', 'Why it was completed late');
    if (completedOn > this.currentDue && !reason) {
      refuse(
        'action.late-completion-reason-required',
        `It was due on ${this.currentDue}: explain why it was completed late`,
        'reason',
      );
    }
    this.apply({ type: 'ActionCompleted', data: { actionId: this.id, completedOn, summary, reason } });
  }

  cancel(input: { reason: string; effectiveOn?: string }, today: IsoDate): void {
    this.refuseIfClosed('cannot be cancelled');
    const reason = requireText(input.reason, 'reason', 'Why it is cancelled');
    const cancelledOn = this.closingDay(
      effectiveDay(input.effectiveOn, today, 'The date it was cancelled'),
      'cancelled',
    );
    this.apply({ type: 'ActionCancelled', data: { actionId: this.id, cancelledOn, reason } });
  }

  defer(input: { reason: string; until?: string | null; effectiveOn?: string }, today: IsoDate): void {
    this.refuseIfClosed('cannot be deferred');
    const until = input.until ? requireDate(input.until, 'until', 'The date it is deferred to') : null;
    const reason = requireText(input.reason, 'reason', 'Why it is deferred');
    const deferredOn = this.closingDay(
      effectiveDay(input.effectiveOn, today, 'The date it was deferred'),
      'deferred',
    );
    if (until && until <= deferredOn)
      refuse(
        'action.defer-until-past',
        'An action is deferred to a date after the day it is deferred',
        'until',
      );
    this.apply({ type: 'ActionDeferred', data: { actionId: this.id, deferredOn, reason, until } });
  }

  reopen(input: { reason: string; effectiveOn?: string }, today: IsoDate): void {
    if (!this.isClosed) refuse('action.not-closed', `This action is ${this.status}, not closed`);
    const reason = requireText(input.reason, 'reason', 'Why it is reopened');
    const reopenedOn = this.afterStatusChange(
      effectiveDay(input.effectiveOn, today, 'The date it was reopened'),
      'it cannot be reopened',
    );
    this.apply({ type: 'ActionReopened', data: { actionId: this.id, reopenedOn, reason } });
  }

  reassignLead(input: { leadOfficerId: string; reason: string; effectiveOn?: string }, today: IsoDate): void {
    this.refuseIfClosed('cannot be reassigned');
    if (input.leadOfficerId === this.leadOfficerId)
      refuse('action.same-lead', 'This officer already leads the action', 'leadOfficerId');
    const reason = requireText(input.reason, 'reason', 'Why the lead changes');
    const effectiveOn = this.afterStatusChange(
      effectiveDay(input.effectiveOn, today, 'The date the lead changed'),
      'its lead cannot change',
    );
    refuseIfBefore(
      effectiveOn,
      this.leadSetOn,
      'action.lead-changed-before-last',
      'effectiveOn',
      (last, on) => `The lead officer was last set on ${last}: a change of lead cannot take effect on ${on}`,
    );
    this.apply({
      type: 'ActionLeadReassigned',
      data: {
        actionId: this.id,
        previousLeadOfficerId: this.leadOfficerId,
        leadOfficerId: input.leadOfficerId,
        reason,
        effectiveOn,
      },
    });
  }

  /** The RAG in effect on a day: that of the latest update on or before it (the later recorded, on one day). */
  ragOn(day: IsoDate): Rag | null {
    let rag: Rag | null = null;
    let latest = '';
    for (const report of this.reports)
      if (report.on <= day && report.on >= latest) [rag, latest] = [report.rag, report.on];
    return rag;
  }

  effectiveOnOf(event: ActionEvent): IsoDate {
    return effectiveOnOf(event);
  }

  private refuseIfClosed(consequence: string): void {
    if (this.isClosed)
      refuse(
        'action.closed',
        `This action is ${this.status}; ${this.status} actions ${consequence} until reopened`,
      );
  }

  /**
   * Not before its last change of status: a change that needs it open takes effect while it was
   * (after it was planned or last reopened), and a reopening after the closing it undoes.
   */
  private afterStatusChange(on: IsoDate, consequence: string, field = 'effectiveOn'): IsoDate {
    const { change, on: since } = this.statusChange;
    refuseIfBefore(
      on,
      since,
      `action.before-${change}`,
      field,
      (changed, day) => `The action was ${change} on ${changed}: ${consequence} on ${day}`,
    );
    return on;
  }

  /** Closed, it takes no change: so every change it has took effect before it closed. */
  private closingDay(on: IsoDate, becoming: string, field = 'effectiveOn'): IsoDate {
    refuseIfBefore(
      on,
      this.latestEffectiveOn,
      'action.closed-before-last-change',
      field,
      (last, day) => `The action last changed on ${last}: it cannot be ${becoming} before then, on ${day}`,
    );
    return on;
  }

  protected onActionPlanned({ data }: ActionPlanned): void {
    this.pledgeId = data.pledgeId;
    this.strategyId = data.strategyId;
    this.reference = data.reference;
    this.leadOfficerId = data.leadOfficerId;
    this.baselineStart = data.startDate;
    this.baselineDue = data.dueDate;
    this.currentDue = data.dueDate;
    this.milestones = data.milestones;
    this.statusChange = { change: 'planned', on: data.effectiveOn };
    this.dueDateSetOn = data.effectiveOn;
    this.leadSetOn = data.effectiveOn;
    for (const milestone of data.milestones) this.milestoneAddedOn.set(milestone.id, data.effectiveOn);
  }

  protected onActionProgressLogged({ data }: ActionProgressLogged): void {
    this.reports.push({ on: data.effectiveOn, rag: data.rag });
    if (this.lastProgressOn !== null && data.effectiveOn < this.lastProgressOn) return;
    this.lastProgressOn = data.effectiveOn;
    this.rag = data.rag;
    this.percentComplete = data.percentComplete;
    this.status = statusForRag(data.rag);
  }

  protected onDueDateRevised({ data }: DueDateRevised): void {
    this.currentDue = data.newDueDate;
    this.dueDateSetOn = data.effectiveOn;
  }

  protected onMilestoneAdded({ data }: MilestoneAdded): void {
    this.milestones = [...this.milestones, data.milestone];
    this.milestoneAddedOn.set(data.milestone.id, data.effectiveOn);
  }

  protected onMilestoneAchieved({ data }: MilestoneAchieved): void {
    this.milestones = this.milestones.map((m) =>
      m.id === data.milestoneId ? { ...m, achievedOn: data.achievedOn } : m,
    );
  }

  protected onActionCompleted({ data }: ActionCompleted): void {
    this.status = 'completed';
    this.percentComplete = 100;
    this.statusChange = { change: 'completed', on: data.completedOn };
  }

  protected onActionCancelled({ data }: ActionCancelled): void {
    this.status = 'cancelled';
    this.statusChange = { change: 'cancelled', on: data.cancelledOn };
  }

  protected onActionDeferred({ data }: ActionDeferred): void {
    this.status = 'deferred';
    this.statusChange = { change: 'deferred', on: data.deferredOn };
  }

  protected onActionReopened({ data }: ActionReopened): void {
    this.status = statusForRag(this.rag);
    this.statusChange = { change: 'reopened', on: data.reopenedOn };
  }

  protected onActionLeadReassigned({ data }: ActionLeadReassigned): void {
    this.leadOfficerId = data.leadOfficerId;
    this.leadSetOn = data.effectiveOn;
  }
}

function validPartner(partner: PartnerOrganisation, index: number): PartnerOrganisation {
  const name = requireText(partner.name, `partners[${index}].name`, 'Partner name', 200);
  if (partner.orgId === undefined || partner.orgId === null || partner.orgId === '') return { name };
  if (!ORG_ID.test(partner.orgId)) {
    refuse(
      'action.partner-org-id-invalid',
      'An organisation identifier follows org-id.guide, such as GB-CHC-1234567',
      `partners[${index}].orgId`,
    );
  }
  return { name, orgId: partner.orgId };
}

function validEvidence(link: EvidenceLink, index: number): EvidenceLink {
  let url: URL | undefined;
  try {
    url = new URL(link.url);
  } catch {
    url = undefined;
  }
  if (!url || !['https:', 'http:'].includes(url.protocol)) {
    refuse(
      'action.evidence-url-invalid',
      'Evidence links must be web addresses starting https:// or http://',
      `evidence[${index}].url`,
    );
  }
  return {
    title: requireText(link.title, `evidence[${index}].title`, 'Evidence title', 200),
    url: url.toString(),
  };
}
