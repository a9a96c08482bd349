import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '../../common/domain/actor.js';
import { Clock } from '../../common/domain/clock.js';
import { dateInCouncil } from '../../common/domain/dates.js';
import { ApiChange, ApiCreate, ApiRead } from '../../common/http/api-docs.js';
import { Context } from '../../common/http/request-context.js';
import { CreatedAt } from '../../common/http/versioned-answer.interceptor.js';
import { Roles } from '../../identity/auth.guard.js';
import { AmendPledge } from '../commands/amend-pledge/amend-pledge.command.js';
import { AmendPledgeRequest } from '../commands/amend-pledge/amend-pledge.request.js';
import {
  ConcludePledge,
  ReinstatePledge,
  WithdrawPledge,
} from '../commands/change-pledge-status/change-pledge-status.command.js';
import {
  ConcludePledgeRequest,
  PledgeReasonRequest,
} from '../commands/change-pledge-status/change-pledge-status.request.js';
import { PlanAction } from '../commands/plan-action/plan-action.command.js';
import { PlanActionRequest } from '../commands/plan-action/plan-action.request.js';
import { StrategyQueries } from '../queries/strategy.queries.js';
import { AsOfQuery } from './query-params.js';
import { PledgeDetailResponse } from './responses.js';
import { UuidParam } from '../../common/http/validation.js';

@ApiTags('pledges')
@ApiBearerAuth()
@Controller('api/v1/pledges')
export class PledgesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: StrategyQueries,
    private readonly clock: Clock,
  ) {}

  @Get(':id')
  @ApiRead(PledgeDetailResponse, {
    description: 'The pledge with its actions and their roll-up',
    etag: true,
    notFound: true,
  })
  get(@UuidParam('id') id: string, @Query() query: AsOfQuery) {
    return this.queries.pledge(id, query.date ?? dateInCouncil(this.clock.now()));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiChange()
  amend(@UuidParam('id') id: string, @Body() body: AmendPledgeRequest, @Context() context: CommandContext) {
    return this.commands.execute(new AmendPledge(id, body, context));
  }

  @Post(':id/conclude')
  @Roles('admin')
  @HttpCode(200)
  @ApiChange()
  conclude(
    @UuidParam('id') id: string,
    @Body() body: ConcludePledgeRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new ConcludePledge(id, body, context));
  }

  @Post(':id/withdraw')
  @Roles('admin')
  @HttpCode(200)
  @ApiChange()
  withdraw(
    @UuidParam('id') id: string,
    @Body() body: PledgeReasonRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new WithdrawPledge(id, body, context));
  }

  @Post(':id/reinstate')
  @Roles('admin')
  @HttpCode(200)
  @ApiChange()
  reinstate(
    @UuidParam('id') id: string,
    @Body() body: PledgeReasonRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new ReinstatePledge(id, body, context));
  }

  @Post(':id/actions')
  @Roles('admin')
  @CreatedAt('/api/v1/actions/:id')
  @ApiCreate({ under: true })
  planAction(
    @UuidParam('id') id: string,
    @Body() body: PlanActionRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new PlanAction(id, body, context));
  }
}
