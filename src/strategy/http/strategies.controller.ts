import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '../../common/domain/actor.js';
import { Clock } from '../../common/domain/clock.js';
import { dateInCouncil } from '../../common/domain/dates.js';
import { Context } from '../../common/http/request-context.js';
import { CreatedAt } from '../../common/http/versioned-answer.interceptor.js';
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
import { CommandResultResponse } from './command-response.js';
import { OverviewQuery } from './query-params.js';
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
  list() {
    return this.queries.listStrategies();
  }

  @Get(':id')
  @ApiOkResponse({
    description: 'Themes, pledges and actions with roll-ups of status, RAG, overdue and slipped',
  })
  overview(@UuidParam('id') id: string, @Query() query: OverviewQuery) {
    const { date, ...filters } = query;
    return this.queries.overview(id, date ?? dateInCouncil(this.clock.now()), filters);
  }

  @Post()
  @Roles('admin')
  @CreatedAt('/api/v1/strategies/:id')
  @ApiCreatedResponse({ type: CommandResultResponse })
  draft(@Body() body: DraftStrategyRequest, @Context() context: CommandContext) {
    return this.commands.execute(new DraftStrategy(body, context));
  }

  @Post(':id/themes')
  @Roles('admin')
  @ApiCreatedResponse({ type: CommandResultResponse })
  addTheme(@UuidParam('id') id: string, @Body() body: AddThemeRequest, @Context() context: CommandContext) {
    return this.commands.execute(new AddTheme(id, body, context));
  }

  @Put(':id/themes/order')
  @Roles('admin')
  @ApiOkResponse({ type: CommandResultResponse })
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
  @ApiOkResponse({ type: CommandResultResponse })
  adopt(@UuidParam('id') id: string, @Body() body: AdoptStrategyRequest, @Context() context: CommandContext) {
    return this.commands.execute(new AdoptStrategy(id, body, context));
  }

  @Post(':id/review')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandResultResponse })
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
  @ApiOkResponse({ type: CommandResultResponse })
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
  @ApiCreatedResponse({ type: CommandResultResponse })
  makePledge(
    @UuidParam('id') id: string,
    @Body() body: MakePledgeRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new MakePledge(id, body, context));
  }
}
