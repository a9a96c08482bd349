import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '../../common/domain/actor.js';
import { Clock } from '../../common/domain/clock.js';
import { dateInCouncil } from '../../common/domain/dates.js';
import { ApiChange, ApiCreate, ApiRead } from '../../common/http/api-docs.js';
import { Context } from '../../common/http/request-context.js';
import { CreatedAt, ETagFrom } from '../../common/http/versioned-answer.interceptor.js';
import { Roles } from '../../identity/auth.guard.js';
import { AddTheme, ReorderThemes } from '../commands/add-theme/add-theme.command.js';
import { AddThemeRequest, ReorderThemesRequest } from '../commands/add-theme/add-theme.request.js';
import {
  AdoptStrategy,
  CloseStrategy,
  PutStrategyUnderReview,
} from '../commands/change-strategy-status/change-strategy-status.command.js';
import {
  AdoptStrategyRequest,
  StrategyReasonRequest,
} from '../commands/change-strategy-status/change-strategy-status.request.js';
import { DraftStrategy } from '../commands/draft-strategy/draft-strategy.command.js';
import { DraftStrategyRequest } from '../commands/draft-strategy/draft-strategy.request.js';
import { MakePledge } from '../commands/make-pledge/make-pledge.command.js';
import { MakePledgeRequest } from '../commands/make-pledge/make-pledge.request.js';
import { StrategyQueries } from '../queries/strategy.queries.js';
import { OverviewQuery } from './query-params.js';
import { StrategyOverviewResponse, StrategyResponse } from './responses.js';
import { UuidParam } from '../../common/http/validation.js';

@ApiTags('strategies')
@ApiBearerAuth()
@Controller('api/v1/strategies')
export class StrategiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: StrategyQueries,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiRead(StrategyResponse, { isArray: true, description: 'Every strategy, the newest period first' })
  list() {
    return this.queries.listStrategies();
  }

  @Get(':id')
  @ETagFrom('strategy.version')
  @ApiRead(StrategyOverviewResponse, {
    description: 'Themes, pledges and actions with roll-ups of status, RAG, overdue and slipped',
    etag: true,
    notFound: true,
  })
  overview(@UuidParam('id') id: string, @Query() query: OverviewQuery) {
    const { date, ...filters } = query;
    return this.queries.overview(id, date ?? dateInCouncil(this.clock.now()), filters);
  }

  @Post()
  @Roles('admin')
  @CreatedAt('/api/v1/strategies/:id')
  @ApiCreate({ under: false })
  draft(@Body() body: DraftStrategyRequest, @Context() context: CommandContext) {
    return this.commands.execute(new DraftStrategy(body, context));
  }

  @Post(':id/themes')
  @Roles('admin')
  @ApiChange(201)
  addTheme(@UuidParam('id') id: string, @Body() body: AddThemeRequest, @Context() context: CommandContext) {
    return this.commands.execute(new AddTheme(id, body, context));
  }

  @Put(':id/themes/order')
  @Roles('admin')
  @ApiChange()
  reorderThemes(
    @UuidParam('id') id: string,
    @Body() body: ReorderThemesRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new ReorderThemes(id, body, context));
  }

  @Post(':id/adopt')
  @Roles('admin')
  @HttpCode(200)
  @ApiChange()
  adopt(@UuidParam('id') id: string, @Body() body: AdoptStrategyRequest, @Context() context: CommandContext) {
    return this.commands.execute(new AdoptStrategy(id, body, context));
  }

  @Post(':id/review')
  @Roles('admin')
  @HttpCode(200)
  @ApiChange()
  review(
    @UuidParam('id') id: string,
    @Body() body: StrategyReasonRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new PutStrategyUnderReview(id, body, context));
  }

  @Post(':id/close')
  @Roles('admin')
  @HttpCode(200)
  @ApiChange()
  close(
    @UuidParam('id') id: string,
    @Body() body: StrategyReasonRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new CloseStrategy(id, body, context));
  }

  @Post(':id/pledges')
  @Roles('admin')
  @CreatedAt('/api/v1/pledges/:id')
  @ApiCreate({ under: true })
  makePledge(
    @UuidParam('id') id: string,
    @Body() body: MakePledgeRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new MakePledge(id, body, context));
  }
}
