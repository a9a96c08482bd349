import { Controller, Get, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { moment } from '../audit/audit.requests.js';
import { StrategyOverviewAtService } from '../audit/overview-at.service.js';
import { Clock } from '../common/domain/clock.js';
import { dateInCouncil, isIsoDate } from '../common/domain/dates.js';
import { Public } from '../identity/auth.guard.js';
import { UsersService } from '../identity/users.service.js';
import { ACTION_STATUSES, RAGS } from '../strategy/domain/values.js';
import { StrategyQueries, type OverviewFilters } from '../strategy/queries/strategy.queries.js';
import { STATUS_LABELS } from './filters.js';
import { ragChartSvg } from './rag-chart.js';
import type { WebRequest, WebResponse } from './web-request.js';
import { UuidParam } from '../common/http/validation.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Pages that read: the strategies, a strategy's overview with its chart, and "my actions". */
@ApiExcludeController()
@Public() // signed in by the web session, not an API token
@Controller()
export class StrategyPagesController {
  constructor(
    private readonly queries: StrategyQueries,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly overviewAt: StrategyOverviewAtService,
  ) {}

  @Get()
  async home(@Req() request: WebRequest, @Res() response: WebResponse) {
    if (request.actor?.role === 'officer') return response.redirect(303, '/my-actions');
    const strategies = await this.queries.listStrategies();
    const live =
      strategies.find((strategy) => strategy.status !== 'closed' && strategy.status !== 'draft') ??
      strategies[0];
    response.redirect(303, live ? `/strategies/${live.id}` : '/strategies');
  }

  @Get('strategies')
  @Render('strategies.njk')
  async list() {
    return { title: 'Strategies', strategies: await this.queries.listStrategies() };
  }

  @Get('strategies/:id')
  @Render('overview.njk')
  async overview(
    @UuidParam('id') id: string,
    @Query() query: Record<string, string>,
    @Req() request: WebRequest,
  ) {
    const today = dateInCouncil(this.clock.now());
    const asOf = isIsoDate(query.date) ? query.date : today;
    const filters = {
      themeId: UUID.test(query.themeId ?? '') ? query.themeId : undefined,
      status: (ACTION_STATUSES as readonly string[]).includes(query.status) ? query.status : undefined,
      rag: (RAGS as readonly string[]).includes(query.rag) ? query.rag : undefined,
      leadOfficerId: UUID.test(query.leadOfficerId ?? '') ? query.leadOfficerId : undefined,
    };
    // "As known at" the end of a day: the overview replayed from the events recorded by then.
    const knownAtDay = isIsoDate(query.knownAt) && query.knownAt <= today ? query.knownAt : undefined;
    const cut = knownAtDay ? { knownAt: moment(knownAtDay, 'knownAt') } : undefined;
    const read = (chosen: OverviewFilters) =>
      cut ? this.overviewAt.overview(id, asOf, chosen, cut) : this.queries.overview(id, asOf, chosen);
    const everything = await read({});
    const filtered = Object.values(filters).some(Boolean);
    const overview = filtered ? await read(filters) : everything;
    const leads = (await this.users.list()).filter(
      (user) => user.role === 'officer' || user.role === 'admin',
    );
    return {
      title: overview.strategy.title,
      overview,
      asOf,
      today,
      filters,
      filtered,
      knownAt: knownAtDay,
      mayTravel: request.actor?.role !== 'officer',
      chart: ragChartSvg(everything.themes),
      chartThemes: everything.themes,
      options: {
        themes: [
          { value: '', text: 'All themes' },
          ...overview.strategy.themes.map((theme) => ({
            value: theme.id,
            text: theme.title,
            selected: theme.id === filters.themeId,
          })),
        ],
        statuses: [
          { value: '', text: 'Any status' },
          ...ACTION_STATUSES.map((status) => ({
            value: status,
            text: STATUS_LABELS[status],
            selected: status === filters.status,
          })),
        ],
        rags: [
          { value: '', text: 'Any RAG' },
          ...RAGS.map((rag) => ({
            value: rag,
            text: rag[0].toUpperCase() + rag.slice(1),
            selected: rag === filters.rag,
          })),
        ],
        leads: [
          { value: '', text: 'Any lead officer' },
          ...leads.map((user) => ({
            value: user.id,
            text: user.displayName,
            selected: user.id === filters.leadOfficerId,
          })),
        ],
      },
      isAdmin: request.actor?.role === 'admin',
    };
  }

  @Get('my-actions')
  @Render('my-actions.njk')
  async mine(@Req() request: WebRequest) {
    const today = dateInCouncil(this.clock.now());
    const actions = await this.queries.actionsLedBy(request.actor!.id, today);
    return {
      title: 'My actions',
      actions,
      today,
      overdue: actions.filter((action) => action.overdue).length,
    };
  }
}
