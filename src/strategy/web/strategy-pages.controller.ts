import { Controller, Get, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { moment } from '../../common/http/time-cut.js';
import { StrategyOverviewAtService } from '../queries/overview-at.service.js';
import { Clock } from '../../common/domain/clock.js';
import { dateInCouncil, isIsoDate, longDate, type IsoDate } from '../../common/domain/dates.js';
import { DomainError, type FieldProblem } from '../../common/domain/domain-error.js';
import { Public } from '../../identity/auth.guard.js';
import { UsersService } from '../../identity/users.service.js';
import { ACTION_STATUSES, RAGS } from '../domain/values.js';
import { StrategyQueries, type OverviewFilters } from '../queries/strategy.queries.js';
import { STATUS_LABELS } from './view-filters.js';
import { dateParts, dateValues, readDate, summaryOf, type FormBody } from '../../web/forms.js';
import { ragChartSvg } from './rag-chart.js';
import type { WebRequest, WebResponse } from '../../web/web-request.js';
import { UuidParam } from '../../common/http/validation.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The overview's date filters, each a GOV.UK date input, with the label its messages use. */
const DATE_FILTERS = {
  date: 'The date to count overdue actions on',
  knownAt: 'The date it was known at',
  effectiveAt: 'The date it was effective at',
};

/** The dates that travel in time: for those who read the record, and never after today. */
const CUTS: readonly string[] = ['knownAt', 'effectiveAt'];

/**
 * The overview's dates from its query: GOV.UK date inputs send day, month and year; a link may
 * carry the ISO date itself (`?date=2024-06-30`). Answers the dates, the problems, and what the
 * inputs show again (what was typed, or the date chosen).
 */
function dateFilters(query: Record<string, unknown>, today: IsoDate, mayTravel: boolean) {
  // A field sent twice arrives as an array: it counts as not sent, and the date is then incomplete.
  const texts: FormBody = Object.fromEntries(
    Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const values: Partial<Record<keyof typeof DATE_FILTERS, IsoDate>> = {};
  const shown: FormBody = {};
  const problems: FieldProblem[] = [];
  for (const [name, label] of Object.entries(DATE_FILTERS) as [keyof typeof DATE_FILTERS, string][]) {
    if (CUTS.includes(name) && !mayTravel) continue;
    const typed = ['day', 'month', 'year'].some((part) => query[`${name}-${part}`] !== undefined);
    const iso = texts[name];
    let read: { value?: IsoDate; problem?: FieldProblem } = typed
      ? readDate(texts, name, label)
      : iso && !isIsoDate(iso)
        ? { problem: { field: name, message: `${label} must be a real date` } }
        : { value: iso || undefined };
    if (CUTS.includes(name) && read.value && read.value > today)
      read = { problem: { field: name, message: `${label} must be today or earlier` } };
    if (read.problem) problems.push(read.problem);
    else if (read.value) values[name] = read.value;
    // The inputs show what was typed, or else the date in force.
    const parts = dateParts(read.value ?? (name === 'date' ? today : undefined));
    for (const part of ['day', 'month', 'year'] as const)
      shown[`${name}-${part}`] = typed ? texts[`${name}-${part}`] : parts[part];
  }
  return { values, problems, shown };
}

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
  async overview(
    @UuidParam('id') id: string,
    @Query() query: Record<string, string>,
    @Req() request: WebRequest,
    @Res() response: WebResponse,
  ) {
    const today = dateInCouncil(this.clock.now());
    const mayTravel = request.actor?.role !== 'officer';
    const dates = dateFilters(query, today, mayTravel);
    // As effective at a day, overdue is counted on that day.
    const effectiveAt = dates.values.effectiveAt;
    const asOf = effectiveAt ?? dates.values.date ?? today;
    if (effectiveAt) Object.assign(dates.shown, dateValues('date', asOf));
    const filters = {
      themeId: UUID.test(query.themeId ?? '') ? query.themeId : undefined,
      status: (ACTION_STATUSES as readonly string[]).includes(query.status) ? query.status : undefined,
      rag: (RAGS as readonly string[]).includes(query.rag) ? query.rag : undefined,
      leadOfficerId: UUID.test(query.leadOfficerId ?? '') ? query.leadOfficerId : undefined,
    };
    // "As known at" the end of a day: the overview replayed from the events recorded by then; "as
    // effective at" the end of a day: from what had happened by then, whenever it was recorded.
    const knownAtDay = dates.values.knownAt;
    const cut =
      knownAtDay || effectiveAt
        ? {
            knownAt: knownAtDay ? moment(knownAtDay, 'knownAt') : undefined,
            effectiveAt: effectiveAt ? moment(effectiveAt, 'effectiveAt') : undefined,
          }
        : undefined;
    const read = (chosen: OverviewFilters) =>
      cut ? this.overviewAt.overview(id, asOf, chosen, cut) : this.queries.overview(id, asOf, chosen);
    let everything;
    try {
      everything = await read({});
    } catch (error) {
      if (!(error instanceof DomainError) || !/^strategy\.not-yet-/.test(error.code)) throw error;
      // Asked about a day before it existed: say so, and offer the first day it did.
      const [strategy] = await this.queries.strategiesByIds([id]);
      const notYetInEffect = error.code === 'strategy.not-yet-in-effect';
      return response.status(404).render('overview-not-yet.njk', {
        title: notYetInEffect
          ? `This strategy did not exist yet on ${longDate(effectiveAt!)}`
          : `Nothing about this strategy had been recorded by the end of ${longDate(knownAtDay!)}`,
        strategy,
        explanation: error.message,
        inEffectFrom: error.extra.inEffectFrom,
        notYetInEffect,
      });
    }
    const filtered = Object.values(filters).some(Boolean);
    const overview = filtered ? await read(filters) : everything;
    const leads = (await this.users.list()).filter(
      (user) => user.role === 'officer' || user.role === 'admin',
    );
    const { errors, byField } = summaryOf(dates.problems, Object.keys(DATE_FILTERS));
    response.status(errors.length ? 400 : 200).render('overview.njk', {
      title: overview.strategy.title,
      overview,
      asOf,
      today,
      filters,
      filtered,
      knownAt: knownAtDay,
      effectiveAt,
      values: dates.shown,
      errors,
      byField,
      mayTravel,
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
    });
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
