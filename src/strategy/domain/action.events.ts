import type { IsoDate } from '../../common/domain/dates.js';
import type { DomainEvent } from '../../common/domain/event-sourced-aggregate.js';
import type { EvidenceLink, Milestone, PartnerOrganisation, Rag } from './values.js';

export type ActionPlanned = DomainEvent<
  'ActionPlanned',
  {
    actionId: string;
    strategyId: string;
    themeId: string;
    pledgeId: string;
    reference: string;
    title: string;
    description: string;
    leadOfficerId: string;
    partners: PartnerOrganisation[];
    startDate: IsoDate;
    dueDate: IsoDate;
    milestones: Milestone[];
    effectiveOn: IsoDate;
  }
>;
export type ActionProgressLogged = DomainEvent<
  'ActionProgressLogged',
  {
    actionId: string;
    narrative: string;
    rag: Rag;
    previousRag: Rag | null;
    ragJustification: string | null;
    percentComplete: number;
    evidence: EvidenceLink[];
    effectiveOn: IsoDate;
  }
>;
export type DueDateRevised = DomainEvent<
  'DueDateRevised',
  {
    actionId: string;
    previousDueDate: IsoDate;
    newDueDate: IsoDate;
    baselineDueDate: IsoDate;
    reason: string;
    effectiveOn: IsoDate;
  }
>;
export type MilestoneAdded = DomainEvent<
  'MilestoneAdded',
  { actionId: string; milestone: Milestone; effectiveOn: IsoDate }
>;
export type MilestoneAchieved = DomainEvent<
  'MilestoneAchieved',
  { actionId: string; milestoneId: string; achievedOn: IsoDate }
>;
export type ActionCompleted = DomainEvent<
  'ActionCompleted',
  { actionId: string; completedOn: IsoDate; summary: string; reason: string | null }
>;
export type ActionCancelled = DomainEvent<
  'ActionCancelled',
  { actionId: string; cancelledOn: IsoDate; reason: string }
>;
export type ActionDeferred = DomainEvent<
  'ActionDeferred',
  { actionId: string; deferredOn: IsoDate; reason: string; until: IsoDate | null }
>;
export type ActionReopened = DomainEvent<
  'ActionReopened',
  { actionId: string; reopenedOn: IsoDate; reason: string }
>;
export type ActionLeadReassigned = DomainEvent<
  'ActionLeadReassigned',
  {
    actionId: string;
    previousLeadOfficerId: string;
    leadOfficerId: string;
    reason: string;
    effectiveOn: IsoDate;
  }
>;

export type ActionEvent =
  | ActionPlanned
  | ActionProgressLogged
  | DueDateRevised
  | MilestoneAdded
  | MilestoneAchieved
  | ActionCompleted
  | ActionCancelled
  | ActionDeferred
  | ActionReopened
  | ActionLeadReassigned;
