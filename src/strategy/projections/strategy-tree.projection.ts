import type pg from 'pg';
import { idInStream, type RecordedEvent } from '../../../libs/event-store/index.js';
import { selectRowsByKey, upsertRows, type Projection } from '../../../libs/projections/index.js';
import type { ActionEvent } from '../domain/action.events.js';
import type { PledgeEvent } from '../domain/pledge.events.js';
import type { StrategyEvent } from '../domain/strategy.events.js';
import { ACTION_STREAM, PLEDGE_STREAM, STRATEGY_STREAM } from '../domain/stream-types.js';
import { statusForRag, type Milestone, type Rag } from '../domain/values.js';

export interface StrategyRow {
  id: string;
  title: string;
  description: string;
  period_start: string;
  period_end: string;
  status: string;
  themes: { id: string; title: string; description: string }[];
  version: number;
  updated_at: string;
}

export interface PledgeRow {
  id: string;
  strategy_id: string;
  theme_id: string;
  reference: string;
  title: string;
  description: string;
  principles: string[];
  lead: string;
  status: string;
  status_reason: string | null;
  version: number;
  updated_at: string;
}

export interface ActionRow {
  id: string;
  strategy_id: string;
  theme_id: string;
  pledge_id: string;
  reference: string;
  title: string;
  description: string;
  lead_officer_id: string;
  partners: unknown[];
  baseline_start: string;
  baseline_due: string;
  current_due: string;
  milestones: Milestone[];
  status: string;
  rag: Rag | null;
  percent_complete: number;
  latest_narrative: string | null;
  last_progress_on: string | null;
  closed_on: string | null;
  updates_logged: number;
  version: number;
  updated_at: string;
}

type Recorded<E> = E extends { type: infer T extends string; data: infer D } ? RecordedEvent<T, D> : never;

/**
 * Strategies with their themes, pledges and actions: the tree that overviews, roll-ups and
 * "my actions" read. Each batch loads the rows it touches, folds the events into them in memory
 * and writes them back with one statement a table.
 */
export class StrategyTreeProjection implements Projection {
  readonly name = 'strategy-tree';
  readonly tables = TABLES.map(({ table }) => table);
  readonly streamTypes = TABLES.map(({ streamType }) => streamType);

  async apply(events: readonly RecordedEvent[], db: pg.ClientBase): Promise<void> {
    for (const { streamType, table, fold } of TABLES) {
      const mine = events.filter((event) => event.streamType === streamType);
      if (mine.length === 0) continue;
      const rows = new Map(
        (await selectRowsByKey<Row>(db, table, 'id', [...new Set(mine.map(idInStream))])).map((row) => [
          row.id as string,
          row,
        ]),
      );
      const changed = new Set<string>();
      for (const event of mine) {
        const row = fold(rows.get(idInStream(event)), event);
        if (!row) continue;
        rows.set(idInStream(event), {
          ...row,
          version: event.streamVersion,
          updated_at: event.recordedAt.toISOString(),
        });
        changed.add(idInStream(event));
      }
      await upsertRows(
        db,
        table,
        ['id'],
        [...changed].map((id) => rows.get(id)!),
      );
    }
  }
}

type Row = Record<string, unknown>;

/** Each table, the type of the streams that fill it, and how one event changes one of its rows. */
const TABLES = [
  { streamType: STRATEGY_STREAM, table: 'rm_strategies', fold: foldStrategy },
  { streamType: PLEDGE_STREAM, table: 'rm_pledges', fold: foldPledge },
  { streamType: ACTION_STREAM, table: 'rm_actions', fold: foldAction },
] as unknown as {
  streamType: string;
  table: string;
  fold: (row: Row | undefined, event: RecordedEvent) => Row | undefined;
}[];

/**
 * How one entity's row changes with each event of its stream, by stream type: the same folds the
 * projection uses, for replaying one entity's history (field by field, or as known at a moment).
 */
export const ENTITY_STATE_FOLDS: Record<
  'strategy' | 'pledge' | 'action',
  (row: Row | undefined, event: RecordedEvent) => Row | undefined
> = {
  strategy: TABLES[0].fold,
  pledge: TABLES[1].fold,
  action: TABLES[2].fold,
};

type Unstamped<Row> = Omit<Row, 'version' | 'updated_at'> &
  Partial<Pick<StrategyRow, 'version' | 'updated_at'>>;

function foldStrategy(
  row: StrategyRow | undefined,
  event: Recorded<StrategyEvent>,
): Unstamped<StrategyRow> | undefined {
  if (event.type === 'StrategyDrafted') {
    const { strategyId, title, description, periodStart, periodEnd } = event.data;
    return {
      id: strategyId,
      title,
      description,
      period_start: periodStart,
      period_end: periodEnd,
      status: 'draft',
      themes: [],
    };
  }
  if (!row) return undefined;
  switch (event.type) {
    case 'ThemeAdded':
      return {
        ...row,
        themes: [
          ...row.themes,
          { id: event.data.themeId, title: event.data.title, description: event.data.description },
        ],
      };
    case 'ThemesReordered':
      return {
        ...row,
        themes: event.data.themeIds.map((id) => row.themes.find((theme) => theme.id === id)!),
      };
    case 'StrategyAdopted':
      return { ...row, status: 'adopted' };
    case 'StrategyPutUnderReview':
      return { ...row, status: 'under-review' };
    case 'StrategyClosed':
      return { ...row, status: 'closed' };
  }
}

function foldPledge(
  row: PledgeRow | undefined,
  event: Recorded<PledgeEvent>,
): Unstamped<PledgeRow> | undefined {
  if (event.type === 'PledgeMade') {
    const { pledgeId, strategyId, themeId, reference, title, description, principles, lead } = event.data;
    return {
      id: pledgeId,
      strategy_id: strategyId,
      theme_id: themeId,
      reference,
      title,
      description,
      principles,
      lead,
      status: 'active',
      status_reason: null,
    };
  }
  if (!row) return undefined;
  switch (event.type) {
    case 'PledgeAmended':
      return { ...row, ...event.data.changes };
    case 'PledgeConcluded':
      return { ...row, status: event.data.outcome, status_reason: event.data.reason };
    case 'PledgeWithdrawn':
      return { ...row, status: 'withdrawn', status_reason: event.data.reason };
    case 'PledgeReinstated':
      return { ...row, status: 'active', status_reason: null };
  }
}

function foldAction(
  row: ActionRow | undefined,
  event: Recorded<ActionEvent>,
): Unstamped<ActionRow> | undefined {
  if (event.type === 'ActionPlanned') {
    const d = event.data;
    return {
      id: d.actionId,
      strategy_id: d.strategyId,
      theme_id: d.themeId,
      pledge_id: d.pledgeId,
      reference: d.reference,
      title: d.title,
      description: d.description,
      lead_officer_id: d.leadOfficerId,
      partners: d.partners,
      baseline_start: d.startDate,
      baseline_due: d.dueDate,
      current_due: d.dueDate,
      milestones: d.milestones,
      status: 'not-started',
      rag: null,
      percent_complete: 0,
      latest_narrative: null,
      last_progress_on: null,
      closed_on: null,
      updates_logged: 0,
    };
  }
  if (!row) return undefined;
  switch (event.type) {
    case 'ActionProgressLogged': {
      const { rag, percentComplete, narrative, effectiveOn } = event.data;
      // A report filed late, about an earlier day, goes into the record but does not replace the
      // picture a later report gave: the latest effective update is the current one (on one day,
      // the later recorded). The same fold replays "as effective at", so both answer alike.
      if (row.last_progress_on && effectiveOn < row.last_progress_on)
        return { ...row, updates_logged: row.updates_logged + 1 };
      return {
        ...row,
        rag,
        status: statusForRag(rag),
        percent_complete: percentComplete,
        latest_narrative: narrative,
        last_progress_on: effectiveOn,
        updates_logged: row.updates_logged + 1,
      };
    }
    case 'DueDateRevised':
      return { ...row, current_due: event.data.newDueDate };
    case 'MilestoneAdded':
      return { ...row, milestones: [...row.milestones, event.data.milestone] };
    case 'MilestoneAchieved':
      return {
        ...row,
        milestones: row.milestones.map((m) =>
          m.id === event.data.milestoneId ? { ...m, achievedOn: event.data.achievedOn } : m,
        ),
      };
    case 'ActionCompleted':
      return { ...row, status: 'completed', percent_complete: 100, closed_on: event.data.completedOn };
    case 'ActionCancelled':
      return { ...row, status: 'cancelled', closed_on: event.data.cancelledOn };
    case 'ActionDeferred':
      return { ...row, status: 'deferred', closed_on: event.data.deferredOn };
    case 'ActionReopened':
      return { ...row, status: statusForRag(row.rag), closed_on: null };
    case 'ActionLeadReassigned':
      return { ...row, lead_officer_id: event.data.leadOfficerId };
  }
}
