import { CommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import type { CommandContext } from '../../../common/domain/actor.js';
import type { Action } from '../../domain/action.aggregate.js';
import { ActionChangeHandler, ActionCommand, type Recorded } from '../change-handlers.js';
import type { MilestoneRequest } from './add-milestone.request.js';

export class AddMilestone extends ActionCommand {
  constructor(
    actionId: string,
    readonly milestone: MilestoneRequest,
    context: CommandContext,
  ) {
    super(actionId, context);
  }
}

@CommandHandler(AddMilestone)
export class AddMilestoneHandler extends ActionChangeHandler<AddMilestone> {
  protected decide(action: Action, { milestone }: AddMilestone): Recorded {
    const milestoneId = uuidv7();
    action.addMilestone({ id: milestoneId, ...milestone });
    return { answerId: milestoneId };
  }
}
