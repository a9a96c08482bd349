import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../../common/domain/actor.js';
import type { IsoDate } from '../../../common/domain/dates.js';
import type { Action } from '../../domain/action.aggregate.js';
import { ActionChangeHandler, ActionCommand, type Recorded } from '../change-handlers.js';
import type { CompleteActionRequest, DeferActionRequest, ReasonRequest } from './close-action.request.js';

export class CompleteAction extends ActionCommand {
  constructor(
    actionId: string,
    readonly request: CompleteActionRequest,
    context: CommandContext,
  ) {
    super(actionId, context);
  }
}

export class CancelAction extends ActionCommand {
  constructor(
    actionId: string,
    readonly request: ReasonRequest,
    context: CommandContext,
  ) {
    super(actionId, context);
  }
}

export class DeferAction extends ActionCommand {
  constructor(
    actionId: string,
    readonly request: DeferActionRequest,
    context: CommandContext,
  ) {
    super(actionId, context);
  }
}

@CommandHandler(CompleteAction)
export class CompleteActionHandler extends ActionChangeHandler<CompleteAction> {
  protected decide(action: Action, { request }: CompleteAction, today: IsoDate): Recorded {
    action.complete(request, today);
    return { reason: request.reason };
  }
}

@CommandHandler(CancelAction)
export class CancelActionHandler extends ActionChangeHandler<CancelAction> {
  protected decide(action: Action, { request }: CancelAction, today: IsoDate): Recorded {
    action.cancel(request, today);
    return { reason: request.reason };
  }
}

@CommandHandler(DeferAction)
export class DeferActionHandler extends ActionChangeHandler<DeferAction> {
  protected decide(action: Action, { request }: DeferAction, today: IsoDate): Recorded {
    action.defer(request, today);
    return { reason: request.reason };
  }
}
