import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../../common/domain/actor.js';
import type { IsoDate } from '../../../common/domain/dates.js';
import type { Action } from '../../domain/action.aggregate.js';
import { ActionChangeHandler, ActionCommand } from '../change-handlers.js';
import type { AchieveMilestoneRequest } from './achieve-milestone.request.js';

export class AchieveMilestone extends ActionCommand {
  constructor(
    actionId: string,
    readonly milestoneId: string,
    readonly request: AchieveMilestoneRequest,
    context: CommandContext,
  ) {
    super(actionId, context);
  }
}

@CommandHandler(AchieveMilestone)
export class AchieveMilestoneHandler extends ActionChangeHandler<AchieveMilestone> {
  protected decide(action: Action, { milestoneId, request }: AchieveMilestone, today: IsoDate): void {
    action.achieveMilestone({ milestoneId, achievedOn: request.achievedOn }, today);
  }
}
