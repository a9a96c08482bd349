import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../../common/domain/actor.js';
import type { IsoDate } from '../../../common/domain/dates.js';
import type { Action } from '../../domain/action.aggregate.js';
import { ActionChangeHandler, ActionCommand, type Recorded } from '../change-handlers.js';
import type { ReviseDueDateRequest } from './revise-due-date.request.js';

export class ReviseDueDate extends ActionCommand {
  constructor(
    actionId: string,
    readonly revision: ReviseDueDateRequest,
    context: CommandContext,
  ) {
    super(actionId, context);
  }
}

@CommandHandler(ReviseDueDate)
export class ReviseDueDateHandler extends ActionChangeHandler<ReviseDueDate> {
  protected decide(action: Action, { revision }: ReviseDueDate, today: IsoDate): Recorded {
    action.reviseDueDate(revision, today);
    return { reason: revision.reason };
  }
}
