import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../../common/domain/actor.js';
import type { IsoDate } from '../../../common/domain/dates.js';
import type { Action } from '../../domain/action.aggregate.js';
import { ActionChangeHandler, ActionCommand, type Recorded } from '../change-handlers.js';
import type { LogActionProgressRequest } from './log-action-progress.request.js';

export class LogActionProgress extends ActionCommand {
  constructor(
    actionId: string,
    readonly update: LogActionProgressRequest,
    context: CommandContext,
  ) {
    super(actionId, context);
  }
}

@CommandHandler(LogActionProgress)
export class LogActionProgressHandler extends ActionChangeHandler<LogActionProgress> {
  protected decide(action: Action, { update }: LogActionProgress, today: IsoDate): Recorded {
    action.logProgress({ ...update, evidence: update.evidence ?? [] }, today);
    return { reason: update.ragJustification };
  }
}
