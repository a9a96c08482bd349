import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { streamIdFor, type EventStore, type TimeCut } from '../../../libs/event-store/index.js';
import { replayAt } from '../../../libs/projections/index.js';
import type { IsoDate } from '../../common/domain/dates.js';
import { DomainError, notFound } from '../../common/domain/domain-error.js';
import { EVENT_STORE } from '../../common/persistence/aggregate-repository.js';
import { StrategyTreeProjection } from '../projections/strategy-tree.projection.js';
import { StrategyQueries, type OverviewFilters, type StrategyOverview } from '../queries/strategy.queries.js';
import { absenceAt } from '../../common/domain/absence.js';
import { cutAnswer } from '../../common/http/time-cut.js';
import { STRATEGY_STREAM } from '../domain/stream-types.js';

export type StrategyOverviewAt = StrategyOverview & {
  cut: ReturnType<typeof cutAnswer>;
  eventsReplayed: number;
};

/**
 * The strategy overview as it stood at a cut in time: the strategy-tree projection replayed to the
 * cut (libs/projections replayAt) and read by the very query that serves the live overview. A cut
 * before the strategy existed is refused as `strategy.not-yet-in-effect` (or `.not-yet-recorded`)
 * with the day it took effect, not answered with an empty tree.
 */
@Injectable()
export class StrategyOverviewAtService {
  private readonly projection = new StrategyTreeProjection();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queries: StrategyQueries,
  ) {}

  async overview(
    strategyId: string,
    asOf: IsoDate,
    filters: OverviewFilters,
    cut: TimeCut,
  ): Promise<StrategyOverviewAt> {
    const [first] = await this.store.readStream(streamIdFor(STRATEGY_STREAM, strategyId));
    if (!first) notFound('strategy', strategyId);
    const absence = absenceAt('strategy', first, cut);
    if (absence) {
      const { code, explanation, ...when } = absence;
      throw new DomainError(code, explanation, 'not-found', [], when);
    }
    const runner = this.db.createQueryRunner();
    const client = (await runner.connect()) as pg.PoolClient;
    try {
      const { result, eventsReplayed } = await replayAt(client, this.store, [this.projection], cut, () =>
        this.queries.overview(strategyId, asOf, filters, runner.manager),
      );
      return {
        ...result,
        cut: cutAnswer(cut),
        eventsReplayed,
      };
    } finally {
      await runner.release();
    }
  }
}
