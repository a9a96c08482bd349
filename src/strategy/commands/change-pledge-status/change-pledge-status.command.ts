import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../../common/domain/actor.js';
import type { IsoDate } from '../../../common/domain/dates.js';
import type { Pledge } from '../../domain/pledge.aggregate.js';
import { ChangeCommand, PledgeChangeHandler, type Recorded } from '../change-handlers.js';
import type { ConcludePledgeRequest, PledgeReasonRequest } from './change-pledge-status.request.js';

export class ConcludePledge extends ChangeCommand {
  constructor(
    pledgeId: string,
    readonly request: ConcludePledgeRequest,
    context: CommandContext,
  ) {
    super(pledgeId, context);
  }
}

export class WithdrawPledge extends ChangeCommand {
  constructor(
    pledgeId: string,
    readonly request: PledgeReasonRequest,
    context: CommandContext,
  ) {
    super(pledgeId, context);
  }
}

export class ReinstatePledge extends ChangeCommand {
  constructor(
    pledgeId: string,
    readonly request: PledgeReasonRequest,
    context: CommandContext,
  ) {
    super(pledgeId, context);
  }
}

@CommandHandler(ConcludePledge)
export class ConcludePledgeHandler extends PledgeChangeHandler<ConcludePledge> {
  protected decide(pledge: Pledge, { request }: ConcludePledge, today: IsoDate): Recorded {
    pledge.conclude(request, today);
    return { reason: request.reason };
  }
}

@CommandHandler(WithdrawPledge)
export class WithdrawPledgeHandler extends PledgeChangeHandler<WithdrawPledge> {
  protected decide(pledge: Pledge, { request }: WithdrawPledge, today: IsoDate): Recorded {
    pledge.withdraw(request, today);
    return { reason: request.reason };
  }
}

@CommandHandler(ReinstatePledge)
export class ReinstatePledgeHandler extends PledgeChangeHandler<ReinstatePledge> {
  protected decide(pledge: Pledge, { request }: ReinstatePledge, today: IsoDate): Recorded {
    pledge.reinstate(request, today);
    return { reason: request.reason };
  }
}
