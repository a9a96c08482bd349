import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../../common/domain/actor.js';
import type { IsoDate } from '../../../common/domain/dates.js';
import type { Pledge } from '../../domain/pledge.aggregate.js';
import { ChangeCommand, PledgeChangeHandler } from '../change-handlers.js';
import type { AmendPledgeRequest } from './amend-pledge.request.js';

export class AmendPledge extends ChangeCommand {
  constructor(
    pledgeId: string,
    readonly request: AmendPledgeRequest,
    context: CommandContext,
  ) {
    super(pledgeId, context);
  }
}

@CommandHandler(AmendPledge)
export class AmendPledgeHandler extends PledgeChangeHandler<AmendPledge> {
  protected decide(pledge: Pledge, { request }: AmendPledge, today: IsoDate): void {
    pledge.amend(request, today);
  }
}
