import { CommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import type { CommandContext } from '../../../common/domain/actor.js';
import type { IsoDate } from '../../../common/domain/dates.js';
import type { Action } from '../../domain/action.aggregate.js';
import { ActionChangeHandler, ActionCommand, type Recorded } from '../change-handlers.js';
import type { AddMilestoneRequest } from './add-milestone.request.js';

export class AddMilestone extends ActionCommand {
  constructor(
    actionId: string,
    readonly milestone: AddMilestoneRequest,
    context: CommandContext,
  ) {
    super(actionId, context);
  }
}

@CommandHandler(AddMilestone)
export class AddMilestoneHandler extends ActionChangeHandler<AddMilestone> {
  protected decide(action: Action, { milestone }: AddMilestone, today: IsoDate): Recorded {
    const milestoneId = uuidv7();
    action.addMilestone({ id: milestoneId, ...milestone }, today);
    return { answerId: milestoneId };
  }
}
