import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { notFound } from '../../common/domain/domain-error.js';
import type { IsoDate } from '../../common/domain/dates.js';
import { UsersService } from '../../identity/users.service.js';
import {
  ActionTimelineEntry,
  ActionView,
  PledgeView,
  StrategyView,
} from '../projections/read-models.entity.js';
import { hasSlipped, isClosed, isOverdue, rollUp, type RollUp } from './roll-up.js';

export interface OverviewFilters {
  themeId?: string;
  status?: string;
  rag?: string;
  leadOfficerId?: string;
}

export type ActionSummary = ActionView & { leadOfficerName: string; overdue: boolean; slipped: boolean };

export interface StrategyOverview {
  strategy: StrategyView;
  asOf: IsoDate;
  filters: OverviewFilters;
  rollUp: RollUp;
  themes: {
    id: string;
    title: string;
    description: string;
    rollUp: RollUp;
    pledges: (PledgeView & { rollUp: RollUp; actions: ActionSummary[] })[];
  }[];
}

/** Reads of the strategy read models; every answer is as of a calendar day for overdue counts. */
@Injectable()
export class StrategyQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
  ) {}

  listStrategies(): Promise<StrategyView[]> {
    return this.db.getRepository(StrategyView).find({ order: { periodStart: 'DESC', title: 'ASC' } });
  }

  async overview(
    strategyId: string,
    asOf: IsoDate,
    filters: OverviewFilters = {},
    /** Another view of the read models, such as a replay as known at a moment. */
    db: EntityManager = this.db.manager,
  ): Promise<StrategyOverview> {
    const strategy = await db.getRepository(StrategyView).findOneBy({ id: strategyId });
    if (!strategy) notFound('strategy', strategyId);
    const pledges = await db
      .getRepository(PledgeView)
      .find({ where: { strategyId }, order: { reference: 'ASC' } });
    const where: Record<string, unknown> = { strategyId };
    if (filters.themeId) where.themeId = filters.themeId;
    if (filters.status) where.status = filters.status;
    if (filters.rag) where.rag = filters.rag;
    if (filters.leadOfficerId) where.leadOfficerId = filters.leadOfficerId;
    const found = await db.getRepository(ActionView).find({ where });
    // A RAG filter asks for the actions rated so now; a closed action's last RAG is only history.
    const actions = await this.summarise(
      filters.rag ? found.filter((action) => !isClosed(action)) : found,
      asOf,
    );
    byReference(pledges);
    byReference(actions);

    const themes = strategy.themes
      .filter((theme) => !filters.themeId || theme.id === filters.themeId)
      .map((theme) => {
        const themePledges = pledges
          .filter((pledge) => pledge.themeId === theme.id)
          .map((pledge) => {
            const pledgeActions = actions.filter((action) => action.pledgeId === pledge.id);
            return { ...pledge, rollUp: rollUp(pledgeActions, asOf), actions: pledgeActions };
          });
        return {
          ...theme,
          rollUp: rollUp(
            actions.filter((action) => action.themeId === theme.id),
            asOf,
          ),
          pledges: themePledges,
        };
      });
    return { strategy, asOf, filters, rollUp: rollUp(actions, asOf), themes };
  }

  async pledge(pledgeId: string, asOf: IsoDate) {
    const pledge = await this.db.getRepository(PledgeView).findOneBy({ id: pledgeId });
    if (!pledge) notFound('pledge', pledgeId);
    const actions = byReference(
      await this.summarise(await this.db.getRepository(ActionView).findBy({ pledgeId }), asOf),
    );
    const strategy = await this.db.getRepository(StrategyView).findOneByOrFail({ id: pledge.strategyId });
    return { ...pledge, strategyStatus: strategy.status, rollUp: rollUp(actions, asOf), actions };
  }

  async action(
    actionId: string,
    asOf: IsoDate,
  ): Promise<
    ActionSummary & { pledge: PledgeView; strategyTitle: string; strategyStatus: string; themeTitle: string }
  > {
    const action = await this.db.getRepository(ActionView).findOneBy({ id: actionId });
    if (!action) notFound('action', actionId);
    const [summary] = await this.summarise([action], asOf);
    const pledge = await this.db.getRepository(PledgeView).findOneByOrFail({ id: action.pledgeId });
    const strategy = await this.db.getRepository(StrategyView).findOneByOrFail({ id: action.strategyId });
    const themeTitle = strategy.themes.find((theme) => theme.id === action.themeId)?.title ?? '';
    return { ...summary, pledge, strategyTitle: strategy.title, strategyStatus: strategy.status, themeTitle };
  }

  async timeline(actionId: string) {
    if (!(await this.db.getRepository(ActionView).existsBy({ id: actionId }))) notFound('action', actionId);
    const entries = await this.db
      .getRepository(ActionTimelineEntry)
      .find({ where: { actionId }, order: { version: 'ASC' } });
    const names = await this.users.namesById(entries.map((entry) => entry.actorId));
    return entries.map((entry) => ({ ...entry, actorName: names.get(entry.actorId) ?? entry.actorId }));
  }

  /**
   * The actions an officer leads, overdue first, then by due date; each with its strategy and
   * pledge, since references such as A1.1 repeat from one strategy to the next.
   */
  async actionsLedBy(
    userId: string,
    asOf: IsoDate,
  ): Promise<(ActionSummary & { strategyTitle: string; pledgeReference: string; pledgeTitle: string })[]> {
    const led = await this.db.getRepository(ActionView).findBy({ leadOfficerId: userId });
    const [strategies, pledges] = await Promise.all([
      this.strategiesByIds([...new Set(led.map((action) => action.strategyId))]),
      led.length
        ? this.db
            .getRepository(PledgeView)
            .findBy({ id: In([...new Set(led.map((action) => action.pledgeId))]) })
        : [],
    ]);
    const strategyTitles = new Map(strategies.map((strategy) => [strategy.id, strategy.title]));
    const pledgesById = new Map(pledges.map((pledge) => [pledge.id, pledge]));
    const actions = (await this.summarise(led, asOf)).map((action) => ({
      ...action,
      strategyTitle: strategyTitles.get(action.strategyId) ?? '',
      pledgeReference: pledgesById.get(action.pledgeId)?.reference ?? '',
      pledgeTitle: pledgesById.get(action.pledgeId)?.title ?? '',
    }));
    return actions.sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        a.currentDue.localeCompare(b.currentDue) ||
        a.reference.localeCompare(b.reference, 'en', { numeric: true }),
    );
  }

  async strategiesByIds(ids: string[]): Promise<StrategyView[]> {
    return ids.length ? this.db.getRepository(StrategyView).findBy({ id: In(ids) }) : [];
  }

  private async summarise(actions: ActionView[], asOf: IsoDate): Promise<ActionSummary[]> {
    const names = await this.users.namesById(actions.map((action) => action.leadOfficerId));
    return actions.map((action) => ({
      ...action,
      leadOfficerName: names.get(action.leadOfficerId) ?? 'Unknown officer',
      overdue: isOverdue(action, asOf),
      slipped: hasSlipped(action),
    }));
  }
}

/** P2 before P10, A3.2 before A3.10. */
function byReference<T extends { reference: string }>(items: T[]): T[] {
  return items.sort((a, b) => a.reference.localeCompare(b.reference, 'en', { numeric: true }));
}
