import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../../common/domain/actor.js';
import type { IsoDate } from '../../../common/domain/dates.js';
import type { Action } from '../../domain/action.aggregate.js';
import { ActionChangeHandler, ActionCommand, type Recorded } from '../change-handlers.js';
import type { ReasonRequest } from '../close-action/close-action.request.js';

export class ReopenAction extends ActionCommand {
  constructor(
    actionId: string,
    readonly request: ReasonRequest,
    context: CommandContext,
  ) {
    super(actionId, context);
  }
}

@CommandHandler(ReopenAction)
export class ReopenActionHandler extends ActionChangeHandler<ReopenAction> {
  protected decide(action: Action, { request }: ReopenAction, today: IsoDate): Recorded {
    action.reopen(request, today);
    return { reason: request.reason };
  }
}
