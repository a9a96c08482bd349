import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../../../common/domain/actor.js';
import { Clock } from '../../../common/domain/clock.js';
import { dateInCouncil } from '../../../common/domain/dates.js';
import { AggregateRepository } from '../../../common/persistence/aggregate-repository.js';
import { pledgeIdFor } from '../../domain/identities.js';
import { Pledge } from '../../domain/pledge.aggregate.js';
import { Strategy } from '../../domain/strategy.aggregate.js';
import { requireAdmin } from '../change-handlers.js';
import type { MakePledgeRequest } from './make-pledge.request.js';

export class MakePledge extends Command<CommandResult> {
  constructor(
    readonly strategyId: string,
    readonly request: MakePledgeRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(MakePledge)
export class MakePledgeHandler implements ICommandHandler<MakePledge, CommandResult> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly clock: Clock,
  ) {}

  execute(command: MakePledge): Promise<CommandResult> {
    return this.repository.decideAgainIfReadMoved(() => this.decideOnce(command));
  }

  private async decideOnce({ strategyId, request, context }: MakePledge): Promise<CommandResult> {
    requireAdmin(context.actor, 'pledge');
    const strategy = await this.repository.loadExisting(new Strategy(strategyId), 'strategy');
    const pledge = await this.repository.load(new Pledge(pledgeIdFor(strategyId, request.reference)));
    pledge.make(
      strategy,
      { ...request, principles: request.principles ?? [] },
      dateInCouncil(this.clock.now()),
    );
    return this.repository.save(pledge, context, { readFrom: [strategy] });
  }
}
