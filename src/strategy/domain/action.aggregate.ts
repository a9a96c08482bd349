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
import type { Pledge } from './pledge.aggregate.js';
import { optionalText, requireDate, requirePastOrToday, requireText } from './rules.js';
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
}

export interface LogProgressInput {
  narrative: string;
  rag: Rag;
  ragJustification?: string | null;
  percentComplete: number;
  evidence: EvidenceLink[];
  effectiveOn: string;
}

/**
 * An action under a pledge, led by one officer. Its baseline dates never move: a revised due date
 * is kept beside the baseline so slippage stays visible.
 */
export class Action extends EventSourcedAggregate<ActionEvent> {
  readonly streamType = 'action';
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

  plan(pledge: Pledge, input: PlanActionInput): void {
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
    if (this.rag !== null && input.rag !== this.rag && !ragJustification) {
      refuse(
        'action.rag-justification-required',
        `Explain why the RAG status changes from ${this.rag} to ${input.rag}`,
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
    const effectiveOn = requirePastOrToday(
      input.effectiveOn,
      today,
      'effectiveOn',
      'The date of this update',
    );
    this.apply({
      type: 'ActionProgressLogged',
      data: {
        actionId: this.id,
        narrative,
        rag: input.rag,
        previousRag: this.rag,
        ragJustification,
        percentComplete: input.percentComplete,
        evidence: input.evidence.map((link, index) => validEvidence(link, index)),
        effectiveOn,
      },
    });
  }

  reviseDueDate(input: { newDueDate: string; reason: string }): void {
    this.refuseIfClosed('cannot have their due date revised');
    const newDueDate = requireDate(input.newDueDate, 'newDueDate', 'The new due date');
    const reason = requireText(input.reason, 'reason', 'The reason for the new date');
    if (newDueDate === this.currentDue)
      refuse('action.due-date-unchanged', `The action is already due on ${newDueDate}`, 'newDueDate');
    if (newDueDate < this.baselineStart)
      refuse('action.due-before-start', 'The due date must not be before the start date', 'newDueDate');
    this.apply({
      type: 'DueDateRevised',
      data: {
        actionId: this.id,
        previousDueDate: this.currentDue,
        newDueDate,
        baselineDueDate: this.baselineDue,
        reason,
      },
    });
  }

  addMilestone(input: { id: string; title: string; dueDate: string }): void {
    this.refuseIfClosed('take no new milestones');
    this.apply({
      type: 'MilestoneAdded',
      data: {
        actionId: this.id,
        milestone: {
          id: input.id,
          title: requireText(input.title, 'title', 'Milestone title', 200),
          dueDate: requireDate(input.dueDate, 'dueDate', 'Milestone due date'),
          achievedOn: null,
        },
      },
    });
  }

  achieveMilestone(input: { milestoneId: string; achievedOn: string }, today: IsoDate): void {
    this.refuseIfClosed('cannot record milestones');
    const milestone = this.milestones.find((candidate) => candidate.id === input.milestoneId);
    if (!milestone) refuse('milestone.not-found', 'This action has no such milestone', 'milestoneId');
    if (milestone.achievedOn)
      refuse('milestone.already-achieved', `This milestone was achieved on ${milestone.achievedOn}`);
    const achievedOn = requirePastOrToday(input.achievedOn, today, 'achievedOn', 'The date it was achieved');
    this.apply({
      type: 'MilestoneAchieved',
      data: { actionId: this.id, milestoneId: milestone.id, achievedOn },
    });
  }

  /** A reason is needed when it is completed after its due date: scrutiny will ask why it was late. */
  complete(input: { completedOn: string; summary: string; reason?: string | null }, today: IsoDate): void {
    this.refuseIfClosed('cannot be completed again');
    const completedOn = requirePastOrToday(input.completedOn, today, 'completedOn', 'The completion date');
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

  cancel(input: { reason: string }, today: IsoDate): void {
    this.refuseIfClosed('cannot be cancelled');
    this.apply({
      type: 'ActionCancelled',
      data: {
        actionId: this.id,
        cancelledOn: today,
        reason: requireText(input.reason, 'reason', 'Why it is cancelled'),
      },
    });
  }

  defer(input: { reason: string; until?: string | null }, today: IsoDate): void {
    this.refuseIfClosed('cannot be deferred');
    const until = input.until ? requireDate(input.until, 'until', 'The date it is deferred to') : null;
    if (until && until <= today)
      refuse('action.defer-until-past', 'An action is deferred to a date after today', 'until');
    this.apply({
      type: 'ActionDeferred',
      data: {
        actionId: this.id,
        deferredOn: today,
        reason: requireText(input.reason, 'reason', 'Why it is deferred'),
        until,
      },
    });
  }

  reopen(input: { reason: string }, today: IsoDate): void {
    if (!this.isClosed) refuse('action.not-closed', `This action is ${this.status}, not closed`);
    this.apply({
      type: 'ActionReopened',
      data: {
        actionId: this.id,
        reopenedOn: today,
        reason: requireText(input.reason, 'reason', 'Why it is reopened'),
      },
    });
  }

  reassignLead(input: { leadOfficerId: string; reason: string }): void {
    this.refuseIfClosed('cannot be reassigned');
    if (input.leadOfficerId === this.leadOfficerId)
      refuse('action.same-lead', 'This officer already leads the action', 'leadOfficerId');
    this.apply({
      type: 'ActionLeadReassigned',
      data: {
        actionId: this.id,
        previousLeadOfficerId: this.leadOfficerId,
        leadOfficerId: input.leadOfficerId,
        reason: requireText(input.reason, 'reason', 'Why the lead changes'),
      },
    });
  }

  private refuseIfClosed(consequence: string): void {
    if (this.isClosed)
      refuse(
        'action.closed',
        `This action is ${this.status}; ${this.status} actions ${consequence} until reopened`,
      );
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
  }

  protected onActionProgressLogged({ data }: ActionProgressLogged): void {
    this.rag = data.rag;
    this.percentComplete = data.percentComplete;
    this.status = statusForRag(data.rag);
  }

  protected onDueDateRevised({ data }: DueDateRevised): void {
    this.currentDue = data.newDueDate;
  }

  protected onMilestoneAdded({ data }: MilestoneAdded): void {
    this.milestones = [...this.milestones, data.milestone];
  }

  protected onMilestoneAchieved({ data }: MilestoneAchieved): void {
    this.milestones = this.milestones.map((m) =>
      m.id === data.milestoneId ? { ...m, achievedOn: data.achievedOn } : m,
    );
  }

  protected onActionCompleted(_: ActionCompleted): void {
    this.status = 'completed';
    this.percentComplete = 100;
  }

  protected onActionCancelled(_: ActionCancelled): void {
    this.status = 'cancelled';
  }

  protected onActionDeferred(_: ActionDeferred): void {
    this.status = 'deferred';
  }

  protected onActionReopened(_: ActionReopened): void {
    this.status = statusForRag(this.rag);
  }

  protected onActionLeadReassigned({ data }: ActionLeadReassigned): void {
    this.leadOfficerId = data.leadOfficerId;
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
