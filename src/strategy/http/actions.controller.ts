import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor, CommandContext } from '../../common/domain/actor.js';
import { Clock } from '../../common/domain/clock.js';
import { dateInCouncil } from '../../common/domain/dates.js';
import { ApiChange, ApiRead } from '../../common/http/api-docs.js';
import { Context, CurrentActor } from '../../common/http/request-context.js';
import { Roles } from '../../identity/auth.guard.js';
import { AchieveMilestone } from '../commands/achieve-milestone/achieve-milestone.command.js';
import { AchieveMilestoneRequest } from '../commands/achieve-milestone/achieve-milestone.request.js';
import { AddMilestone } from '../commands/add-milestone/add-milestone.command.js';
import { AddMilestoneRequest } from '../commands/add-milestone/add-milestone.request.js';
import { CancelAction, CompleteAction, DeferAction } from '../commands/close-action/close-action.command.js';
import {
  CompleteActionRequest,
  DeferActionRequest,
  ReasonRequest,
} from '../commands/close-action/close-action.request.js';
import { LogActionProgress } from '../commands/log-action-progress/log-action-progress.command.js';
import { LogActionProgressRequest } from '../commands/log-action-progress/log-action-progress.request.js';
import { ReassignActionLead } from '../commands/reassign-action-lead/reassign-action-lead.command.js';
import { ReassignActionLeadRequest } from '../commands/reassign-action-lead/reassign-action-lead.request.js';
import { ReopenAction } from '../commands/reopen-action/reopen-action.command.js';
import { ReviseDueDate } from '../commands/revise-due-date/revise-due-date.command.js';
import { ReviseDueDateRequest } from '../commands/revise-due-date/revise-due-date.request.js';
import { StrategyQueries } from '../queries/strategy.queries.js';
import { AsOfQuery } from './query-params.js';
import { ActionResponse, MyActionResponse, TimelineEntryResponse } from './responses.js';
import { UuidParam } from '../../common/http/validation.js';

@ApiTags('actions')
@ApiBearerAuth()
@Controller('api/v1/actions')
export class ActionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: StrategyQueries,
    private readonly clock: Clock,
  ) {}

  @Get(':id')
  @ApiRead(ActionResponse, {
    description: 'The action with its pledge, milestones and latest update',
    etag: true,
    notFound: true,
  })
  get(@UuidParam('id') id: string, @Query() query: AsOfQuery) {
    return this.queries.action(id, query.date ?? dateInCouncil(this.clock.now()));
  }

  @Get(':id/timeline')
  @ApiRead(TimelineEntryResponse, {
    isArray: true,
    description: 'Every update, RAG change, date revision and status change, with who and when',
    notFound: true,
  })
  timeline(@UuidParam('id') id: string) {
    return this.queries.timeline(id);
  }

  @Post(':id/progress')
  @Roles('admin', 'officer')
  @ApiChange(201)
  logProgress(
    @UuidParam('id') id: string,
    @Body() body: LogActionProgressRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new LogActionProgress(id, body, context));
  }

  @Post(':id/due-date')
  @Roles('admin', 'officer')
  @HttpCode(200)
  @ApiChange()
  reviseDueDate(
    @UuidParam('id') id: string,
    @Body() body: ReviseDueDateRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new ReviseDueDate(id, body, context));
  }

  @Post(':id/milestones')
  @Roles('admin', 'officer')
  @ApiChange(201)
  addMilestone(
    @UuidParam('id') id: string,
    @Body() body: AddMilestoneRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new AddMilestone(id, body, context));
  }

  @Post(':id/milestones/:milestoneId/achieve')
  @Roles('admin', 'officer')
  @HttpCode(200)
  @ApiChange()
  achieveMilestone(
    @UuidParam('id') id: string,
    @UuidParam('milestoneId') milestoneId: string,
    @Body() body: AchieveMilestoneRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new AchieveMilestone(id, milestoneId, body, context));
  }

  @Post(':id/complete')
  @Roles('admin', 'officer')
  @HttpCode(200)
  @ApiChange()
  complete(
    @UuidParam('id') id: string,
    @Body() body: CompleteActionRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new CompleteAction(id, body, context));
  }

  @Post(':id/cancel')
  @Roles('admin', 'officer')
  @HttpCode(200)
  @ApiChange()
  cancel(@UuidParam('id') id: string, @Body() body: ReasonRequest, @Context() context: CommandContext) {
    return this.commands.execute(new CancelAction(id, body, context));
  }

  @Post(':id/defer')
  @Roles('admin', 'officer')
  @HttpCode(200)
  @ApiChange()
  defer(@UuidParam('id') id: string, @Body() body: DeferActionRequest, @Context() context: CommandContext) {
    return this.commands.execute(new DeferAction(id, body, context));
  }

  @Post(':id/reopen')
  @Roles('admin', 'officer')
  @HttpCode(200)
  @ApiChange()
  reopen(@UuidParam('id') id: string, @Body() body: ReasonRequest, @Context() context: CommandContext) {
    return this.commands.execute(new ReopenAction(id, body, context));
  }

  @Put(':id/lead')
  @Roles('admin')
  @ApiChange()
  reassignLead(
    @UuidParam('id') id: string,
    @Body() body: ReassignActionLeadRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new ReassignActionLead(id, body, context));
  }
}

@ApiTags('actions')
@ApiBearerAuth()
@Controller('api/v1/me/actions')
export class MyActionsController {
  constructor(
    private readonly queries: StrategyQueries,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiRead(MyActionResponse, {
    isArray: true,
    description: 'The actions you lead, overdue first, each with its strategy and pledge',
  })
  mine(@CurrentActor() actor: Actor, @Query() query: AsOfQuery) {
    return this.queries.actionsLedBy(actor.id, query.date ?? dateInCouncil(this.clock.now()));
  }
}
