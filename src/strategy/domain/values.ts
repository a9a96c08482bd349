export const STRATEGY_STATUSES = ['draft', 'adopted', 'under-review', 'closed'] as const;
export type StrategyStatus = (typeof STRATEGY_STATUSES)[number];

export const PLEDGE_STATUSES = [
  'active',
  'achieved',
  'partly-achieved',
  'not-achieved',
  'withdrawn',
] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];
export const PLEDGE_OUTCOMES = ['achieved', 'partly-achieved', 'not-achieved'] as const;
export type PledgeOutcome = (typeof PLEDGE_OUTCOMES)[number];

export const RAGS = ['red', 'amber', 'green'] as const;
export type Rag = (typeof RAGS)[number];

export const ACTION_STATUSES = [
  'not-started',
  'on-track',
  'at-risk',
  'off-track',
  'completed',
  'cancelled',
  'deferred',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const CLOSED_ACTION_STATUSES: readonly ActionStatus[] = ['completed', 'cancelled', 'deferred'];

/** While an action is open its status follows the RAG of its latest update. */
export function statusForRag(rag: Rag | null): ActionStatus {
  if (rag === 'green') return 'on-track';
  if (rag === 'amber') return 'at-risk';
  if (rag === 'red') return 'off-track';
  return 'not-started';
}

/** Identifiers organisations already have (org-id.guide), e.g. GB-CHC-1234567 or GB-COH-01234567. */
export const ORG_ID = /^[A-Z]{2}-[A-Z0-9]{2,10}-[A-Za-z0-9-]{1,40}$/;

export interface PartnerOrganisation {
  readonly name: string;
  readonly orgId?: string;
}

export interface EvidenceLink {
  readonly title: string;
  readonly url: string;
}

export interface Milestone {
  readonly id: string;
  readonly title: string;
  readonly dueDate: string;
  readonly achievedOn: string | null;
}
