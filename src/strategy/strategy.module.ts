import { Module } from '@nestjs/common';
import { AchieveMilestoneHandler } from './commands/achieve-milestone/achieve-milestone.command.js';
import { AddMilestoneHandler } from './commands/add-milestone/add-milestone.command.js';
import { AddThemeHandler, ReorderThemesHandler } from './commands/add-theme/add-theme.command.js';
import { AmendPledgeHandler } from './commands/amend-pledge/amend-pledge.command.js';
import {
  ConcludePledgeHandler,
  ReinstatePledgeHandler,
  WithdrawPledgeHandler,
} from './commands/change-pledge-status/change-pledge-status.command.js';
import {
  AdoptStrategyHandler,
  CloseStrategyHandler,
  PutStrategyUnderReviewHandler,
} from './commands/change-strategy-status/change-strategy-status.command.js';
import {
  CancelActionHandler,
  CompleteActionHandler,
  DeferActionHandler,
} from './commands/close-action/close-action.command.js';
import { DraftStrategyHandler } from './commands/draft-strategy/draft-strategy.command.js';
import { LeadOfficers } from './commands/lead-officers.js';
import { LogActionProgressHandler } from './commands/log-action-progress/log-action-progress.command.js';
import { MakePledgeHandler } from './commands/make-pledge/make-pledge.command.js';
import { PlanActionHandler } from './commands/plan-action/plan-action.command.js';
import { ReassignActionLeadHandler } from './commands/reassign-action-lead/reassign-action-lead.command.js';
import { ReopenActionHandler } from './commands/reopen-action/reopen-action.command.js';
import { ReviseDueDateHandler } from './commands/revise-due-date/revise-due-date.command.js';
import { ActionsController, MyActionsController } from './http/actions.controller.js';
import { PledgesController } from './http/pledges.controller.js';
import { StrategiesController } from './http/strategies.controller.js';
import { StrategyOverviewAtController } from './http/overview-at.controller.js';
import { StrategyOverviewAtService } from './queries/overview-at.service.js';
import { StrategyQueries } from './queries/strategy.queries.js';
import { ActionPagesController } from './web/action-pages.controller.js';
import { AdminPagesController } from './web/admin-pages.controller.js';
import { StrategyPagesController } from './web/strategy-pages.controller.js';

/** Strategies, themes, pledges and actions: the API, the pages, the commands and the queries. */
@Module({
  controllers: [
    StrategiesController,
    PledgesController,
    ActionsController,
    MyActionsController,
    StrategyOverviewAtController,
    StrategyPagesController,
    ActionPagesController,
    AdminPagesController,
  ],
  providers: [
    StrategyQueries,
    StrategyOverviewAtService,
    LeadOfficers,
    DraftStrategyHandler,
    AddThemeHandler,
    ReorderThemesHandler,
    AdoptStrategyHandler,
    PutStrategyUnderReviewHandler,
    CloseStrategyHandler,
    MakePledgeHandler,
    AmendPledgeHandler,
    ConcludePledgeHandler,
    WithdrawPledgeHandler,
    ReinstatePledgeHandler,
    PlanActionHandler,
    LogActionProgressHandler,
    ReviseDueDateHandler,
    AddMilestoneHandler,
    AchieveMilestoneHandler,
    CompleteActionHandler,
    CancelActionHandler,
    DeferActionHandler,
    ReopenActionHandler,
    ReassignActionLeadHandler,
  ],
  exports: [StrategyQueries],
})
export class StrategyModule {}
