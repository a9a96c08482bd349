import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../../common/domain/actor.js';
import type { IsoDate } from '../../../common/domain/dates.js';
import type { Strategy } from '../../domain/strategy.aggregate.js';
import { ChangeCommand, StrategyChangeHandler, type Recorded } from '../change-handlers.js';
import type { AdoptStrategyRequest, StrategyReasonRequest } from './change-strategy-status.request.js';

export class AdoptStrategy extends ChangeCommand {
  constructor(
    strategyId: string,
    readonly request: AdoptStrategyRequest,
    context: CommandContext,
  ) {
    super(strategyId, context);
  }
}

export class PutStrategyUnderReview extends ChangeCommand {
  constructor(
    strategyId: string,
    readonly request: StrategyReasonRequest,
    context: CommandContext,
  ) {
    super(strategyId, context);
  }
}

export class CloseStrategy extends ChangeCommand {
  constructor(
    strategyId: string,
    readonly request: StrategyReasonRequest,
    context: CommandContext,
  ) {
    super(strategyId, context);
  }
}

@CommandHandler(AdoptStrategy)
export class AdoptStrategyHandler extends StrategyChangeHandler<AdoptStrategy> {
  protected decide(strategy: Strategy, { request }: AdoptStrategy, today: IsoDate): void {
    strategy.adopt(request, today);
  }
}

@CommandHandler(PutStrategyUnderReview)
export class PutStrategyUnderReviewHandler extends StrategyChangeHandler<PutStrategyUnderReview> {
  protected decide(strategy: Strategy, { request }: PutStrategyUnderReview, today: IsoDate): Recorded {
    strategy.putUnderReview(request, today);
    return { reason: request.reason };
  }
}

@CommandHandler(CloseStrategy)
export class CloseStrategyHandler extends StrategyChangeHandler<CloseStrategy> {
  protected decide(strategy: Strategy, { request }: CloseStrategy, today: IsoDate): Recorded {
    strategy.close(request, today);
    return { reason: request.reason };
  }
}
