import type { IsoDate } from '../../common/domain/dates.js';
import {
  ACTION_STATUSES,
  CLOSED_ACTION_STATUSES,
  RAGS,
  type ActionStatus,
  type Rag,
} from '../domain/values.js';

export interface ActionFacts {
  readonly status: string;
  readonly rag: Rag | null;
  readonly baselineDue: IsoDate;
  readonly currentDue: IsoDate;
}

export interface RollUp {
  total: number;
  byStatus: Record<ActionStatus, number>;
  /**
   * Open actions only. A completed, cancelled or deferred action takes no more updates, so its
   * last RAG is history, not a rating of where it stands: counting it would report a stale rating.
   */
  byRag: Record<Rag | 'none', number>;
  /** Open and past their current due date on the given day. */
  overdue: number;
  /** Due later than their baseline: the date has been revised outwards. */
  slipped: number;
}

export function isClosed(action: Pick<ActionFacts, 'status'>): boolean {
  return CLOSED_ACTION_STATUSES.includes(action.status as ActionStatus);
}

export function isOverdue(action: ActionFacts, asOf: IsoDate): boolean {
  return !isClosed(action) && action.currentDue < asOf;
}

export function hasSlipped(action: ActionFacts): boolean {
  return action.currentDue > action.baselineDue;
}

/** The actions that are rated: those not completed, cancelled or deferred. */
export function openCount(counts: RollUp): number {
  return Object.values(counts.byRag).reduce((sum, count) => sum + count, 0);
}

export function rollUp(actions: readonly ActionFacts[], asOf: IsoDate): RollUp {
  const byStatus = Object.fromEntries(ACTION_STATUSES.map((status) => [status, 0])) as Record<
    ActionStatus,
    number
  >;
  const byRag = Object.fromEntries([...RAGS, 'none'].map((rag) => [rag, 0])) as Record<Rag | 'none', number>;
  let overdue = 0;
  let slipped = 0;
  for (const action of actions) {
    byStatus[action.status as ActionStatus] += 1;
    if (!isClosed(action)) byRag[action.rag ?? 'none'] += 1;
    if (isOverdue(action, asOf)) overdue += 1;
    if (hasSlipped(action)) slipped += 1;
  }
  return { total: actions.length, byStatus, byRag, overdue, slipped };
}
